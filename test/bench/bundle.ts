import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Gzipped size of what the browser must download before the first map: the entry script and
 * stylesheet that index.html names and the chunks it preloads. Lazily loaded chunks are not counted
 * there but are in the total.
 */
export function measureClientBundle(clientDirectory: string) {
  const gzippedKilobytes = (file: string) => gzipSync(readFileSync(join(clientDirectory, file)), { level: 9 }).length / 1024;
  const html = readFileSync(join(clientDirectory, 'index.html'), 'utf8');
  const firstMapFiles = new Set([...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]));
  const allFiles = readdirSync(join(clientDirectory, 'assets')).filter((file) => /\.(js|css|mjs)$/.test(file)).map((file) => `assets/${file}`);
  const sum = (files: Iterable<string>) => [...files].reduce((total, file) => total + gzippedKilobytes(file), 0);
  return { firstMapKilobytes: sum(firstMapFiles), totalKilobytes: sum(allFiles), firstMapFiles: [...firstMapFiles] };
}
