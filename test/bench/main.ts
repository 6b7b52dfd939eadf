/**
 * `npm run bench`: the speed and memory figures the issues name, each printed beside its target
 * as a ratio (measured ÷ target; under 1 is within target). Timings are medians of a few runs,
 * because these machines are shared and noisy. Nothing here is a pass/fail test.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureFirstMapLoad } from './first-map.ts';
import { measureClientBundle } from './bundle.ts';
import { measureServerStart } from './server-start.ts';

interface Row {
  figure: string;
  measured: number;
  target: number;
  unit: string;
}

const rows: Row[] = [];
const print = (row: Row) => {
  rows.push(row);
  const ratio = row.measured / row.target;
  console.log(`${row.figure.padEnd(46)} ${row.measured.toFixed(row.unit === 's' ? 2 : 0).padStart(9)} ${row.unit.padEnd(3)} target ${String(row.target).padStart(5)} ${row.unit.padEnd(3)} ratio ${ratio.toFixed(2)} ${ratio <= 1 ? 'ok' : 'OVER'}`);
};

console.log('lifecircle bench: measured ÷ target (under 1.00 is within target)\n');

const dataDirectory = mkdtempSync(join(tmpdir(), 'lifecircle-bench-'));
try {
  const start = await measureServerStart(dataDirectory, 3);
  print({ figure: 'cold start, first run (fresh embedded database)', measured: start.firstRunSeconds, target: 30, unit: 's' });
  print({ figure: `cold start, restart (median of ${start.restartSeconds.length})`, measured: median(start.restartSeconds), target: 5, unit: 's' });
  print({ figure: 'server memory once ready (RSS, embedded database)', measured: start.readyRssMegabytes, target: 1536, unit: 'MB' });

  if (!existsSync('dist/client/index.html')) execFileSync('npx', ['vite', 'build'], { stdio: 'ignore' });
  const bundle = measureClientBundle('dist/client');
  print({ figure: 'client bundle for the first map (gzipped)', measured: bundle.firstMapKilobytes, target: 700, unit: 'kB' });
  console.log(`${''.padEnd(4)}(everything, including what loads later: ${bundle.totalKilobytes.toFixed(0)} kB gzipped)`);

  if (existsSync('/usr/bin/chromium')) {
    const seconds = await measureFirstMapLoad(dataDirectory, 3);
    print({ figure: `page load to rendered map (median of ${seconds.length})`, measured: median(seconds), target: 3, unit: 's' });
  } else {
    console.log('page load to rendered map: SKIPPED, /usr/bin/chromium is not installed (apt-get install chromium)');
  }
} finally {
  rmSync(dataDirectory, { recursive: true, force: true });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
