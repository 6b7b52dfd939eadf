import { describe, expect, it } from 'vitest';
import type { PlaceCollection } from '../../../client/api/collections.ts';
import { buildLayers, type LayerInputs } from '../../../client/layers/build-layers.ts';
import { collectionIdOfLayer, importedLayerIdOf, layerCatalogue } from '../../../client/layers/catalogue.ts';
import { colourOfMinutes, noDataColour, unreachableColour } from '../../../client/layers/coverage-colours.ts';

/**
 * buildLayers turns the state into the deck.gl layer list on every change. deck.gl keeps a
 * layer's GPU buffers by its id, so the ids must not change from one build to the next, and a
 * layer switched off must draw nothing. Pure: no map, no WebGL (layers are only described here).
 */
const square = (west: number, south: number, size = 0.001) => ({
  type: 'Polygon' as const,
  coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]],
});
const collection = (...features: { id: string; name: string; geometry: PlaceCollection['features'][number]['geometry']; [key: string]: unknown }[]): PlaceCollection => ({
  type: 'FeatureCollection',
  features: features.map(({ id, geometry, ...properties }) => ({ type: 'Feature', id, geometry, properties })),
});

const featuresByCollection: Record<string, PlaceCollection> = {
  neighbourhoods: collection({ id: 'estate-1', name: '潍坊一村', geometry: square(121.52, 31.22), residents: 1200 }),
  green_spaces: collection({ id: 'park-1', name: '潍坊公园', geometry: square(121.53, 31.22) }),
  facilities: collection({ id: 'clinic-1', name: '社区卫生服务中心', facility_type: 'community_health_center', geometry: { type: 'Point', coordinates: [121.525, 31.225] } }),
  roads: collection({ id: 'road-1', name: '浦电路', geometry: { type: 'LineString', coordinates: [[121.51, 31.22], [121.54, 31.22]] } }),
};

const inputs = (change: Partial<LayerInputs> = {}): LayerInputs => ({
  featuresByCollection,
  visibleLayerIds: new Set(layerCatalogue.filter((entry) => entry.visibleAtStart).map((entry) => entry.layerId)),
  selected: null,
  threeDimensional: false,
  zoom: 15,
  coverage: null,
  ...change,
});

const drawnIds = (layers: ReturnType<typeof buildLayers>) => layers.filter((layer) => layer.props.visible !== false).map((layer) => layer.id);

