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

/**
 * A uniform grid over the edges' segments, so that attaching a point looks at a few cells only.
 * The grid is dense over the network's extent and held in typed arrays (cell start offsets and
 * one list of segments), which takes a few bytes per segment instead of a JavaScript array per cell.
 */
export interface SegmentIndex {
  cellSizeMetres: number;
  originX: number;
  originY: number;
  columns: number;
  rows: number;
  /** Segments in cell c are cellSegments[cellStart[c] … cellStart[c + 1] - 1]; a segment is named by its first vertex. */
  cellStart: Int32Array;
  cellSegments: Int32Array;
  /** Edge of each vertex, and its distance from the start of that edge. */
  vertexEdge: Int32Array;
  vertexOffsetMetres: Float64Array;
}

export function indexSegments(graph: WalkingGraph, preferredCellSizeMetres = 100): SegmentIndex {
  const { vertexX, vertexY } = graph;
  const vertexCount = vertexX.length;
  const vertexEdge = new Int32Array(vertexCount);
  const vertexOffsetMetres = new Float64Array(vertexCount);
  const isSegmentStart = new Uint8Array(vertexCount);
  let minimumX = Infinity, minimumY = Infinity, maximumX = -Infinity, maximumY = -Infinity;
  let segmentCount = 0;
  for (let edge = 0; edge < graph.edgeCount; edge++) {
    const first = graph.edgeVertexStart[edge];
    const last = graph.edgeVertexStart[edge + 1] - 1;
    for (let vertex = first; vertex <= last; vertex++) {
      vertexEdge[vertex] = edge;
      if (vertex > first) vertexOffsetMetres[vertex] = vertexOffsetMetres[vertex - 1] + Math.hypot(vertexX[vertex] - vertexX[vertex - 1], vertexY[vertex] - vertexY[vertex - 1]);
      if (vertex < last) {
        isSegmentStart[vertex] = 1;
        segmentCount += 1;
      }
      minimumX = Math.min(minimumX, vertexX[vertex]);
      minimumY = Math.min(minimumY, vertexY[vertex]);
      maximumX = Math.max(maximumX, vertexX[vertex]);
      maximumY = Math.max(maximumY, vertexY[vertex]);
    }
  }
  if (segmentCount === 0) {
    return { cellSizeMetres: preferredCellSizeMetres, originX: 0, originY: 0, columns: 0, rows: 0, cellStart: new Int32Array(1), cellSegments: new Int32Array(0), vertexEdge, vertexOffsetMetres };
  }
  // Coarser cells where a sparse network spread over a large extent would need too many.
  let cellSizeMetres = preferredCellSizeMetres;
  const width = maximumX - minimumX;
  const height = maximumY - minimumY;
  while ((Math.floor(width / cellSizeMetres) + 1) * (Math.floor(height / cellSizeMetres) + 1) > Math.max(4096, 4 * segmentCount)) cellSizeMetres *= 2;
  const columns = Math.floor(width / cellSizeMetres) + 1;
  const rows = Math.floor(height / cellSizeMetres) + 1;
  const cellStart = new Int32Array(columns * rows + 1);

  // Two passes over the segments: count each cell's segments, then place them.
  const forEachCellOf = (vertex: number, visit: (cell: number) => void) => {
    const firstColumn = Math.floor((Math.min(vertexX[vertex], vertexX[vertex + 1]) - minimumX) / cellSizeMetres);
    const lastColumn = Math.floor((Math.max(vertexX[vertex], vertexX[vertex + 1]) - minimumX) / cellSizeMetres);
    const firstRow = Math.floor((Math.min(vertexY[vertex], vertexY[vertex + 1]) - minimumY) / cellSizeMetres);
    const lastRow = Math.floor((Math.max(vertexY[vertex], vertexY[vertex + 1]) - minimumY) / cellSizeMetres);
    for (let column = firstColumn; column <= lastColumn; column++) for (let row = firstRow; row <= lastRow; row++) visit(row * columns + column);
  };
  for (let vertex = 0; vertex < vertexCount; vertex++) if (isSegmentStart[vertex]) forEachCellOf(vertex, (cell) => { cellStart[cell + 1] += 1; });
  for (let cell = 0; cell < columns * rows; cell++) cellStart[cell + 1] += cellStart[cell];
  const cellSegments = new Int32Array(cellStart[columns * rows]);
  const fill = cellStart.slice(0, columns * rows);
  for (let vertex = 0; vertex < vertexCount; vertex++) if (isSegmentStart[vertex]) forEachCellOf(vertex, (cell) => { cellSegments[fill[cell]++] = vertex; });
  return { cellSizeMetres, originX: minimumX, originY: minimumY, columns, rows, cellStart, cellSegments, vertexEdge, vertexOffsetMetres };
}

/**
 * Attaches a point given in local metres to the nearest edge, searching rings of cells outwards
 * until no nearer segment can exist. Returns null when no edge is within `maximumAccessMetres`.
 */
export function attachPoint(graph: WalkingGraph, index: SegmentIndex, x: number, y: number, maximumAccessMetres = 1000): Attachment | null {
  const { cellSizeMetres, columns, rows, cellStart, cellSegments } = index;
  const column = Math.floor((x - index.originX) / cellSizeMetres);
  const row = Math.floor((y - index.originY) / cellSizeMetres);
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
        const cellColumn = column + columnOffset;
        const cellRow = row + rowOffset;
        if (cellColumn < 0 || cellRow < 0 || cellColumn >= columns || cellRow >= rows) continue;
        const cell = cellRow * columns + cellColumn;
        for (let entry = cellStart[cell]; entry < cellStart[cell + 1]; entry++) {
          const segment = cellSegments[entry];
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
