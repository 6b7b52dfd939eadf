// Overlay operations (cut the street out, cut the park out) leave pinch points and slivers a
// metre wide, which are invalid once coordinates are rounded. An "opening" — shrink by a metre
// and a half, keep the largest part, grow back — removes them and changes nothing else visibly.
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { area, buffer, kinks } from '@turf/turf';
import { roundCoordinate } from './serialize-dataset.ts';

const openingMetres = 1.5;

export function largestPart(shape: Feature<Polygon | MultiPolygon> | undefined): Polygon | null {
  if (!shape) return null;
  if (shape.geometry.type === 'Polygon') return shape.geometry;
  const parts = shape.geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }) as Polygon);
  return parts.reduce((best, part) => (area(part) > area(best) ? part : best));
}

export function hasKinksWhenRounded(polygon: Polygon): boolean {
  const rounded: Polygon = { type: 'Polygon', coordinates: polygon.coordinates.map((ring) => ring.map(([x, y]) => [roundCoordinate(x), roundCoordinate(y)])) };
  return kinks(rounded).features.length > 0;
}

export function removePinches(polygon: Polygon): Polygon | null {
  if (!hasKinksWhenRounded(polygon)) return polygon;
  const shrunk = largestPart(buffer(polygon, -openingMetres, { units: 'meters', steps: 2 }));
  if (!shrunk) return null;
  const grown = largestPart(buffer(shrunk, openingMetres, { units: 'meters', steps: 2 }));
  return grown && !hasKinksWhenRounded(grown) ? grown : null;
}
