// Two stretches of the subdistrict boundary are natural edges: the south follows the 张家浜
// creek, the west the Huangpu shore. The corners where they begin and end are named here so
// the waterways, parks and riverside paths can be traced from the boundary itself.
import type { Polygon } from 'geojson';
import type { LonLat } from './local-projection.ts';

export const creekWestEnd: LonLat = [121.5056954, 31.2175225]; // creek mouth at the Huangpu
export const creekEastEnd: LonLat = [121.5314836, 31.2202485]; // boundary turns north, creek runs on east
export const shoreNorthEnd: LonLat = [121.5022292, 31.2253997]; // shore at the end of 张杨路

function indexOfVertex(ring: LonLat[], vertex: LonLat): number {
  const index = ring.findIndex(([x, y]) => Math.abs(x - vertex[0]) < 1e-7 && Math.abs(y - vertex[1]) < 1e-7);
  if (index < 0) throw new Error(`boundary vertex ${vertex.join(',')} not found: the boundary source changed`);
  return index;
}

// Vertices from one corner to the other, following the ring's own order and wrapping round.
export function traceBoundaryBetween(subdistrict: Polygon, start: LonLat, end: LonLat): LonLat[] {
  const ring = subdistrict.coordinates[0].slice(0, -1) as LonLat[];
  const startIndex = indexOfVertex(ring, start);
  const endIndex = indexOfVertex(ring, end);
  const traced: LonLat[] = [];
  for (let index = startIndex; ; index = (index + 1) % ring.length) {
    traced.push(ring[index]);
    if (index === endIndex) break;
  }
  return traced;
}
