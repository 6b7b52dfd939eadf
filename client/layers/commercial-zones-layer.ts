import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection } from '../api/collections.ts';
import { pickingProperties, type LayerOptions } from './layer-options.ts';
import { layerColours } from './palette.ts';

/** Commercial zones such as the 八佰伴 area: a translucent rose fill over the estates. */
export function createCommercialZonesLayer(commercialZones: PlaceCollection, { visible }: LayerOptions) {
  return new GeoJsonLayer({
    id: 'commercial-zones',
    data: commercialZones,
    visible,
    filled: true,
    stroked: true,
    getFillColor: layerColours.commercialFill,
    getLineColor: layerColours.commercialOutline,
    getLineWidth: 1.5,
    lineWidthUnits: 'pixels',
    ...pickingProperties,
  });
}
