import { describe, expect, it } from 'vitest';
import { colourOfHexCell, describeHexLegend, hexAlphaWithoutResidents, hexAlphaWithResidents, hexGapSteps, hexUnreachable } from '../../../client/layers/hex-gap-colours.ts';
import { buildLayers, type LayerInputs } from '../../../client/layers/build-layers.ts';
import { createHexGapLayer } from '../../../client/layers/hex-gap-layer.ts';

const rgb = (colour: number[]) => colour.slice(0, 3);

describe('the gap heat map colours and legend', () => {
  it('colours a cell by its band, 5 minutes and 15 minutes included in theirs, and unreachable in its own grey', () => {
    expect(hexGapSteps.map((step) => step.upToMinutes)).toEqual([5, 10, 15, Infinity]);
    expect(rgb(colourOfHexCell(0, 10))).toEqual(hexGapSteps[0].rgb);
    expect(rgb(colourOfHexCell(5, 10))).toEqual(hexGapSteps[0].rgb);
    expect(rgb(colourOfHexCell(5.1, 10))).toEqual(hexGapSteps[1].rgb);
    expect(rgb(colourOfHexCell(15, 10))).toEqual(hexGapSteps[2].rgb);
    expect(rgb(colourOfHexCell(40, 10))).toEqual(hexGapSteps[3].rgb);
    // No data is not a short walk: null is grey, never the 0-minute green.
    expect(rgb(colourOfHexCell(null, 10))).toEqual(hexUnreachable.rgb);
    const colours = new Set([...hexGapSteps.map((step) => step.rgb.join()), hexUnreachable.rgb.join()]);
    expect(colours.size).toBe(5);
  });

  it('draws cells where people live stronger than empty ones', () => {
    expect(colourOfHexCell(3, 120)[3]).toBe(hexAlphaWithResidents);
    expect(colourOfHexCell(3, 0)[3]).toBe(hexAlphaWithoutResidents);
    expect(hexAlphaWithResidents).toBeGreaterThan(hexAlphaWithoutResidents);
  });

  it('sums the residents of each band for the legend, unreachable last', () => {
    const legend = describeHexLegend([
      { walkMinutes: 2, residents: 100 }, { walkMinutes: 5, residents: 50 }, { walkMinutes: 12, residents: 30 },
      { walkMinutes: 16, residents: 20 }, { walkMinutes: null, residents: 7 }, { walkMinutes: null, residents: 0 },
    ]);
    expect(legend.map((entry) => [entry.upToMinutes, entry.residents])).toEqual([[5, 150], [10, 0], [15, 30], [Infinity, 20], [null, 7]]);
    expect(legend[4].css).toBe(hexUnreachable.css);
  });

  it('puts the heat map over the estates in place of their colours and the isochrones, once its layer is loaded', () => {
    const inputs = (hexGrid: boolean, loaded: boolean): LayerInputs => ({
      featuresByCollection: { neighbourhoods: { type: 'FeatureCollection', features: [{ type: 'Feature', id: 'estate-1', properties: {}, geometry: { type: 'Polygon', coordinates: [[[121.52, 31.22], [121.53, 31.22], [121.53, 31.23], [121.52, 31.22]]] } }] } },
      visibleLayerIds: new Set(['neighbourhoods']), selected: null, threeDimensional: false, zoom: 14,
      coverage: {
        minutesByEstate: new Map([['estate-1', 7]]), hasData: true, colourKey: 'x', isochrones: { type: 'FeatureCollection', features: [{ type: 'Feature', id: 'isochrone-15', properties: { minutes: 15 }, geometry: { type: 'Polygon', coordinates: [[[121.52, 31.22], [121.53, 31.22], [121.53, 31.23], [121.52, 31.22]]] } }] }, walkOrigin: null,
        hexGrid: hexGrid ? { cells: [{ cell: '8a309a4d8d4ffff', walkMinutes: 3, residents: 12 }], colourKey: 'y' } : null,
        createHexGapLayer: loaded ? createHexGapLayer : null,
      },
    });
    const ids = (hexGrid: boolean, loaded: boolean) => buildLayers(inputs(hexGrid, loaded)).map((layer) => layer.id);
    expect(ids(false, true)).toEqual(expect.arrayContaining(['coverage-estates', 'isochrones']));
    expect(ids(true, false)).toContain('coverage-estates');
    const withHeatMap = ids(true, true);
    expect(withHeatMap).toContain('hex-gap');
    expect(withHeatMap).not.toContain('coverage-estates');
    // The type's isochrones would blur the heat map's colours, which already show the minutes.
    expect(withHeatMap).not.toContain('isochrones');
    expect(withHeatMap.indexOf('hex-gap')).toBeGreaterThan(withHeatMap.indexOf('neighbourhoods'));
  });
});
