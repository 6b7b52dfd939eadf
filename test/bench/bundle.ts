import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Gzipped size (gzip -9) of client files: those the browser requested before its first map was
 * drawn (scripts, stylesheets, the MapLibre worker, as the first-map bench records them), and all
 * of them, including chunks loaded later. `firstMapFiles` lists the first group, largest first, so a
 * panel that slips back into the first map's code shows by name.
 */
export function measureClientBundle(clientDirectory: string, firstMapAssets: string[]) {
  const gzippedKilobytes = (file: string) => gzipSync(readFileSync(join(clientDirectory, file)), { level: 9 }).length / 1024;
  const code = (file: string) => /\.(js|mjs|css)$/.test(file);
  const allFiles = readdirSync(join(clientDirectory, 'assets')).map((file) => `assets/${file}`).filter(code);
  const sum = (files: string[]) => files.reduce((total, file) => total + gzippedKilobytes(file), 0);
  const firstMapFiles = firstMapAssets.filter(code).map((file) => ({ file, kilobytes: gzippedKilobytes(file) })).sort((a, b) => b.kilobytes - a.kilobytes);
  return { firstMapKilobytes: sum(firstMapAssets.filter(code)), firstMapFiles, totalKilobytes: sum(allFiles) };
}
