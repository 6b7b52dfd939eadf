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

// Least median of squares: every pair of points proposes a line, the line with the smallest
// median distance to all points wins, and the final axis is fitted through the points within
// dropBeyondMetres of it. Unlike iterative trimming this is not fooled by one far-off geocode
// at the end of a short road (with four addresses, one bad one tilts a plain fit towards itself).
export function fitAxisRobustly(points: Metres[], fixedDirection: Metres | null, dropBeyondMetres: number): AxisFit {
  const all = points.map((_, index) => index);
  const fitOf = (indexes: number[]) => {
    const chosen = indexes.map((index) => points[index]);
    return fixedDirection ? fitAxisWithDirection(chosen, fixedDirection) : fitPrincipalAxis(chosen);
  };
  let best = fitOf(all);
  if (!fixedDirection && points.length >= 3) {
    let bestScore = Infinity;
    for (let i = 0; i < points.length; i += 1) {
      for (let j = i + 1; j < points.length; j += 1) {
        const [dx, dy] = [points[j][0] - points[i][0], points[j][1] - points[i][1]];
        const length = Math.hypot(dx, dy);
        if (length < 50) continue;
        const candidate: RoadAxis = { origin: points[i], direction: [dx / length, dy / length] };
        const residuals = points.map((point) => distanceToAxis(candidate, point)).sort((a, b) => a - b);
        const score = residuals[Math.floor((residuals.length - 1) / 2)];
        if (score < bestScore - 1e-9) {
          bestScore = score;
          best = candidate;
        }
      }
    }
  }
  const kept = all.filter((index) => distanceToAxis(best, points[index]) <= dropBeyondMetres);
  const final = kept.length >= 2 ? kept : all;
  const keptSet = new Set(final);
  return { axis: fitOf(final), keptIndexes: final, droppedIndexes: all.filter((index) => !keptSet.has(index)) };
}
