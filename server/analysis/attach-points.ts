import type { WalkingGraph } from './build-walking-graph.ts';

/**
 * Where a point (a gate, a facility door) joins the network: the nearest point on the nearest
 * edge, how far along that edge it is, and the straight access walk from the point to it.
 */
export interface Attachment {
  edge: number;
  /** Distance along the edge from its `from` node to the attachment point. */
  offsetMetres: number;
  /** Straight walk from the point itself to the edge. */
  accessMetres: number;
}

/** A uniform grid over the edges' segments, so that attaching a point looks at a few cells only. */
export interface SegmentIndex {
  cellSizeMetres: number;
  cells: Map<number, number[]>;
  /** Edge of each vertex, and its distance from the start of that edge. */
  vertexEdge: Int32Array;
  vertexOffsetMetres: Float64Array;
}

const cellKey = (column: number, row: number) => (column + 32768) * 65536 + (row + 32768);

export function indexSegments(graph: WalkingGraph, cellSizeMetres = 100): SegmentIndex {
  const vertexEdge = new Int32Array(graph.vertexX.length);
  const vertexOffsetMetres = new Float64Array(graph.vertexX.length);
  const cells = new Map<number, number[]>();
  for (let edge = 0; edge < graph.edgeCount; edge++) {
    const first = graph.edgeVertexStart[edge];
    const last = graph.edgeVertexStart[edge + 1] - 1;
    for (let vertex = first; vertex <= last; vertex++) {
      vertexEdge[vertex] = edge;
      if (vertex > first) {
        vertexOffsetMetres[vertex] = vertexOffsetMetres[vertex - 1] +
          Math.hypot(graph.vertexX[vertex] - graph.vertexX[vertex - 1], graph.vertexY[vertex] - graph.vertexY[vertex - 1]);
      }
      if (vertex === last) continue;
      // Segment `vertex` runs from this vertex to the next one; list it in every cell of its box.
      const minimumColumn = Math.floor(Math.min(graph.vertexX[vertex], graph.vertexX[vertex + 1]) / cellSizeMetres);
      const maximumColumn = Math.floor(Math.max(graph.vertexX[vertex], graph.vertexX[vertex + 1]) / cellSizeMetres);
      const minimumRow = Math.floor(Math.min(graph.vertexY[vertex], graph.vertexY[vertex + 1]) / cellSizeMetres);
      const maximumRow = Math.floor(Math.max(graph.vertexY[vertex], graph.vertexY[vertex + 1]) / cellSizeMetres);
      for (let column = minimumColumn; column <= maximumColumn; column++) {
        for (let row = minimumRow; row <= maximumRow; row++) {
          const key = cellKey(column, row);
          const list = cells.get(key);
          if (list) list.push(vertex);
          else cells.set(key, [vertex]);
        }
      }
    }
  }
  return { cellSizeMetres, cells, vertexEdge, vertexOffsetMetres };
}

/**
 * Attaches a point given in local metres to the nearest edge, searching rings of cells outwards
 * until no nearer segment can exist. Returns null when no edge is within `maximumAccessMetres`.
 */
export function attachPoint(graph: WalkingGraph, index: SegmentIndex, x: number, y: number, maximumAccessMetres = 1000): Attachment | null {
  const { cellSizeMetres, cells } = index;
  const column = Math.floor(x / cellSizeMetres);
  const row = Math.floor(y / cellSizeMetres);
  let bestDistance = Infinity;
  let bestSegment = -1;
  let bestFraction = 0;
  const maximumRing = Math.ceil(maximumAccessMetres / cellSizeMetres) + 1;
  for (let ring = 0; ring <= maximumRing; ring++) {
    // Every segment in ring r or beyond is at least (r - 1) cells away.
    if (bestDistance <= (ring - 1) * cellSizeMetres) break;
    for (let columnOffset = -ring; columnOffset <= ring; columnOffset++) {
      for (let rowOffset = -ring; rowOffset <= ring; rowOffset++) {
        if (Math.max(Math.abs(columnOffset), Math.abs(rowOffset)) !== ring) continue;
        const segments = cells.get(cellKey(column + columnOffset, row + rowOffset));
        if (!segments) continue;
        for (const segment of segments) {
          const ax = graph.vertexX[segment];
          const ay = graph.vertexY[segment];
          const dx = graph.vertexX[segment + 1] - ax;
          const dy = graph.vertexY[segment + 1] - ay;
          const lengthSquared = dx * dx + dy * dy;
          const fraction = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / lengthSquared));
          const distance = Math.hypot(ax + fraction * dx - x, ay + fraction * dy - y);
          if (distance < bestDistance || (distance === bestDistance && segment < bestSegment)) {
            bestDistance = distance;
            bestSegment = segment;
            bestFraction = fraction;
          }
        }
      }
    }
  }
  if (bestSegment === -1 || bestDistance > maximumAccessMetres) return null;
  const edge = index.vertexEdge[bestSegment];
  const segmentLength = index.vertexOffsetMetres[bestSegment + 1] - index.vertexOffsetMetres[bestSegment];
  const offsetMetres = Math.min(graph.edgeLengthMetres[edge], index.vertexOffsetMetres[bestSegment] + bestFraction * segmentLength);
  return { edge, offsetMetres, accessMetres: bestDistance };
}