describe('buildLayers', () => {
  it('gives every layer the same id from one build to the next, whatever else changed', () => {
    const first = buildLayers(inputs()).map((layer) => layer.id);
    const second = buildLayers(inputs({ zoom: 16, threeDimensional: true })).map((layer) => layer.id);
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    expect(first).toEqual(expect.arrayContaining(['neighbourhoods', 'green-spaces', 'facilities', 'roads']));
  });

  it('draws nothing of a layer switched off, and draws it again when switched on', () => {
    const on = inputs();
    const off = inputs({ visibleLayerIds: new Set([...on.visibleLayerIds].filter((id) => id !== 'facilities')) });
    expect(drawnIds(buildLayers(on))).toContain('facilities');
    expect(drawnIds(buildLayers(off))).not.toContain('facilities');
    // Kept in the list, switched off: switching it on again needs no new buffers.
    expect(buildLayers(off).map((layer) => layer.id)).toContain('facilities');
  });

  it('has no layer for a collection the API does not have, or that is empty', () => {
    const withoutRoads = buildLayers(inputs({ featuresByCollection: { ...featuresByCollection, roads: collection() } })).map((layer) => layer.id);
    expect(withoutRoads).not.toContain('roads');
    expect(withoutRoads).not.toContain('buildings');
  });

  it('adds the life circle over the estates only while its overlay is given, with stable ids', () => {
    const coverage = { minutesByEstate: new Map([['estate-1', 7]]), hasData: true, colourKey: 'community_health_center:1', isochrones: null, walkOrigin: null };
    const withCoverage = buildLayers(inputs({ coverage })).map((layer) => layer.id);
    const without = buildLayers(inputs()).map((layer) => layer.id);
    const added = withCoverage.filter((id) => !without.includes(id));
    expect(added.length).toBeGreaterThan(0);
    expect(buildLayers(inputs({ coverage: { ...coverage, colourKey: 'community_health_center:2' } })).map((layer) => layer.id)).toEqual(withCoverage);
    // Right over the estates: the analysis comes after the estates' own layer.
    expect(withCoverage.indexOf(added[0])).toBeGreaterThan(withCoverage.indexOf('neighbourhoods'));
  });

  it('colours the estates as no data, not as unreachable, for a type the data knows no real site of', () => {
    const estate = { type: 'Feature', id: 'estate-1', properties: {} };
    const fillOf = (hasData: boolean, minutes: number | null) => {
      const coverage = { minutesByEstate: new Map([['estate-1', minutes]]), hasData, colourKey: `market:${hasData}`, isochrones: null, walkOrigin: null };
      const layer = buildLayers(inputs({ coverage })).find((candidate) => candidate.id === 'coverage-estates')!;
      return (layer.props as unknown as { getFillColor: (feature: unknown) => number[] }).getFillColor(estate);
    };
    expect(fillOf(false, null)).toEqual(noDataColour.colour);
    expect(fillOf(true, null)).toEqual(unreachableColour.colour);
    expect(noDataColour.colour).not.toEqual(unreachableColour.colour);
    expect(fillOf(true, 4)).toEqual(colourOfMinutes(4));
  });

  it('draws the 导入数据 preview over every other layer while it is given, and not otherwise', () => {
    const row = { type: 'Feature' as const, id: 'row-0', geometry: { type: 'Point' as const, coordinates: [121.52, 31.22] }, properties: { name: '潍坊路睦邻点', placement: 'exact' as const, hasProblem: false } };
    const withPreview = buildLayers(inputs({ importPreview: [row] })).map((layer) => layer.id);
    expect(withPreview.at(-1)).toBe('import-preview');
    expect(buildLayers(inputs({ importPreview: null })).map((layer) => layer.id)).not.toContain('import-preview');
    expect(buildLayers(inputs()).map((layer) => layer.id)).toEqual(withPreview.slice(0, -1));
  });

  it('draws each collection an import created as a layer of its own, over the thematic layers and under the names, switched by its own id', () => {
    const gardens = collection(
      { id: 'garden-1', name: '潍坊四村睦邻花园', geometry: { type: 'Point', coordinates: [121.521, 31.224] } },
      { id: 'garden-2', name: '崂山路口袋花园', geometry: square(121.522, 31.225) },
    );
    const layerId = importedLayerIdOf('community_gardens');
    const withImported = inputs({ featuresByCollection: { ...featuresByCollection, community_gardens: gardens }, importedCollectionIds: ['community_gardens'] });
    const ids = buildLayers(withImported).map((layer) => layer.id);
    expect(drawnIds(buildLayers({ ...withImported, visibleLayerIds: new Set([...withImported.visibleLayerIds, layerId]) }))).toContain(layerId);
    expect(drawnIds(buildLayers(withImported))).not.toContain(layerId);
    expect(ids.indexOf(layerId)).toBeGreaterThan(ids.indexOf('facilities'));
    expect(ids.indexOf(layerId)).toBeLessThan(ids.indexOf('labels'));
    // A click on it tells which collection its feature came from, as for the catalogued layers.
    expect(collectionIdOfLayer(layerId)).toBe('community_gardens');
    expect(collectionIdOfLayer('facilities')).toBe('facilities');
    expect(collectionIdOfLayer('selection')).toBeUndefined();
    // Its data is the collection itself; an empty collection, or one the API did not list as imported, draws nothing.
    expect(buildLayers(withImported).find((layer) => layer.id === layerId)!.props.data).toBe(gardens);
    expect(buildLayers({ ...withImported, featuresByCollection: { ...featuresByCollection, community_gardens: collection() } }).map((layer) => layer.id)).not.toContain(layerId);
    expect(buildLayers({ ...withImported, importedCollectionIds: [] }).map((layer) => layer.id)).not.toContain(layerId);
  });
});
