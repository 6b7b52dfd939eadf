import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const projectRoot = resolve(import.meta.dirname, '../..');

/**
 * What the built client is made from: its sources, the server's zod-free vocabulary it imports at
 * run time, and the build's own settings and versions. A change to any of them calls for a build.
 */
const clientInputs = ['client', 'server/contract/vocabulary', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];

function newestModification(path: string): number {
  const status = statSync(path);
  if (!status.isDirectory()) return status.mtimeMs;
  return Math.max(status.mtimeMs, ...readdirSync(path).map((entry) => newestModification(join(path, entry))));
}

/** True when dist/client holds a build newer than everything it is made from. */
export function isClientBuildCurrent(): boolean {
  const builtIndex = join(projectRoot, 'dist/client/index.html');
  if (!existsSync(builtIndex)) return false;
  const inputs = clientInputs.map((input) => join(projectRoot, input)).filter(existsSync);
  return statSync(builtIndex).mtimeMs > Math.max(...inputs.map(newestModification));
}

/**
 * Builds the client with Vite unless the build in dist/client is current: `npm start` and the
 * browser tests' set-up call it, so a restart serves at once instead of rebuilding every time.
 */
export function buildClientIfStale(): 'built' | 'current' {
  if (isClientBuildCurrent()) return 'current';
  execFileSync(process.execPath, [join(projectRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: projectRoot, stdio: 'inherit' });
  return 'built';
}
