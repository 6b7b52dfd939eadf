import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { migrateDatabase } from '../../server/db/migrate.ts';
import { seedAll } from '../../server/seed/seed-all.ts';
import { createFreshDatabase } from '../helpers/fresh-database.ts';

const square = (west: number, south: number, size = 0.001) => ({
  type: 'Polygon',
  coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]],
});
const point = (longitude: number, latitude: number) => ({ type: 'Point', coordinates: [longitude, latitude] });

function writeCollection(directory: string, id: string, features: object[], title = '测试') {
  writeFileSync(join(directory, `${id}.geojson`), JSON.stringify({ type: 'FeatureCollection', collection: { title, titleEn: 'Test' }, features }));
}

const databases: { kind: string; open: () => Promise<{ database: Database; cleanUp: () => void }> }[] = [
  {
    kind: 'embedded',
    open: async () => {
      const directory = mkdtempSync(join(tmpdir(), 'lifecircle-seed-'));
      const database = await openDatabase({ dataDirectory: directory });
      return { database, cleanUp: () => rmSync(directory, { recursive: true, force: true }) };
    },
  },
];
if (process.env.DATABASE_URL) {
  databases.push({
    kind: 'postgres',
    open: async () => {
      const databaseUrl = await createFreshDatabase(process.env.DATABASE_URL!, 'seedtest');
      return { database: await openDatabase({ databaseUrl, dataDirectory: '' }), cleanUp: () => {} };
    },
  });
}

describe.each(databases)('migrations and the seed step on the $kind database', ({ open }) => {
  let database: Database;
  let cleanUp: () => void;
  const geodata = mkdtempSync(join(tmpdir(), 'lifecircle-geodata-'));

  beforeAll(async () => {
    ({ database, cleanUp } = await open());
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    cleanUp?.();
    rmSync(geodata, { recursive: true, force: true });
  });

  const count = async (collectionId: string) =>
    (await database.query<{ count: number }>('select count(*)::int as count from feature where collection_id = $1', [collectionId]))[0].count;

  it('applies the migrations once and stores geometry as SRID 4326 with a GiST index', async () => {
    expect(await migrateDatabase(database)).toContain('001_collections_and_features.sql');
    expect(await migrateDatabase(database)).toEqual([]);
    const [column] = await database.query<{ srid: number }>(`select Find_SRID('public', 'feature', 'geometry') as srid`);
    expect(column.srid).toBe(4326);
    const indexes = await database.query<{ indexdef: string }>(`select indexdef from pg_indexes where tablename = 'feature'`);
    expect(indexes.some((index) => /using gist \(geometry\)/i.test(index.indexdef))).toBe(true);
  });

  it('loads whatever datasets the folder holds, and a second run adds nothing', async () => {
    writeCollection(geodata, 'parks', [
      { type: 'Feature', id: 'park-a', properties: { name: '甲公园', source: 'estimated' }, geometry: square(121.52, 31.22) },
      { type: 'Feature', id: 'park-b', properties: { name: '乙公园', source: 'estimated' }, geometry: square(121.53, 31.22) },
    ]);
    writeCollection(geodata, 'bus_stops', [
      { type: 'Feature', properties: { name: '站一' }, geometry: point(121.52, 31.23) },
    ]);
    const first = (await seedAll(database, geodata)).collections;
    expect(first.map((report) => [report.collectionId, report.changed])).toEqual([['bus_stops', 1], ['parks', 2]]);
    expect(await count('parks')).toBe(2);
    const second = (await seedAll(database, geodata)).collections;
    expect(second.every((report) => report.skipped)).toBe(true);
    expect(await count('parks')).toBe(2);
    expect(await count('bus_stops')).toBe(1);
  });

  it('refreshes changed seed features but never overwrites a feature a person edited', async () => {
    await database.query(`update feature set properties = properties || '{"name":"用户改名"}', edited_at = now() where feature_key = 'park-a'`);
    writeCollection(geodata, 'parks', [
      { type: 'Feature', id: 'park-a', properties: { name: '甲公园（新版）', source: 'estimated' }, geometry: square(121.52, 31.22) },
      { type: 'Feature', id: 'park-b', properties: { name: '乙公园（新版）', source: 'estimated' }, geometry: square(121.53, 31.22) },
      { type: 'Feature', id: 'park-c', properties: { name: '丙公园', source: 'estimated' }, geometry: square(121.54, 31.22) },
    ]);
    await seedAll(database, geodata);
    const names = await database.query<{ feature_key: string; name: string }>(
      `select feature_key, properties->>'name' as name from feature where collection_id = 'parks' order by feature_key`,
    );
    expect(names).toEqual([
      { feature_key: 'park-a', name: '用户改名' },
      { feature_key: 'park-b', name: '乙公园（新版）' },
      { feature_key: 'park-c', name: '丙公园' },
    ]);
  });

  it('refuses a file with an invalid geometry, names the feature, and leaves the collection as it was', async () => {
    writeCollection(geodata, 'parks', [
      { type: 'Feature', id: 'park-a', properties: { name: '甲公园' }, geometry: square(121.52, 31.22) },
      // A bow tie: the ring crosses itself.
      { type: 'Feature', id: 'park-bow', properties: { name: '蝴蝶结' }, geometry: { type: 'Polygon', coordinates: [[[121.5, 31.2], [121.51, 31.21], [121.51, 31.2], [121.5, 31.21], [121.5, 31.2]]] } },
    ]);
    await expect(seedAll(database, geodata)).rejects.toThrow(/park-bow.*Self-intersection/i);
    expect(await count('parks')).toBe(3);
  });

  it('refuses coordinates out of range and duplicate ids before touching the database', async () => {
    writeCollection(geodata, 'parks', [{ type: 'Feature', id: 'far', properties: {}, geometry: point(200, 31) }]);
    await expect(seedAll(database, geodata)).rejects.toThrow(/far.*longitude 200/);
    writeCollection(geodata, 'parks', [
      { type: 'Feature', id: 'twin', properties: {}, geometry: point(121.5, 31.2) },
      { type: 'Feature', id: 'twin', properties: {}, geometry: point(121.5, 31.21) },
    ]);
    await expect(seedAll(database, geodata)).rejects.toThrow(/"twin" appears twice/);
    expect(await count('parks')).toBe(3);
  });
});

