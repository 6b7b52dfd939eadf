import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection } from '../api.ts';
import { pickingProperties, type LayerOptions } from './layer-options.ts';
import { layerColours } from './palette.ts';

/** Parks, waterfront green and other green space. */
export function createGreenSpacesLayer(greenSpaces: PlaceCollection, { visible }: LayerOptions) {
  return new GeoJsonLayer({
    id: 'green-spaces',
    data: greenSpaces,
    visible,
    filled: true,
    stroked: false,
    getFillColor: layerColours.greenFill,
    ...pickingProperties,
  });
}
