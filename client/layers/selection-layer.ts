import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceFeature } from '../api/collections.ts';
import { drawnOverBuildings } from './layer-options.ts';
import { layerColours } from './palette.ts';

/** The feature whose details are open, outlined on top of everything so it can be found again. */
export function createSelectionLayer(selected: PlaceFeature | null) {
  return new GeoJsonLayer({
    id: 'selection',
    data: selected ? [selected] : [],
    filled: true,
    stroked: true,
    getFillColor: [255, 200, 0, 30],
    getLineColor: layerColours.highlight,
    getLineWidth: 4,
    lineWidthUnits: 'pixels',
    pointType: 'circle',
    getPointRadius: 12,
    pointRadiusUnits: 'pixels',
    pickable: false,
    ...drawnOverBuildings,
  });
}