describe('the embedded database survives a restart', () => {
  it('keeps its data and does not migrate again', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'lifecircle-restart-'));
    const geodata = mkdtempSync(join(tmpdir(), 'lifecircle-geodata-'));
    try {
      writeCollection(geodata, 'parks', [{ type: 'Feature', id: 'park-a', properties: { name: '甲公园' }, geometry: square(121.52, 31.22) }]);
      let database = await openDatabase({ dataDirectory: directory });
      await migrateDatabase(database);
      await seedAll(database, geodata);
      // One process at a time: a second one would corrupt the files or silently diverge.
      const otherProcess = spawnSync(process.execPath, ['--import', 'tsx', '-e',
        `import('./server/db/database.ts').then((m) => m.openDatabase({ dataDirectory: ${JSON.stringify(directory)} })).then(() => process.exit(0), (error) => { console.error(error.message); process.exit(3); })`],
      { cwd: resolve(import.meta.dirname, '../..'), encoding: 'utf8', timeout: 60_000 });
      expect(otherProcess.status).toBe(3);
      expect(otherProcess.stderr).toMatch(/open in another process \(pid \d+\)/);
      await database.close();
      // A lock left by a process that is gone (a killed server) is taken over.
      writeFileSync(join(directory, 'lifecircle.lock'), '999999999');
      database = await openDatabase({ dataDirectory: directory });
      expect(await migrateDatabase(database)).toEqual([]);
      expect((await seedAll(database, geodata)).collections[0].skipped).toBe(true);
      const [row] = await database.query<{ name: string }>(`select properties->>'name' as name from feature where feature_key = 'park-a'`);
      expect(row.name).toBe('甲公园');
      await database.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
      rmSync(geodata, { recursive: true, force: true });
    }
  }, 120_000);
});
