import type { WalkingGraph } from './build-walking-graph.ts';
import type { WalkFromSources } from './walk-from-sources.ts';

/** The stretch [startMetres, endMetres] of an edge, measured from its `from` node, that is reached. */
export interface ReachedEdgePart {
  edge: number;
  startMetres: number;
  endMetres: number;
}

/**
 * The parts of every edge reachable within `budgetMetres`: from either end by the remaining
 * budget, and around any source on the edge itself, with overlapping stretches merged.
 */
export function findReachedEdgeParts(graph: WalkingGraph, walk: WalkFromSources, budgetMetres: number): ReachedEdgePart[] {
  const parts: ReachedEdgePart[] = [];
  for (let edge = 0; edge < graph.edgeCount; edge++) {
    const length = graph.edgeLengthMetres[edge];
    const intervals: [number, number][] = [];
    const fromLeft = budgetMetres - walk.nodeDistanceMetres[graph.edgeFrom[edge]];
    if (fromLeft >= 0) intervals.push([0, Math.min(length, fromLeft)]);
    const toLeft = budgetMetres - walk.nodeDistanceMetres[graph.edgeTo[edge]];
    if (toLeft >= 0) intervals.push([Math.max(0, length - toLeft), length]);
    for (const index of walk.sourcesByEdge.get(edge) ?? []) {
      const source = walk.sources[index];
      const left = budgetMetres - source.accessMetres;
      if (left >= 0) intervals.push([Math.max(0, source.offsetMetres - left), Math.min(length, source.offsetMetres + left)]);
    }
    if (intervals.length === 0) continue;
    intervals.sort((a, b) => a[0] - b[0]);
    let [start, end] = intervals[0];
    for (const [nextStart, nextEnd] of intervals.slice(1)) {
      if (nextStart <= end) end = Math.max(end, nextEnd);
      else {
        parts.push({ edge, startMetres: start, endMetres: end });
        [start, end] = [nextStart, nextEnd];
      }
    }
    parts.push({ edge, startMetres: start, endMetres: end });
  }
  return parts;
}

/** The [longitude, latitude] line of an edge between two distances from its start. */
export function sliceEdge(graph: WalkingGraph, edge: number, startMetres: number, endMetres: number): number[][] {
  const { vertexX, vertexY, projection } = graph;
  const first = graph.edgeVertexStart[edge];
  const last = graph.edgeVertexStart[edge + 1] - 1;
  const positions: number[][] = [];
  const push = (x: number, y: number) => positions.push([projection.toLongitude(x), projection.toLatitude(y)]);
  let travelled = 0;
  for (let vertex = first; vertex < last; vertex++) {
    const segment = Math.hypot(vertexX[vertex + 1] - vertexX[vertex], vertexY[vertex + 1] - vertexY[vertex]);
    const segmentEnd = travelled + segment;
    if (segmentEnd >= startMetres && travelled <= endMetres) {
      const at = (distance: number) => (segment === 0 ? 0 : (distance - travelled) / segment);
      const a = Math.max(0, at(startMetres));
      const b = Math.min(1, at(endMetres));
      if (positions.length === 0) push(vertexX[vertex] + a * (vertexX[vertex + 1] - vertexX[vertex]), vertexY[vertex] + a * (vertexY[vertex + 1] - vertexY[vertex]));
      push(vertexX[vertex] + b * (vertexX[vertex + 1] - vertexX[vertex]), vertexY[vertex] + b * (vertexY[vertex + 1] - vertexY[vertex]));
    }
    travelled = segmentEnd;
  }
  return positions;
}
