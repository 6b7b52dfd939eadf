import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/database.ts';

const projectRoot = resolve(import.meta.dirname, '../../..');
const fixtures = 'test/fixtures/import';
const dataDirectory = mkdtempSync(join(tmpdir(), 'lifecircle-cli-'));

/** Runs `npm run import -- …` as the command does (tsx server/cli/import.ts) on a temporary embedded database. */
function runImport(...parameters: (string | Record<string, string>)[]): Promise<{ exitCode: number | null; output: string }> {
  const environment = parameters.find((parameter) => typeof parameter === 'object') ?? {};
  const words = parameters.filter((parameter) => typeof parameter === 'string');
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', ...words], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDirectory, ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (exitCode) => resolveRun({ exitCode, output }));
  });
}

afterAll(() => rmSync(dataDirectory, { recursive: true, force: true }));

describe('npm run import', () => {
  it('explains itself, including that the embedded database must not be open in a running server', async () => {
    const { exitCode, output } = await runImport('--help');
    expect(exitCode).toBe(0);
    expect(output).toMatch(/--as <collection>/);
    expect(output).toMatch(/--keep-good-rows/);
    expect(output).toMatch(/one process only: stop the server first, or import\s+through the running server's API/);
  }, 30_000);

  it('refuses to run without a collection or a readable file, with exit code 1', async () => {
    const withoutCollection = await runImport(`${fixtures}/weifang-small.osm`);
    expect(withoutCollection.exitCode).toBe(1);
    expect(withoutCollection.output).toMatch(/--as <collection>/);
    const missing = await runImport('no-such-file.csv', '--as', 'cli_missing');
    expect(missing.exitCode).toBe(1);
    expect(missing.output).toMatch(/cannot read no-such-file\.csv: no such file/);
  }, 30_000);

  it('refuses to open an embedded database that another process (a running server) has open', async () => {
    const openElsewhere = mkdtempSync(join(tmpdir(), 'lifecircle-cli-open-'));
    try {
      writeFileSync(join(openElsewhere, 'postmaster.pid'), '-42\n');
      const { exitCode, output } = await runImport(`${fixtures}/weifang-small.osm`, '--as', 'cli_osm', { DATA_DIR: openElsewhere });
      expect(exitCode).toBe(1);
      expect(output).toMatch(/is open in another process \(a running server\?\)/);
      expect(output).toMatch(/import through its API/);
    } finally {
      rmSync(openElsewhere, { recursive: true, force: true });
    }
  }, 30_000);

  it('loads a GCJ-02 CSV, prints what it did, and says so when the same file changes nothing', async () => {
    const first = await runImport(`${fixtures}/weifang-addresses-gcj02.csv`, '--as', 'cli_addresses', '--crs', 'gcj02');
    expect(first.output).toMatch(/weifang-addresses-gcj02\.csv → cli_addresses \(csv, coordinates gcj02 converted to wgs84\)/);
    expect(first.output).toMatch(/rows 8: added 8, changed 0, unchanged 0, bad 0/);
    expect(first.output).toMatch(/created the collection cli_addresses/);
    expect(first.exitCode).toBe(0);
    const again = await runImport(`${fixtures}/weifang-addresses-gcj02.csv`, '--as', 'cli_addresses', '--crs', 'gcj02');
    expect(again.output).toMatch(/Nothing changed/);
    expect(again.output).toMatch(/added 0, changed 0, unchanged 8, bad 0/);
    expect(again.exitCode).toBe(0);
  }, 120_000);

  it('loads nothing from a file with bad rows, lists every one with its line, and exits 1', async () => {
    const { exitCode, output } = await runImport(`${fixtures}/facilities-with-bad-rows.csv`, '--as', 'cli_facilities');
    expect(exitCode).toBe(1);
    expect(output).toMatch(/Nothing was loaded: 4 of 7 row\(s\) are bad/);
    expect(output).toMatch(/line 3 \(id "f-2"\): lng "abc" is not a number/);
    expect(output).toMatch(/line 4 \(id "f-3"\): geometry\.coordinates: latitude 95 is outside -90…90/);
    expect(output).toMatch(/line 5: has 3 field\(s\); the header has 4/);
    expect(output).toMatch(/line 9 \(id "f-7"\): lng is empty; lat is empty/);
  }, 120_000);

  it('with --keep-good-rows loads the good rows, lists the bad ones, and exits 2', async () => {
    const { exitCode, output } = await runImport(`${fixtures}/facilities-with-bad-rows.csv`, '--as', 'cli_facilities', '--keep-good-rows');
    expect(output).toMatch(/rows 7: added 3, changed 0, unchanged 0, bad 4/);
    expect(output).toMatch(/bad rows \(4\):/);
    expect(exitCode).toBe(2);
  }, 120_000);

  it('with --dry-run reads an Excel list of addresses, places its rows, prints what it would do, and writes nothing', async () => {
    const { exitCode, output } = await runImport(`${fixtures}/facilities-addresses-only.xlsx`, '--as', 'cli_excel', '--dry-run', '--keep-good-rows');
    expect(output).toMatch(/facilities-addresses-only\.xlsx → cli_excel \(xlsx/);
    expect(output).toMatch(/layer 设施清单 of 设施清单, 说明/);
    expect(output).toMatch(/columns: 设施名称 → name, 设施类型 → facility_type, 地址 → address/);
    expect(output).toMatch(/placed by address: exact \d+, interpolated \d+, street only \d+, not found 1/);
    expect(output).toMatch(/Preview: 9 feature\(s\) would be loaded into cli_excel \(9 added, 0 changed, 0 unchanged\), 2 bad row\(s\) left out; nothing was written/);
    expect(output).toMatch(/row 14: has no coordinates and its 地址 is empty/);
    expect(exitCode).toBe(2);
  }, 120_000);

  it('left the features where the report says, converted to WGS 84', async () => {
    const database = await openDatabase({ dataDirectory });
    try {
      const counts = await database.query<{ collection_id: string; count: number }>(
        `select collection_id, count(*)::int as count from feature group by collection_id order by collection_id`,
      );
      expect(counts).toEqual([{ collection_id: 'cli_addresses', count: 8 }, { collection_id: 'cli_facilities', count: 3 }]);
      const [lane] = await database.query<{ longitude: number; latitude: number }>(
        `select ST_X(geometry) as longitude, ST_Y(geometry) as latitude from feature where feature_key = 'addr-1'`,
      );
      // 崂山路571弄: GCJ-02 121.52303, 31.226273 in the file; WGS 84 121.5186807, 31.2283614 published.
      expect(lane.longitude).toBeCloseTo(121.51868, 4);
      expect(lane.latitude).toBeCloseTo(31.22836, 4);
    } finally {
      await database.close();
    }
  }, 120_000);
});
