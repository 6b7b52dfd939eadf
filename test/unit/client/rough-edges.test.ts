import { PathStyleExtension } from '@deck.gl/extensions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlaceCollection } from '../../../client/api/collections.ts';
import { dropEmptyAreas } from '../../../client/geometry/drop-empty-areas.ts';
import { facilityTypes } from '../../../client/i18n/vocabulary.ts';
import { buildLayers } from '../../../client/layers/build-layers.ts';
import { emsOfCharacter, layOutChartRows, wrapLabel } from '../../../client/model/wrap-label.ts';
import { changeCoverageQuestion, clearPointWalk, walkFromPoint } from '../../../client/state/coverage-actions.ts';
import { pointIsochrones } from '../../../client/state/coverage-state.ts';
import { openSidePanel } from '../../../client/state/side-panel.ts';
import { installFakeFetch, type PendingRequest } from '../../helpers/fake-fetch.ts';

/** Rough edges of daily use (issue 14): whole chart labels, and nothing deck.gl or luma.gl warns about. */

const widthInEms = (line: string) => Array.from(line).reduce((sum, character) => sum + emsOfCharacter(character), 0);

describe('the coverage chart\'s labels', () => {
  // The label column of the chart in coverage-panel.tsx: 112 units of 10.5-unit text, whole ems.
  const maxEms = Math.floor(112 / 10.5);

  it('are whole: every facility type\'s name, in both languages, is all there over its lines, each line within the column', () => {
    for (const { 'zh-CN': chinese, en: english } of Object.values(facilityTypes)) {
      const chineseLines = wrapLabel(chinese, maxEms);
      expect(chineseLines.join('')).toBe(chinese);
      const englishLines = wrapLabel(english, maxEms);
      expect(englishLines.join(' ')).toBe(english);
      for (const line of [...chineseLines, ...englishLines]) expect(widthInEms(line)).toBeLessThanOrEqual(maxEms);
    }
  });

  it('break where a reader would: before the bracket, at a space', () => {
    expect(wrapLabel('公共绿地（≥3000㎡）', maxEms)).toEqual(['公共绿地', '（≥3000㎡）']);
    expect(wrapLabel('社会餐桌（社区助餐点）', maxEms)).toEqual(['社会餐桌', '（社区助餐点）']);
    expect(wrapLabel('Party and community service centre', maxEms)).toEqual(['Party and', 'community', 'service centre']);
    expect(wrapLabel('社区卫生服务中心', maxEms)).toEqual(['社区卫生服务中心']);
  });

  it('give a row the height of its lines, each row starting where the one above ends', () => {
    const rows = layOutChartRows(['菜市场', '公共绿地（≥3000㎡）', '便利店'], maxEms, { lineHeight: 12, minimumHeight: 18 });
    expect(rows.map(({ lines, top, height }) => ({ lines, top, height }))).toEqual([
      { lines: ['菜市场'], top: 0, height: 18 },
      { lines: ['公共绿地', '（≥3000㎡）'], top: 18, height: 30 },
      { lines: ['便利店'], top: 48, height: 18 },
    ]);
  });
});

describe('dropEmptyAreas', () => {
  const feature = (id: string, geometry: unknown) => ({ type: 'Feature', id, geometry, properties: { minutes: Number(id) } });
  const ring = [[121.52, 31.22], [121.53, 31.22], [121.53, 31.23], [121.52, 31.22]];

  it('drops the empty MultiPolygons a type without facilities answers, which deck.gl calls malformed', () => {
    const empty = { type: 'FeatureCollection', features: ['15', '10', '5'].map((id) => feature(id, { type: 'MultiPolygon', coordinates: [] })) } as PlaceCollection;
    expect(dropEmptyAreas(empty).features).toEqual([]);
  });

  it('keeps every area with a ring, without its empty rings and polygons, and returns the same collection when nothing was empty', () => {
    const mixed = {
      type: 'FeatureCollection',
      features: [
        feature('15', { type: 'MultiPolygon', coordinates: [[[]], [ring, []]] }),
        feature('10', { type: 'Polygon', coordinates: [ring, []] }),
        feature('5', { type: 'Polygon', coordinates: [[], ring] }),
      ],
    } as PlaceCollection;
    expect(dropEmptyAreas(mixed).features.map((kept) => [kept.id, kept.geometry])).toEqual([
      ['15', { type: 'MultiPolygon', coordinates: [[ring]] }],
      ['10', { type: 'Polygon', coordinates: [ring] }],
    ]);
    const whole = { type: 'FeatureCollection', features: [feature('15', { type: 'Polygon', coordinates: [ring] })] } as PlaceCollection;
    expect(dropEmptyAreas(whole)).toBe(whole);
  });
});

