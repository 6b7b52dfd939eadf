import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection, PlaceFeature } from '../api/collections.ts';
import { pickingProperties, type LayerOptions } from './layer-options.ts';
import { layerColours, muteOutside } from './palette.ts';

/** Parks, waterfront green and other green space. */
export function createGreenSpacesLayer(greenSpaces: PlaceCollection, { visible }: LayerOptions) {
  return new GeoJsonLayer({
    id: 'green-spaces',
    data: greenSpaces,
    visible,
    filled: true,
    stroked: false,
    getFillColor: (feature: PlaceFeature) => muteOutside(layerColours.greenFill, feature),
    ...pickingProperties,
  });
}
