import type { WalkingGraph } from './build-walking-graph.ts';

/**
 * The point at a distance along an edge from its `from` node, in local metres, and the segment it
 * lies on (as the index of the segment's first vertex, counted within the edge).
 */
export function locateAlongEdge(graph: WalkingGraph, edge: number, offsetMetres: number): { x: number; y: number; segment: number } {
  const first = graph.edgeVertexStart[edge];
  const segments = graph.edgeVertexStart[edge + 1] - first - 1;
  const { vertexX, vertexY } = graph;
  let travelled = 0;
  for (let segment = 0; segment < segments; segment++) {
    const start = first + segment;
    const length = Math.hypot(vertexX[start + 1] - vertexX[start], vertexY[start + 1] - vertexY[start]);
    if (travelled + length >= offsetMetres || segment === segments - 1) {
      const fraction = length === 0 ? 0 : Math.min(1, Math.max(0, (offsetMetres - travelled) / length));
      return { x: vertexX[start] + fraction * (vertexX[start + 1] - vertexX[start]), y: vertexY[start] + fraction * (vertexY[start + 1] - vertexY[start]), segment };
    }
    travelled += length;
  }
  return { x: vertexX[first], y: vertexY[first], segment: 0 };
}
