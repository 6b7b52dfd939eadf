import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection, PlaceFeature } from '../api/collections.ts';
import { pickingProperties, type LayerOptions } from './layer-options.ts';
import { layerColours, muteOutside } from './palette.ts';

/** The walking network the life-circle analysis routes on: thin teal lines over the roads, off at start. */
export function createWalkingNetworkLayer(walkingNetwork: PlaceCollection, { visible }: LayerOptions) {
  return new GeoJsonLayer({
    id: 'walking-network',
    data: walkingNetwork,
    visible,
    filled: false,
    stroked: true,
    getLineColor: (feature: PlaceFeature) => muteOutside(layerColours.walkingNetwork, feature),
    getLineWidth: 1.5,
    lineWidthUnits: 'pixels',
    ...pickingProperties,
  });
}
