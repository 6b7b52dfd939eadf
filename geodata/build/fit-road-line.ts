// Fits a straight road axis through the geocoded addresses that name the road. Addresses sit
// on both sides of a street, so the best-fit line through them runs along the carriageway.
// Orthogonal regression (principal axis) is used because roads here run in every direction and
// ordinary least squares breaks down for near-vertical lines. Geocodes that landed far from
// the others (a lane's inner building, a wrong match) are dropped in a few rounds.
import type { Metres } from './local-projection.ts';

export interface RoadAxis {
  // A point on the axis and the unit direction, in local metres.
  origin: Metres;
  direction: Metres;
}

export interface AxisFit {
  axis: RoadAxis;
  keptIndexes: number[];
  droppedIndexes: number[];
}

export function fitPrincipalAxis(points: Metres[]): RoadAxis {
  const count = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / count;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / count;
  let xx = 0;
  let xy = 0;
  let yy = 0;
  for (const [x, y] of points) {
    xx += (x - meanX) ** 2;
    xy += (x - meanX) * (y - meanY);
    yy += (y - meanY) ** 2;
  }
  const angle = 0.5 * Math.atan2(2 * xy, xx - yy);
  return { origin: [meanX, meanY], direction: [Math.cos(angle), Math.sin(angle)] };
}

// A fixed direction (the grid bearing) with only the offset fitted: used where a road has too
// few or too clustered addresses to show its own direction.
export function fitAxisWithDirection(points: Metres[], direction: Metres): RoadAxis {
  const normal: Metres = [-direction[1], direction[0]];
  const offsets = points.map(([x, y]) => x * normal[0] + y * normal[1]).sort((a, b) => a - b);
  const median = offsets[Math.floor(offsets.length / 2)];
  return { origin: [normal[0] * median, normal[1] * median], direction };
}

export function distanceToAxis(axis: RoadAxis, [x, y]: Metres): number {
  const dx = x - axis.origin[0];
  const dy = y - axis.origin[1];
  return Math.abs(dx * axis.direction[1] - dy * axis.direction[0]);
}

export function positionAlongAxis(axis: RoadAxis, [x, y]: Metres): number {
  return (x - axis.origin[0]) * axis.direction[0] + (y - axis.origin[1]) * axis.direction[1];
}

export function pointOnAxis(axis: RoadAxis, along: number, sideOffset = 0): Metres {
  return [
    axis.origin[0] + axis.direction[0] * along - axis.direction[1] * sideOffset,
    axis.origin[1] + axis.direction[1] * along + axis.direction[0] * sideOffset,
  ];
}

export function fitAxisRobustly(points: Metres[], fixedDirection: Metres | null, dropBeyondMetres: number): AxisFit {
  let kept = points.map((_, index) => index);
  const fitKept = () => {
    const keptPoints = kept.map((index) => points[index]);
    return fixedDirection ? fitAxisWithDirection(keptPoints, fixedDirection) : fitPrincipalAxis(keptPoints);
  };
  let axis = fitKept();
  for (let round = 0; round < 4 && kept.length > 3; round += 1) {
    const worst = kept.reduce((worstIndex, index) =>
      distanceToAxis(axis, points[index]) > distanceToAxis(axis, points[worstIndex]) ? index : worstIndex,
    );
    if (distanceToAxis(axis, points[worst]) <= dropBeyondMetres) break;
    kept = kept.filter((index) => index !== worst);
    axis = fitKept();
  }
  const keptSet = new Set(kept);
  return { axis, keptIndexes: kept, droppedIndexes: points.map((_, index) => index).filter((index) => !keptSet.has(index)) };
}

export function intersectAxes(first: RoadAxis, second: RoadAxis): Metres | null {
  const determinant = first.direction[0] * second.direction[1] - first.direction[1] * second.direction[0];
  if (Math.abs(determinant) < 1e-9) return null;
  const dx = second.origin[0] - first.origin[0];
  const dy = second.origin[1] - first.origin[1];
  const along = (dx * second.direction[1] - dy * second.direction[0]) / determinant;
  return pointOnAxis(first, along);
}
