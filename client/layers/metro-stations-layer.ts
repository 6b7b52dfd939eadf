import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection } from '../api.ts';
import { drawnOverBuildings, pickingProperties, type LayerOptions } from './layer-options.ts';
import { layerColours } from './palette.ts';

/** Metro stations as the familiar white disc with a red ring of Shanghai Metro maps. */
export function createMetroStationsLayer(metroStations: PlaceCollection, { visible }: LayerOptions) {
  return new GeoJsonLayer({
    id: 'metro-stations',
    data: metroStations,
    visible,
    pointType: 'circle',
    filled: true,
    stroked: true,
    getFillColor: layerColours.metroFill,
    getLineColor: layerColours.metroOutline,
    getPointRadius: 8,
    pointRadiusUnits: 'pixels',
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
    ...pickingProperties,
    ...drawnOverBuildings,
  });
}
