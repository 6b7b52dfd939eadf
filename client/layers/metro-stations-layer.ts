import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection, PlaceFeature } from '../api/collections.ts';
import { drawnOverBuildings, pickingProperties, type LayerOptions } from './layer-options.ts';
import { layerColours, muteOutside } from './palette.ts';

/** Metro stations as the familiar white disc with a red ring of Shanghai Metro maps. */
export function createMetroStationsLayer(metroStations: PlaceCollection, { visible }: LayerOptions) {
  return new GeoJsonLayer({
    id: 'metro-stations',
    data: metroStations,
    visible,
    pointType: 'circle',
    filled: true,
    stroked: true,
    getFillColor: (feature: PlaceFeature) => muteOutside(layerColours.metroFill, feature),
    getLineColor: (feature: PlaceFeature) => muteOutside(layerColours.metroOutline, feature),
    getPointRadius: 8,
    pointRadiusUnits: 'pixels',
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
    ...pickingProperties,
    ...drawnOverBuildings,
  });
}
