import { readFileSync } from 'node:fs';
import { startServerProcess } from '../helpers/server-process.ts';

/**
 * Time from spawning the server to its first answer to /api/health, on a fresh embedded database
 * (creates PostGIS, migrates, seeds) and then restarts on the same data directory.
 */
export async function measureServerStart(dataDirectory: string, restarts: number) {
  const timeOneStart = async () => {
    const startedAt = performance.now();
    const server = await startServerProcess({ DATABASE_URL: '', DATA_DIR: dataDirectory, CLIENT_DIR: '/nonexistent' });
    const response = await fetch(`${server.url}/api/health`);
    if (!response.ok) throw new Error(`health answered ${response.status}`);
    const seconds = (performance.now() - startedAt) / 1000;
    const readyRssMegabytes = residentMegabytes(server.process.pid!);
    await server.stop();
    return { seconds, readyRssMegabytes };
  };
  const first = await timeOneStart();
  const restartSeconds: number[] = [];
  let readyRssMegabytes = first.readyRssMegabytes;
  for (let index = 0; index < restarts; index++) {
    const restart = await timeOneStart();
    restartSeconds.push(restart.seconds);
    readyRssMegabytes = Math.max(readyRssMegabytes, restart.readyRssMegabytes);
  }
  return { firstRunSeconds: first.seconds, restartSeconds, readyRssMegabytes };
}

/** VmRSS of a process, from /proc (Linux), in MB. */
export function residentMegabytes(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}
