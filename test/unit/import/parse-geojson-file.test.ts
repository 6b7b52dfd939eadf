import { describe, expect, it } from 'vitest';
import { RequestError } from '../../../server/errors.ts';
import { parseGeojsonFile } from '../../../server/import/parse-geojson-file.ts';

const point = { type: 'Point', coordinates: [121.52, 31.22] };

function refusal(text: string): RequestError {
  try {
    parseGeojsonFile(text);
  } catch (error) {
    if (error instanceof RequestError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('parseGeojsonFile', () => {
  it('reads a FeatureCollection: one row per feature, located by index, ids as text', () => {
    const { rows } = parseGeojsonFile(JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 7, properties: { name: '甲' }, geometry: point },
        { type: 'Feature', properties: null, geometry: point },
      ],
    }));
    expect(rows.map((row) => [row.location, row.featureIndex, row.fileId, row.problems])).toEqual([
      ['features[0] (id "7")', 0, '7', []],
      ['features[1]', 1, undefined, []],
    ]);
  });

  it('reads a single Feature', () => {
    const { rows } = parseGeojsonFile(JSON.stringify({ type: 'Feature', id: 'a', properties: {}, geometry: point }));
    expect(rows).toHaveLength(1);
    expect(rows[0].fileId).toBe('a');
  });

  it('marks rows that are not features, have no geometry or have odd properties, and keeps going', () => {
    const { rows } = parseGeojsonFile(JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Point', coordinates: [1, 2] },
        { type: 'Feature', properties: {}, geometry: null },
        { type: 'Feature', properties: [1], geometry: point },
        { type: 'Feature', id: { nested: true }, properties: {}, geometry: point },
      ],
    }));
    expect(rows.map((row) => row.problems)).toEqual([
      ['is not a GeoJSON Feature (needs "type": "Feature")'],
      ['has no geometry'],
      ['properties must be an object or null'],
      ['id must be a string or a number'],
    ]);
  });

  it('names the line and column of a JSON syntax error', () => {
    const error = refusal('{\n  "type": "FeatureCollection",\n  "features": [,]\n}');
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/not valid JSON.*line 3, column 16/);
  });

  it.each([
    ['a bare geometry', JSON.stringify(point), /FeatureCollection or a Feature; this one is a GeoJSON Point/],
    ['an array', '[]', /a JSON array/],
    ['a collection without features', '{"type":"FeatureCollection"}', /without a features array/],
    ['a projected CRS', JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } }, features: [] }), /EPSG::3857.*Reproject/],
  ])('refuses %s', (_name, text, message) => {
    expect(refusal(text).message).toMatch(message);
  });

  it('accepts the old-style crs member when it names WGS 84 or CGCS2000', () => {
    for (const name of ['urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4326', 'urn:ogc:def:crs:EPSG::4490']) {
      const { rows } = parseGeojsonFile(JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name } }, features: [{ type: 'Feature', properties: {}, geometry: point }] }));
      expect(rows).toHaveLength(1);
    }
  });
});

describe('the position of a JSON syntax error', () => {
  it.each([
    ['{"a": 1,}', 'unexpected "}" at line 1, column 9'],
    ['{"a": [1, 2}', 'unexpected "}" at line 1, column 12'],
    ['{"a": "x\n"}', 'unexpected "\\n" at line 1, column 9'],
    ['{"a": tru}', 'unexpected "t" at line 1, column 7'],
    ['{"a": 1} x', 'unexpected "x" at line 1, column 10'],
    ['{"a": {"b": 1}', 'unexpected the end of the file at line 1, column 15'],
  ])('%s', (text, message) => {
    expect(refusal(text).message).toContain(message);
  });
});
