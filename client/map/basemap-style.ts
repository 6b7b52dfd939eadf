import type { StyleSpecification } from 'maplibre-gl';
import { basemapColours, outsideAlphaFactor } from '../layers/palette.ts';

/** The collections the offline basemap draws, each a GeoJSON source of the same name. */
export const basemapCollectionIds = ['boundary', 'waterways', 'green_spaces', 'roads'] as const;

const emptyData = { type: 'FeatureCollection' as const, features: [] };

// Streets and parks outside the subdistrict (outside_boundary) are drawn muted, like the deck.gl layers.
const outsideOpacity = ['case', ['==', ['get', 'outside_boundary'], true], outsideAlphaFactor, 1];

// Road width in pixels at zoom 13 and 18, by class, interpolated between (a zoom expression must
// be the top-level interpolate in MapLibre, so the class match sits inside each stop). Wider than
// the deck.gl road layer's minimum so the basemap roads remain when that layer is switched off.
const roadWidthsAtZoom13: Record<string, number> = { arterial: 2.5, secondary: 1.8, branch: 1.2, lane: 0.8 };
const roadWidthsAtZoom18: Record<string, number> = { arterial: 22, secondary: 14, branch: 9, lane: 5 };
const widthByClass = (widths: Record<string, number>, extraPixels: number) => [
  'match', ['get', 'class'],
  'arterial', widths.arterial + extraPixels,
  'secondary', widths.secondary + extraPixels,
  'branch', widths.branch + extraPixels,
  widths.lane + extraPixels,
];
const roadWidth = (extraPixels: number) => [
  'interpolate', ['exponential', 1.6], ['zoom'],
  13, widthByClass(roadWidthsAtZoom13, extraPixels),
  18, widthByClass(roadWidthsAtZoom18, extraPixels),
];

/**
 * A MapLibre style drawn entirely from our own collections: no remote tiles, glyphs or sprites,
 * so the dashboard works with no internet. Sources start empty and are filled when the data
 * arrives. There are no symbol layers (they would need glyphs); deck.gl draws the labels.
 */
export function buildOfflineBasemapStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'lifecircle offline basemap',
    sources: Object.fromEntries(basemapCollectionIds.map((collectionId) => [collectionId, { type: 'geojson', data: emptyData }])),
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': basemapColours.background } },
      { id: 'neighbour-areas', type: 'fill', source: 'boundary', filter: ['==', ['get', 'kind'], 'neighbour'], paint: { 'fill-color': basemapColours.outsideSubdistrict } },
      { id: 'subdistrict-area', type: 'fill', source: 'boundary', filter: ['==', ['get', 'kind'], 'subdistrict'], paint: { 'fill-color': basemapColours.insideSubdistrict } },
      { id: 'green', type: 'fill', source: 'green_spaces', paint: { 'fill-color': basemapColours.green, 'fill-opacity': outsideOpacity } },
      { id: 'water', type: 'fill', source: 'waterways', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': basemapColours.water, 'fill-outline-color': basemapColours.waterOutline } },
      {
        id: 'water-centreline', type: 'line', source: 'waterways', filter: ['==', ['geometry-type'], 'LineString'],
        paint: { 'line-color': basemapColours.water, 'line-width': ['interpolate', ['linear'], ['zoom'], 13, 2, 18, 14] },
      },
      {
        id: 'road-casing', type: 'line', source: 'roads', layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': basemapColours.roadCasing, 'line-width': roadWidth(2), 'line-opacity': outsideOpacity },
      },
      {
        id: 'road', type: 'line', source: 'roads', layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': basemapColours.road, 'line-width': roadWidth(0), 'line-opacity': outsideOpacity },
      },
      {
        id: 'neighbour-boundary', type: 'line', source: 'boundary', filter: ['==', ['get', 'kind'], 'neighbour'],
        paint: { 'line-color': basemapColours.neighbourBoundary, 'line-width': 1, 'line-dasharray': [3, 2] },
      },
      {
        id: 'subdistrict-boundary', type: 'line', source: 'boundary', filter: ['==', ['get', 'kind'], 'subdistrict'],
        paint: { 'line-color': basemapColours.subdistrictBoundary, 'line-width': 1.5, 'line-opacity': 0.6 },
      },
    ],
  } as StyleSpecification;
}
