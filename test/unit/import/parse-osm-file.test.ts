import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RequestError } from '../../../server/errors.ts';
import { parseOsmFile } from '../../../server/import/parse-osm-file.ts';

const fixture = readFileSync(resolve(import.meta.dirname, '../../fixtures/import/weifang-small.osm'), 'utf8');

describe('parseOsmFile', () => {
  it('makes a closed park way a polygon and a tagged node a point, with their tags, and skips shaping nodes', () => {
    const { rows } = parseOsmFile(fixture);
    expect(rows.map((row) => [row.osmElement, row.feature?.geometry?.type, row.problems])).toEqual([
      ['way/-301', 'Polygon', []],
      ['node/-201', 'Point', []],
    ]);
    const park = rows[0];
    expect(park.fileId).toBe('way/-301');
    expect(park.feature?.properties).toEqual({ leisure: 'park', name: '测试街心花园' });
    expect(park.feature?.geometry).toMatchObject({
      coordinates: [expect.arrayContaining([[121.523, 31.225], [121.524, 31.225], [121.524, 31.2258], [121.523, 31.2258]])],
    });
    expect(rows[1].feature?.geometry).toEqual({ type: 'Point', coordinates: [121.5262, 31.2236] });
  });

  it('reports ways whose nodes are missing instead of dropping them', () => {
    const { rows } = parseOsmFile(`<osm version="0.6">
      <node id="1" lat="31.22" lon="121.52"/>
      <node id="2" lat="31.23" lon="121.52"/>
      <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="footway"/></way>
      <way id="11"><nd ref="1"/><nd ref="99"/><tag k="highway" v="footway"/></way>
      <relation id="20"><member type="way" ref="77" role="outer"/><tag k="type" v="multipolygon"/><tag k="landuse" v="residential"/></relation>
    </osm>`);
    const byElement = new Map(rows.map((row) => [row.osmElement, row.problems]));
    expect(byElement.get('way/10')?.[0]).toMatch(/not in the file/);
    expect(byElement.get('way/11')).toEqual(['has 1 of its 2 node(s) in the file; a way needs at least two']);
    expect(byElement.get('relation/20')?.[0]).toMatch(/could not be made into a geometry/);
  });

  it.each([
    ['XML cut short', '<osm><node id="1"', /not well-formed XML/],
    ['another XML document', '<kml></kml>', /<osm> root element; this one has <kml>/],
    ['text that is not XML', 'lon,lat\n121,31', /not well-formed XML/],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseOsmFile(text)).toThrow(RequestError);
    expect(() => parseOsmFile(text)).toThrow(message);
  });
});
