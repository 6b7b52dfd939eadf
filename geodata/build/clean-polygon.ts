// Overlay operations (cut the street out, cut the park out) leave pinch points and slivers a
// metre wide, which are invalid once coordinates are rounded. An "opening" — shrink by a metre
// and a half (three or six metres if a pinch survives), keep the largest part, grow back —
// removes them and changes nothing else visibly.
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { buffer, kinks, unkinkPolygon } from '@turf/turf';
import { measureAreaSquareMetres } from './local-projection.ts';
import { roundCoordinate } from './serialize-dataset.ts';

const openingMetres = [1.5, 3, 6];

export function largestPart(shape: Feature<Polygon | MultiPolygon> | undefined): Polygon | null {
  if (!shape) return null;
  if (shape.geometry.type === 'Polygon') return shape.geometry;
  const parts = shape.geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }) as Polygon);
  return parts.reduce((best, part) => (measureAreaSquareMetres(part) > measureAreaSquareMetres(best) ? part : best));
}

const roundPolygon = (polygon: Polygon): Polygon => ({ type: 'Polygon', coordinates: polygon.coordinates.map((ring) => ring.map(([x, y]) => [roundCoordinate(x), roundCoordinate(y)])) });

export function hasKinksWhenRounded(polygon: Polygon): boolean {
  return kinks(roundPolygon(polygon)).features.length > 0;
}

export function removePinches(polygon: Polygon): Polygon | null {
  if (!hasKinksWhenRounded(polygon)) return polygon;
  // A wider opening only where the narrow one leaves a pinch.
  for (const metres of openingMetres) {
    const shrunk = largestPart(buffer(polygon, -metres, { units: 'meters', steps: 2 }));
    if (!shrunk) break;
    const grown = largestPart(buffer(shrunk, metres, { units: 'meters', steps: 2 }));
    if (grown && !hasKinksWhenRounded(grown)) return grown;
  }
  // A spike (a vertex that runs out and folds straight back) survives any opening and crosses
  // itself only once rounded: cut the rounded ring at its self-crossings, keep the largest loop.
  const loops = unkinkPolygon(roundPolygon(polygon)).features.map((loop) => loop.geometry);
  const largest = loops.reduce<Polygon | null>((best, loop) => (!best || measureAreaSquareMetres(loop) > measureAreaSquareMetres(best) ? loop : best), null);
  return largest && !hasKinksWhenRounded(largest) ? largest : null;
}
