import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RequestError } from '../../../server/errors.ts';
import { parseCsvFile } from '../../../server/import/parse-csv-file.ts';

const fixtures = resolve(import.meta.dirname, '../../fixtures/import');

describe('parseCsvFile', () => {
  it.each([
    ['lon,lat', 'lon', 'lat'],
    ['LNG,LAT', 'LNG', 'LAT'],
    ['Longitude,Latitude', 'Longitude', 'Latitude'],
    ['x,y', 'x', 'y'],
    ['经度,纬度', '经度', '纬度'],
  ])('finds the coordinate columns of a header %s', (header) => {
    const { rows, declaredCrs } = parseCsvFile(`name,${header}\n甲,121.52,31.22\n`);
    expect(declaredCrs).toBeUndefined();
    expect(rows[0].feature?.geometry).toEqual({ type: 'Point', coordinates: [121.52, 31.22] });
    expect(rows[0].feature?.properties).toEqual({ name: '甲' });
  });

  it('reads the Chinese GCJ-02 fixture with its byte-order mark: 编号 as ids, other columns as properties, numbers as numbers', () => {
    const { rows } = parseCsvFile(readFileSync(resolve(fixtures, 'weifang-addresses-gcj02.csv'), 'utf8'));
    expect(rows).toHaveLength(8);
    expect(rows[0]).toMatchObject({ line: 2, location: 'line 2 (id "addr-1")', fileId: 'addr-1', problems: [] });
    expect(rows[0].feature?.properties).toEqual({ 地址: '崂山路571弄', 户数: 100 });
    expect(rows[0].feature?.geometry).toEqual({ type: 'Point', coordinates: [121.52303, 31.226273] });
  });

  it('keeps codes as text and empty cells as null', () => {
    const { rows } = parseCsvFile('code,zip,area,note,lng,lat\n007,310115007001234567,12.50,,121.5,31.2\n');
    expect(rows[0].feature?.properties).toEqual({ code: '007', zip: '310115007001234567', area: '12.50', note: null });
  });

  it('reports each bad row with the line an editor shows, counting a quoted value over two lines', () => {
    const { rows } = parseCsvFile(readFileSync(resolve(fixtures, 'facilities-with-bad-rows.csv'), 'utf8'));
    const bad = rows.filter((row) => row.problems.length > 0).map((row) => [row.line, row.problems.join('; ')]);
    expect(bad).toEqual([
      [3, 'lng "abc" is not a number'],
      [5, 'has 3 field(s); the header has 4'],
      [9, 'lng is empty; lat is empty'],
    ]);
    // Latitude 95 is a number: the range check comes later, with the other geometry checks.
    expect(rows.find((row) => row.fileId === 'f-3')?.problems).toEqual([]);
    const multiLine = rows.find((row) => row.fileId === 'f-6');
    expect(multiLine).toMatchObject({ line: 7, problems: [] });
    expect(multiLine?.feature?.properties).toEqual({ name: '名字里\n有换行' });
  });

  it('counts lines the same with Windows line endings and reads semicolon-separated files', () => {
    const { rows } = parseCsvFile('name;lng;lat\r\n甲;121.5;31.2\r\n\r\n乙;x;31.2\r\n');
    expect(rows.map((row) => [row.line, row.problems])).toEqual([[2, []], [4, ['lng "x" is not a number']]]);
  });

  it('takes the coordinate system from tagged column names, preferring WGS 84 when both are there', () => {
    const header = 'address,wgs84_lng,wgs84_lat,gcj02_lng,gcj02_lat';
    const line = '崂山路571弄,121.518,31.228,121.523,31.226';
    const wgs84 = parseCsvFile(`${header}\n${line}\n`);
    expect(wgs84.declaredCrs).toBe('wgs84');
    expect(wgs84.rows[0].feature?.geometry).toEqual({ type: 'Point', coordinates: [121.518, 31.228] });
    expect(wgs84.rows[0].feature?.properties).toMatchObject({ gcj02_lng: 121.523 });
    const gcj02 = parseCsvFile(`${header}\n${line}\n`, 'gcj02');
    expect(gcj02.declaredCrs).toBe('gcj02');
    expect(gcj02.rows[0].feature?.geometry).toEqual({ type: 'Point', coordinates: [121.523, 31.226] });
    expect(parseCsvFile('name,lng_gcj02,lat_gcj02\n甲,121.5,31.2\n').declaredCrs).toBe('gcj02');
    expect(parseCsvFile('name,经度(bd09),纬度(bd09)\n甲,121.5,31.2\n').declaredCrs).toBe('bd09');
  });

  it.each([
    ['no coordinate columns', 'name,address\n甲,潍坊路\n', undefined, /longitude column/],
    ['two longitude columns', 'lng,longitude,lat\n1,2,3\n', undefined, /more than one candidate/],
    ['columns in GCJ-02 but WGS 84 asked for', 'gcj02_lng,gcj02_lat\n121.5,31.2\n', 'wgs84' as const, /say gcj02 .*asks for wgs84/],
    ['an unclosed quote', 'name,lng,lat\n"甲,121.5,31.2\n', undefined, /cannot be read/],
    ['a header naming a column twice', 'name,name,lng,lat\n甲,乙,121.5,31.2\n', undefined, /"name" twice/],
    ['nothing at all', '\uFEFF', undefined, /empty/],
  ])('refuses a file with %s, saying why', (_name, text, crs, message) => {
    let thrown: unknown;
    try {
      parseCsvFile(text, crs);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RequestError);
    expect((thrown as RequestError).status).toBe(400);
    expect((thrown as RequestError).message).toMatch(message);
  });
});
