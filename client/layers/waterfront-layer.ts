import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection } from '../api/collections.ts';
import { pickingProperties, type LayerOptions } from './layer-options.ts';
import { layerColours } from './palette.ts';

/** 张家浜 and other waterways: river polygons filled, centrelines drawn as a line. */
export function createWaterfrontLayer(waterways: PlaceCollection, { visible }: LayerOptions) {
  return new GeoJsonLayer({
    id: 'waterfront',
    data: waterways,
    visible,
    filled: true,
    stroked: true,
    getFillColor: layerColours.waterfrontFill,
    getLineColor: layerColours.waterfrontLine,
    getLineWidth: 2,
    lineWidthUnits: 'pixels',
    ...pickingProperties,
  });
}
