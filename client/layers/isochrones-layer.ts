import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection } from '../api/collections.ts';
import { isochroneColours } from './coverage-colours.ts';
import { walkOriginColour } from './walk-origin-layer.ts';

/**
 * Areas reachable on foot within 15, 10 and 5 minutes (the API sends the largest band first):
 * from every facility of the focused type (id `isochrones`), or from the clicked point
 * (`point-isochrones`, outlined in the walk origin's blue so the two read apart).
 */
export function createIsochronesLayer(isochrones: PlaceCollection, { visible, id = 'isochrones' }: { visible: boolean; id?: 'isochrones' | 'point-isochrones' }) {
  const colours = (feature: { properties: Record<string, unknown> | null }) => isochroneColours[Number(feature.properties?.minutes)] ?? isochroneColours[15];
  return new GeoJsonLayer({
    id,
    data: isochrones,
    visible,
    filled: true,
    stroked: true,
    pickable: false,
    getFillColor: (feature) => colours(feature).fill,
    getLineColor: (feature) => (id === 'point-isochrones' ? walkOriginColour : colours(feature).line),
    getLineWidth: id === 'point-isochrones' ? 2.5 : 1.5,
    lineWidthUnits: 'pixels',
  });
}
