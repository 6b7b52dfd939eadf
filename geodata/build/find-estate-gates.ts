// Gates: where an estate's fence comes closest to a street, preferring the quieter branch
// streets that estate gates open onto over the arterials. Large estates get a second gate on a
// different street. Each gate remembers its street and the foot point on it, which become the
// lanes (弄) of the walking network.
import type { Polygon } from 'geojson';
import { projectToMetres, type Metres } from './local-projection.ts';
import { projectOntoPolyline } from './polyline-operations.ts';
import type { BuiltRoad } from './build-roads.ts';

export interface EstateGate {
  gate: Metres;
  roadId: string;
  foot: Metres;
  distance: number;
}

function sampleRing(ring: Metres[], stepMetres: number): Metres[] {
  const samples: Metres[] = [];
  for (let index = 1; index < ring.length; index += 1) {
    const [ax, ay] = ring[index - 1];
    const [bx, by] = ring[index];
    const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / stepMetres));
    for (let step = 0; step < steps; step += 1) samples.push([ax + ((bx - ax) * step) / steps, ay + ((by - ay) * step) / steps]);
  }
  return samples;
}

function nearestApproach(samples: Metres[], road: BuiltRoad): EstateGate {
  let best: EstateGate = { gate: samples[0], roadId: road.entry.id, foot: samples[0], distance: Infinity };
  for (const sample of samples) {
    const projection = projectOntoPolyline(road.line, sample);
    if (projection.distance < best.distance) best = { gate: sample, roadId: road.entry.id, foot: projection.point, distance: projection.distance };
  }
  return best;
}

export function findEstateGates(estate: Polygon, areaSquareMetres: number, roads: BuiltRoad[]): EstateGate[] {
  const samples = sampleRing(estate.coordinates[0].map((position) => projectToMetres(position as [number, number])), 5);
  // Arterials count as 60 m further away: gates rarely open straight onto them.
  const penalty = (road: BuiltRoad) => (road.entry.roadClass === 'arterial' ? 60 : 0);
  const approaches = roads
    .map((road) => ({ approach: nearestApproach(samples, road), road }))
    .filter(({ approach }) => approach.distance < 300)
    .sort((a, b) => a.approach.distance + penalty(a.road) - (b.approach.distance + penalty(b.road)) || a.road.entry.id.localeCompare(b.road.entry.id));
  if (approaches.length === 0) throw new Error('estate has no street within 300 m');
  const gates = [approaches[0].approach];
  if (areaSquareMetres > 30_000 && approaches.length > 1) gates.push(approaches[1].approach);
  return gates;
}
