import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** What the server printed, for failures and for the bench. */
  output: () => string;
  stop: () => Promise<void>;
}

const projectRoot = resolve(import.meta.dirname, '../..');

/**
 * Starts `server/main.ts` as its own process on a free port (PORT=0) and waits for its
 * "ready … http://host:port/" line, so tests talk to it over real HTTP, as a browser would. The
 * first start of an embedded database creates PostGIS and seeds: over 90 s on a busy shared
 * machine, so the limit is generous; it only stops a server that never comes up.
 */
export async function startServerProcess(
  environment: Record<string, string | undefined>,
  timeoutMilliseconds = 300_000,
  command: [string, ...string[]] = [process.execPath, '--import', 'tsx', 'server/main.ts'],
): Promise<RunningServer> {
  const [program, ...programArguments] = command;
  const child = spawn(program, programArguments, {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${timeoutMilliseconds} ms:\n${printed}`)), timeoutMilliseconds);
    const read = (chunk: Buffer) => {
      printed += chunk.toString();
      const match = printed.match(/ready in [\d.]+ s: (http:\/\/[^\s/]+)\//);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before it was ready:\n${printed}`));
    });
  });
  return {
    url,
    process: child,
    output: () => printed,
    stop: () =>
      new Promise<void>((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