describe('the projects layer and its dashes', () => {
  const projects = {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', id: 'P01-01', geometry: { type: 'Point', coordinates: [121.52, 31.22] }, properties: { name: '项目', status: 'planned', action: 'A1' } }],
  } as PlaceCollection;
  const inputs = { featuresByCollection: { projects }, visibleLayerIds: new Set(['projects']), selected: null, threeDimensional: false, zoom: 15, coverage: null };

  it('is made only with its dash extension, so deck.gl never adds the extension to a layer it has made (luma.gl then warns about instanceDashArrays)', () => {
    expect(buildLayers({ ...inputs, projectDashes: null }).map((layer) => layer.id)).not.toContain('projects');
    const dashes = new PathStyleExtension({ dash: true });
    const layer = buildLayers({ ...inputs, projectDashes: dashes }).find((candidate) => candidate.id === 'projects');
    expect(layer?.props.extensions).toEqual([dashes]);
  });
});

describe('the isochrones of a clicked point', () => {
  let fakeFetch: ReturnType<typeof installFakeFetch>;
  const isochroneRequests = (): PendingRequest[] => fakeFetch.requests.filter((request) => new URL(request.url, 'http://dashboard').pathname === '/api/isochrones');
  const query = (request: PendingRequest) => Object.fromEntries(new URL(request.url, 'http://dashboard').searchParams);
  const ring = (longitude: number, latitude: number) => [[longitude, latitude], [longitude + 0.001, latitude], [longitude, latitude + 0.001], [longitude, latitude]];
  const areas = (longitude: number, latitude: number) => ({
    type: 'FeatureCollection',
    features: [15, 10, 5].map((minutes) => ({ type: 'Feature', id: `isochrone-${minutes}`, geometry: { type: 'Polygon', coordinates: [ring(longitude, latitude)] }, properties: { minutes } })),
  });

  beforeEach(() => {
    fakeFetch = installFakeFetch();
    clearPointWalk();
  });
  afterEach(() => fakeFetch.restore());

  it('are asked for the point at the question\'s speed, and the latest click\'s replace the earlier ones whatever order the answers come in', async () => {
    void walkFromPoint(121.51, 31.22);
    void walkFromPoint(121.53, 31.23);
    const [earlier, later] = isochroneRequests();
    expect(query(earlier)).toMatchObject({ point: '121.51,31.22', minutes: '5,10,15', speed: '1' });
    expect(query(later)).toMatchObject({ point: '121.53,31.23' });
    await later.answer(areas(121.53, 31.23));
    await earlier.answer(areas(121.51, 31.22));
    expect(pointIsochrones.value?.features.map((feature) => (feature.geometry as { coordinates: number[][][] }).coordinates[0][0])).toEqual([[121.53, 31.23], [121.53, 31.23], [121.53, 31.23]]);
    // A slower walk asks the same point's walk and isochrones again, at that speed.
    const walks = fakeFetch.requests.filter((request) => request.url.includes('/api/coverage/point'));
    await walks[1].answer({ longitude: 121.53, latitude: 31.23, speedMetresPerSecond: 1, asOf: '2026-01-01', accessMetres: 10, byType: [] });
    changeCoverageQuestion({ speedMetresPerSecond: 0.9 });
    expect(query(isochroneRequests().at(-1)!)).toMatchObject({ point: '121.53,31.23', speed: '0.9' });
    changeCoverageQuestion({ speedMetresPerSecond: 1 });
  });

  it('are cleared when the life-circle panel closes, and an answer arriving afterwards does not bring them back', async () => {
    openSidePanel('coverage');
    void walkFromPoint(121.52, 31.22);
    await isochroneRequests()[0].answer(areas(121.52, 31.22));
    expect(pointIsochrones.value?.features).toHaveLength(3);
    void walkFromPoint(121.525, 31.225);
    openSidePanel('layers');
    expect(pointIsochrones.value).toBeNull();
    await isochroneRequests()[1].answer(areas(121.525, 31.225));
    expect(pointIsochrones.value).toBeNull();
  });

  it('are drawn as their own layer over the type\'s, only while the panel shows the analysis', () => {
    const neighbourhoods = { type: 'FeatureCollection', features: [{ type: 'Feature', id: 'estate-1', geometry: { type: 'Polygon', coordinates: [ring(121.52, 31.22)] }, properties: { name: '潍坊一村' } }] } as PlaceCollection;
    const base = { featuresByCollection: { neighbourhoods }, visibleLayerIds: new Set(['neighbourhoods']), selected: null, threeDimensional: false, zoom: 15 };
    const overlay = { minutesByEstate: new Map(), hasData: true, colourKey: '', isochrones: areas(121.5, 31.2) as PlaceCollection, walkOrigin: [121.52, 31.22] as [number, number] };
    const pointAreas = areas(121.52, 31.22) as PlaceCollection;
    const ids = buildLayers({ ...base, coverage: { ...overlay, pointIsochrones: pointAreas } }).map((layer) => layer.id);
    expect(ids.indexOf('point-isochrones')).toBeGreaterThan(ids.indexOf('isochrones'));
    expect(buildLayers({ ...base, coverage: { ...overlay, pointIsochrones: pointAreas } }).find((layer) => layer.id === 'point-isochrones')?.props.data).toBe(pointAreas);
    expect(buildLayers({ ...base, coverage: { ...overlay, pointIsochrones: null } }).map((layer) => layer.id)).not.toContain('point-isochrones');
  });
});
