import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection } from '../api/collections.ts';
import { pickingProperties, type LayerOptions } from './layer-options.ts';
import { layerColours } from './palette.ts';

/** Residential estates (小区): a light warm fill with a clear outline, so estate edges read at a glance. */
export function createNeighbourhoodsLayer(neighbourhoods: PlaceCollection, { visible }: LayerOptions) {
  return new GeoJsonLayer({
    id: 'neighbourhoods',
    data: neighbourhoods,
    visible,
    filled: true,
    stroked: true,
    getFillColor: layerColours.neighbourhoodFill,
    getLineColor: layerColours.neighbourhoodOutline,
    getLineWidth: 1.5,
    lineWidthUnits: 'pixels',
    ...pickingProperties,
  });
}
