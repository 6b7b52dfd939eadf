import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection } from '../api.ts';
import { isochroneColours } from './coverage-colours.ts';

/** Areas reachable on foot within 15, 10 and 5 minutes (the API sends the largest band first). */
export function createIsochronesLayer(isochrones: PlaceCollection, { visible }: { visible: boolean }) {
  const colours = (feature: { properties: Record<string, unknown> | null }) => isochroneColours[Number(feature.properties?.minutes)] ?? isochroneColours[15];
  return new GeoJsonLayer({
    id: 'isochrones',
    data: isochrones,
    visible,
    filled: true,
    stroked: true,
    pickable: false,
    getFillColor: (feature) => colours(feature).fill,
    getLineColor: (feature) => colours(feature).line,
    getLineWidth: 1.5,
    lineWidthUnits: 'pixels',
  });
}
