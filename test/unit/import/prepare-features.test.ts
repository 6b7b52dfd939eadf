import { describe, expect, it } from 'vitest';
import { RequestError } from '../../../server/errors.ts';
import type { ParsedRow } from '../../../server/import/parsed-file.ts';
import { prepareFeatures } from '../../../server/import/prepare-features.ts';

const row = (location: string, geometry: unknown, properties: Record<string, unknown> = {}, fileId?: string): ParsedRow => ({
  location, fileId, problems: [],
  feature: { type: 'Feature', properties, geometry: geometry as never },
});
const point = (longitude: number, latitude: number, ...rest: number[]) => ({ type: 'Point', coordinates: [longitude, latitude, ...rest] });
const options = { crs: 'wgs84' as const, fileName: 'survey.csv' };

describe('prepareFeatures', () => {
  it('keys rows by the file\'s id, else by a hash of their content that ignores key order', () => {
    const { rows } = prepareFeatures([
      row('line 2', point(121.52, 31.22), { name: '甲' }, 'f-1'),
      row('line 3', point(121.53, 31.22), { name: '乙', kind: 'shop' }),
    ], options);
    expect(rows[0].key).toBe('f-1');
    expect(rows[1].key).toMatch(/^h-[0-9a-f]{16}$/);
    const again = prepareFeatures([row('line 9', point(121.53, 31.22), { kind: 'shop', name: '乙' })], options);
    expect(again.rows[0].key).toBe(rows[1].key);
  });

  it('marks imported rows with source and a note in English and Chinese unless they have their own', () => {
    const { rows } = prepareFeatures([
      row('a', point(121.52, 31.22), { name: '甲' }),
      row('b', point(121.52, 31.23), { name: '乙', source: 'survey-2026', source_detail: '2026 年实测' }),
    ], options);
    expect(rows[0].prepared?.properties).toEqual({ name: '甲', source: 'imported', source_detail: 'imported from survey.csv', source_detail_zh: '从 survey.csv 导入' });
    // The file's own note is kept as it is, not guessed into another language.
    expect(rows[1].prepared?.properties).toEqual({ name: '乙', source: 'survey-2026', source_detail: '2026 年实测' });
  });


  it('marks a repeated id and an exact copy of an earlier row as bad, naming the first', () => {
    const { rows } = prepareFeatures([
      row('line 2', point(121.52, 31.22), {}, 'f-1'),
      row('line 3', point(121.53, 31.22), {}, 'f-1'),
      row('line 4', point(121.54, 31.22), { name: '丙' }),
      row('line 5', point(121.54, 31.22), { name: '丙' }),
    ], options);
    expect(rows.map((prepared) => prepared.problems)).toEqual([
      [], ['has the id "f-1" that line 2 already has'], [], ['is an exact copy of line 4'],
    ]);
  });

  it('checks structure and range, and leaves rows the parser found bad as they are', () => {
    const { rows } = prepareFeatures([
      row('a', point(121.52, 95)),
      row('b', { type: 'Polygon', coordinates: [[[121.52, 31.22], [121.53, 31.22], [121.53, 31.23], [121.52, 31.23]]] }),
      { location: 'c', problems: ['lng is empty'] },
    ], options);
    expect(rows[0].problems).toEqual(['geometry.coordinates: latitude 95 is outside -90…90']);
    expect(rows[1].problems[0]).toMatch(/must end where it starts/);
    expect(rows[2].problems).toEqual(['lng is empty']);
    expect(rows.every((prepared) => prepared.prepared === undefined)).toBe(true);
  });

  it('converts to WGS 84 and drops heights, saying so', () => {
    const { rows, warnings } = prepareFeatures([row('a', point(121.5250, 31.2230, 12))], { ...options, crs: 'gcj02' });
    const [longitude, latitude, height] = (rows[0].prepared?.geometry as { coordinates: number[] }).coordinates;
    expect(height).toBeUndefined();
    expect(longitude).toBeCloseTo(121.5206, 3);
    expect(latitude).toBeCloseTo(31.2251, 3);
    expect(warnings.join(' ')).toMatch(/1 feature\(s\) had heights/);
  });

  it('warns when features lie far from the subdistrict (swapped columns, wrong CRS)', () => {
    const { warnings } = prepareFeatures([row('a', point(31.22, 121.52 - 90))], options);
    expect(warnings.join(' ')).toMatch(/more than 100 km from 潍坊新村街道/);
  });

  it('refuses a feature with too many vertices, and a file with too many in all', () => {
    const line = (count: number) => ({ type: 'LineString', coordinates: Array.from({ length: count }, (_, index) => [121.5 + index * 1e-7, 31.2]) });
    const { rows } = prepareFeatures([row('a', line(100_001))], options);
    expect(rows[0].problems[0]).toMatch(/has 100001 vertices; at most 100000/);
    const shared = line(100_000);
    const many = Array.from({ length: 21 }, (_, index) => row(`f${index}`, shared, {}, `f${index}`));
    expect(() => prepareFeatures(many, options)).toThrow(RequestError);
  });
});

describe('rows the database could not store are bad rows, not server errors', () => {
  const pointAt = point(121.52, 31.22);
  it.each([
    ['a NUL character in a value', row('a', pointAt, { name: 'a\u0000b' }), /properties\.name contains a NUL character/],
    ['a NUL character in a property name', row('a', pointAt, { 'a\u0000': 1 }), /property name contains a NUL/],
    ['an unpaired surrogate', row('a', pointAt, JSON.parse('{"name":"a\\ud800b"}')), /broken \\u escape/],
    ['an id of 5,000 characters', row('a', pointAt, {}, 'x'.repeat(5000)), /id is 5000 characters long/],
    ['properties nested 40 deep', row('a', pointAt, JSON.parse(`{"a":${'['.repeat(40)}1${']'.repeat(40)}}`)), /nested more than 32 levels/],
    ['a GeometryCollection nested 100,000 deep',
      row('a', JSON.parse(`${'{"type":"GeometryCollection","geometries":['.repeat(100_000)}{"type":"Point","coordinates":[121.5,31.2]}${']}'.repeat(100_000)}`)),
      /nested too deeply/],
  ])('%s', (_name, parsed, problem) => {
    const { rows } = prepareFeatures([parsed], options);
    expect(rows[0].problems.join('; ')).toMatch(problem);
    expect(rows[0].prepared).toBeUndefined();
  });
});
