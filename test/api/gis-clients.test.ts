import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serversUnderTest } from '../helpers/api.ts';
import { readGeodataCollections } from '../helpers/geodata.ts';

// GDAL is an independent OGC API - Features client: if it reads our collections, so can QGIS and ArcGIS.
const ogrinfo = ['/usr/bin/ogrinfo', '/usr/local/bin/ogrinfo'].find((path) => existsSync(path));
if (!ogrinfo && process.env.CI) throw new Error('CI is set but GDAL (ogrinfo) is not installed: apt-get install gdal-bin');
if (!ogrinfo) console.warn('\n[api tests] SKIPPED the GDAL client test: ogrinfo is not installed (apt-get install gdal-bin)\n');

const geodata = readGeodataCollections();

describe.skipIf(!ogrinfo).each(serversUnderTest())('GDAL reads the API on the $database database', (server) => {
  const run = (...parameters: string[]) => execFileSync(ogrinfo!, ['-ro', '-so', ...parameters], { encoding: 'utf8', timeout: 60_000 });

  it('lists every collection', () => {
    const listing = run(`OAPIF:${server.url}/api`);
    for (const collectionId of geodata.keys()) expect(listing).toMatch(new RegExp(`^\\d+: ${collectionId} \\(`, 'm'));
  });

  it('counts every feature of each collection and reads it as WGS 84', () => {
    for (const [collectionId, file] of geodata) {
      const summary = run(`OAPIF:${server.url}/api`, collectionId);
      expect(summary, collectionId).toContain(`Feature Count: ${file.features.length}`);
      expect(summary).toMatch(/ID\["EPSG",4326\]/);
    }
  });
});
