import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection, PlaceFeature } from '../api.ts';
import { pickingProps, type LayerOptions } from './layer-options.ts';
import { facilityGroupOf } from './palette.ts';

/** Public service facilities as dots coloured by their life-circle group (education, health, elderly care…). */
export function createFacilitiesLayer(facilities: PlaceCollection, { visible }: LayerOptions) {
  return new GeoJsonLayer({
    id: 'facilities',
    data: facilities,
    visible,
    pointType: 'circle',
    filled: true,
    stroked: true,
    getFillColor: (feature: PlaceFeature) => facilityGroupOf(feature.properties?.facility_type).colour,
    getLineColor: [255, 255, 255, 255],
    getPointRadius: 6,
    pointRadiusUnits: 'pixels',
    getLineWidth: 1.5,
    lineWidthUnits: 'pixels',
    ...pickingProps,
  });
}
