import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection } from '../api.ts';
import type { LayerOptions } from './layer-options.ts';
import { layerColours } from './palette.ts';

/**
 * The outline of 潍坊新村街道 (features of kind 'subdistrict'). The neighbouring subdistricts are
 * basemap context, drawn by the basemap style, so only our own area is emphasised here.
 */
export function createBoundaryLayer(boundary: PlaceCollection, { visible }: LayerOptions) {
  return new GeoJsonLayer({
    id: 'boundary',
    data: boundary.features.filter((feature) => feature.properties?.kind === 'subdistrict'),
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
