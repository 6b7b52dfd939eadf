// Small geometry helpers on polylines in local metres: where two roads cross, how far along a
// road a point lies, and cutting a road between two positions. Kept separate from the road
// logic so each can be read on its own.
import type { Metres } from './local-projection.ts';

export interface Crossing {
  point: Metres;
  alongFirst: number;
  alongSecond: number;
}

export function polylineLength(line: Metres[]): number {
  let total = 0;
  for (let index = 1; index < line.length; index += 1) {
    total += Math.hypot(line[index][0] - line[index - 1][0], line[index][1] - line[index - 1][1]);
  }
  return total;
}

function cumulativeLengths(line: Metres[]): number[] {
  const lengths = [0];
  for (let index = 1; index < line.length; index += 1) {
    lengths.push(lengths[index - 1] + Math.hypot(line[index][0] - line[index - 1][0], line[index][1] - line[index - 1][1]));
  }
  return lengths;
}

export function findCrossings(first: Metres[], second: Metres[]): Crossing[] {
  const firstLengths = cumulativeLengths(first);
  const secondLengths = cumulativeLengths(second);
  const crossings: Crossing[] = [];
  for (let i = 1; i < first.length; i += 1) {
    const [ax, ay] = first[i - 1];
    const [bx, by] = first[i];
    for (let j = 1; j < second.length; j += 1) {
      const [cx, cy] = second[j - 1];
      const [dx, dy] = second[j];
      const denominator = (bx - ax) * (dy - cy) - (by - ay) * (dx - cx);
      if (Math.abs(denominator) < 1e-9) continue;
      const t = ((cx - ax) * (dy - cy) - (cy - ay) * (dx - cx)) / denominator;
      const u = ((cx - ax) * (by - ay) - (cy - ay) * (bx - ax)) / denominator;
      if (t < 0 || t > 1 || u < 0 || u > 1) continue;
      const segmentFirst = firstLengths[i] - firstLengths[i - 1];
      const segmentSecond = secondLengths[j] - secondLengths[j - 1];
      crossings.push({
        point: [ax + (bx - ax) * t, ay + (by - ay) * t],
        alongFirst: firstLengths[i - 1] + segmentFirst * t,
        alongSecond: secondLengths[j - 1] + segmentSecond * u,
      });
    }
  }
  return crossings.sort((a, b) => a.alongFirst - b.alongFirst);
}

export function pointAtLength(line: Metres[], along: number): Metres {
  const lengths = cumulativeLengths(line);
  for (let index = 1; index < line.length; index += 1) {
    if (along <= lengths[index] || index === line.length - 1) {
      const segment = lengths[index] - lengths[index - 1];
      const t = segment === 0 ? 0 : (along - lengths[index - 1]) / segment;
      return [line[index - 1][0] + (line[index][0] - line[index - 1][0]) * t, line[index - 1][1] + (line[index][1] - line[index - 1][1]) * t];
    }
  }
  return line[0];
}

// Nearest position on the line: distance to it and how far along the line it is.
export function projectOntoPolyline(line: Metres[], [px, py]: Metres): { distance: number; along: number; point: Metres } {
  const lengths = cumulativeLengths(line);
  let best = { distance: Infinity, along: 0, point: line[0] as Metres };
  for (let index = 1; index < line.length; index += 1) {
    const [ax, ay] = line[index - 1];
    const [bx, by] = line[index];
    const segmentSquared = (bx - ax) ** 2 + (by - ay) ** 2;
    const t = segmentSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / segmentSquared));
    const point: Metres = [ax + (bx - ax) * t, ay + (by - ay) * t];
    const distance = Math.hypot(px - point[0], py - point[1]);
    if (distance < best.distance) best = { distance, along: lengths[index - 1] + Math.sqrt(segmentSquared) * t, point };
  }
  return best;
}

// The part of a line between two along-positions, with every interior vertex kept.
export function slicePolyline(line: Metres[], startAlong: number, endAlong: number): Metres[] {
  const [from, to] = startAlong <= endAlong ? [startAlong, endAlong] : [endAlong, startAlong];
  const lengths = cumulativeLengths(line);
  const result: Metres[] = [pointAtLength(line, from)];
  for (let index = 0; index < line.length; index += 1) {
    if (lengths[index] > from + 1e-6 && lengths[index] < to - 1e-6) result.push(line[index]);
  }
  result.push(pointAtLength(line, to));
  return startAlong <= endAlong ? result : result.reverse();
}

// Offsetting a wiggly line (a creek bank) makes small loops at tight bends; a walker cuts the
// corner, so each loop is replaced by the point where the line crosses itself.
export function removeLoops(line: Metres[]): Metres[] {
  const result = [...line];
  for (let i = 0; i < result.length - 1; i += 1) {
    for (let j = result.length - 2; j > i + 1; j -= 1) {
      const crossing = findCrossings([result[i], result[i + 1]], [result[j], result[j + 1]])[0];
      if (crossing) {
        result.splice(i + 1, j - i, crossing.point);
        break;
      }
    }
  }
  return result;
}
