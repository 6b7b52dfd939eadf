// Turns a road's evidence (the geocoded addresses that name it, sometimes a few anchor points)
// into a long centreline in local metres, to be cut to length later. Straight roads get one
// principal axis; roads known to bend get a smooth line through local medians of the address
// offsets, so a kink in 浦东南路 does not drag the whole line off its addresses.
import type { Metres } from './local-projection.ts';
import { fitAxisRobustly, positionAlongAxis, pointOnAxis, type RoadAxis } from './fit-road-line.ts';

export interface CentrelineFit {
  line: Metres[];
  keptPoints: Metres[];
  axis: RoadAxis;
  usedPointCount: number;
  droppedPointCount: number;
}

const extensionMetres = 4000;

// Roads are drawn west→east when they run mostly east-west and north→south otherwise, so that
// "from" and "to" in the catalogue mean the same thing for every road.
export function orientAxis(axis: RoadAxis): RoadAxis {
  const [dx, dy] = axis.direction;
  const flip = Math.abs(dx) >= Math.abs(dy) ? dx < 0 : dy > 0;
  return flip ? { origin: axis.origin, direction: [-dx, -dy] } : axis;
}

function weightedMedian(values: number[], weights: number[]): number {
  const order = values.map((value, index) => ({ value, weight: weights[index] })).sort((a, b) => a.value - b.value);
  const half = order.reduce((sum, entry) => sum + entry.weight, 0) / 2;
  let running = 0;
  for (const entry of order) {
    running += entry.weight;
    if (running >= half) return entry.value;
  }
  return order.at(-1)!.value;
}

export function fitCentreline(
  points: Metres[],
  options: { fixedDirection: Metres | null; bending: boolean; dropBeyondMetres: number },
): CentrelineFit {
  const fit = fitAxisRobustly(points, options.fixedDirection, options.dropBeyondMetres);
  const axis = orientAxis(fit.axis);
  const kept = fit.keptIndexes.map((index) => points[index]);
  const along = kept.map((point) => positionAlongAxis(axis, point));
  const normal: Metres = [-axis.direction[1], axis.direction[0]];
  const offsets = kept.map(([x, y]) => (x - axis.origin[0]) * normal[0] + (y - axis.origin[1]) * normal[1]);
  const first = Math.min(...along);
  const last = Math.max(...along);

  let knots: { along: number; offset: number }[] = [{ along: 0, offset: 0 }];
  if (options.bending && last - first > 600) {
    // Knots every ~300 m; each takes the weighted median offset of the addresses around it.
    const knotCount = Math.max(2, Math.round((last - first) / 300) + 1);
    const spacing = (last - first) / (knotCount - 1);
    knots = Array.from({ length: knotCount }, (_, index) => {
      const knotAlong = first + spacing * index;
      const weights = along.map((value) => Math.exp(-((value - knotAlong) ** 2) / (2 * 250 ** 2)) + 1e-6);
      return { along: knotAlong, offset: weightedMedian(offsets, weights) };
    });
  }
  const line: Metres[] = [
    pointOnAxis(axis, knots[0].along - extensionMetres, knots[0].offset),
    ...knots.map((knot) => pointOnAxis(axis, knot.along, knot.offset)),
    pointOnAxis(axis, knots.at(-1)!.along + extensionMetres, knots.at(-1)!.offset),
  ];
  return { line, keptPoints: kept, axis, usedPointCount: kept.length, droppedPointCount: fit.droppedIndexes.length };
}
