// The land the carriageways and pavements take: each road buffered by half its width plus a
// 3 m pavement. Estates, parks and commercial plots are cut back to it so nothing is drawn on
// the street.
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { buffer, featureCollection, lineString, union } from '@turf/turf';
import { unprojectToLonLat } from './local-projection.ts';
import type { BuiltRoad } from './build-roads.ts';

export function buildRoadSurface(roads: BuiltRoad[]): Feature<Polygon | MultiPolygon> {
  const surfaces = roads.map((road) =>
    buffer(lineString(road.line.map(unprojectToLonLat)), road.entry.widthMetres / 2 + 3, { units: 'meters', steps: 4 })!,
  );
  return union(featureCollection(surfaces))!;
}
