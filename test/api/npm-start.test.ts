import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type RunningServer } from '../helpers/server-process.ts';

const projectRoot = resolve(import.meta.dirname, '../..');
const serverStartTimeout = 10 * 60_000;

/** Sends SIGTERM to `npm start` itself, as a service manager does, and waits for npm to exit. */
function terminate(server: RunningServer): Promise<NodeJS.Signals | number | null> {
  return new Promise((resolveExit) => {
    if (server.process.exitCode !== null) return resolveExit(server.process.exitCode);
    server.process.once('exit', (code, signal) => resolveExit(signal ?? code));
    server.process.kill('SIGTERM');
  });
}

/** The answer at `url`, or the connection error's code when nothing listens there any more. */
async function reach(url: string): Promise<number | string> {
  try {
    return (await fetch(url)).status;
  } catch (error) {
    return ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code ?? String(error);
  }
}

describe('npm start, as a person or a service manager runs it', () => {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'lifecircle-npm-start-'));
  const npmStart = (): Promise<RunningServer> =>
    startServerProcess({ DATABASE_URL: '', DATA_DIR: dataDirectory }, serverStartTimeout, ['npm', 'start']);
  afterAll(() => rmSync(dataDirectory, { recursive: true, force: true }));

  it('serves the dashboard, frees its port on SIGTERM, and on the next start does not rebuild an unchanged client', { timeout: 2 * serverStartTimeout }, async () => {
    const first = await npmStart();
    expect(await reach(`${first.url}/`)).toBe(200);
    expect(await reach(`${first.url}/api/collections`)).toBe(200);
    const builtIndex = join(projectRoot, 'dist/client/index.html');
    const builtAt = statSync(builtIndex).mtimeMs;

    await terminate(first);
    // npm has exited: nothing may still be listening on the port (a server left behind holds it).
    expect(await reach(`${first.url}/`)).toBe('ECONNREFUSED');

    const second = await npmStart();
    try {
      expect(second.output()).toContain('client build is current: not rebuilt');
      expect(statSync(builtIndex).mtimeMs).toBe(builtAt);
      expect(await reach(`${second.url}/api/collections`)).toBe(200);
    } finally {
      await terminate(second);
    }
    expect(await reach(`${second.url}/`)).toBe('ECONNREFUSED');
  });
});
