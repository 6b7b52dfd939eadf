import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection, PlaceFeature } from '../api/collections.ts';
import type { LayerOptions } from './layer-options.ts';
import { layerColours } from './palette.ts';

// One filtered array per collection: a new array would make deck.gl rebuild the layer on every state change.
const subdistrictFeaturesByCollection = new WeakMap<PlaceCollection, PlaceFeature[]>();
function subdistrictFeaturesOf(boundary: PlaceCollection): PlaceFeature[] {
  let subdistrict = subdistrictFeaturesByCollection.get(boundary);
  if (!subdistrict) {
    subdistrict = boundary.features.filter((feature) => feature.properties?.kind === 'subdistrict');
    subdistrictFeaturesByCollection.set(boundary, subdistrict);
  }
  return subdistrict;
}

/**
 * The outline of 潍坊新村街道 (features of kind 'subdistrict'). The neighbouring subdistricts are
 * basemap context, drawn by the basemap style, so only our own area is emphasised here.
 */
export function createBoundaryLayer(boundary: PlaceCollection, { visible }: LayerOptions) {
  return new GeoJsonLayer({
    id: 'boundary',
    data: subdistrictFeaturesOf(boundary),
    visible,
    filled: false,
    stroked: true,
    getLineColor: layerColours.subdistrictOutline,
    // Pixels, so the outline reads the same at every zoom.
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}
