import { createLocalMetres, type LocalMetres } from './local-metres.ts';

/** One edge of the walking network as stored: a line of [longitude, latitude] positions. */
export interface WalkingEdgeInput {
  id: string;
  coordinates: number[][];
}

/**
 * The walking network as compact typed arrays. Edges are two-way (walking has no one-way
 * streets). Nodes are where lines end or share a vertex (see buildWalkingGraph); adjacency is in
 * compressed sparse row form: the neighbours of node n are entries adjacencyStart[n] …
 * adjacencyStart[n + 1] - 1.
 */
export interface WalkingGraph {
  nodeCount: number;
  edgeCount: number;
  edgeIds: string[];
  nodeX: Float64Array;
  nodeY: Float64Array;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeLengthMetres: Float64Array;
  adjacencyStart: Int32Array;
  adjacencyNode: Int32Array;
  adjacencyEdge: Int32Array;
  /** Length of the edge of each adjacency entry: read in the innermost loop of every walk. */
  adjacencyLengthMetres: Float64Array;
  /** Vertices of edge e, in local metres, are vertexX/Y[edgeVertexStart[e] … edgeVertexStart[e + 1] - 1]. */
  edgeVertexStart: Int32Array;
  vertexX: Float64Array;
  vertexY: Float64Array;
  projection: LocalMetres;
}

const nodeToleranceMetres = 0.05;

/**
 * Builds the graph. Lines are split at every vertex they share with another line (OpenStreetMap
 * ways cross at shared interior vertices, not at their ends), and positions closer than
 * `nodeToleranceMetres` are one node, found by looking in the neighbouring grid cells too, so two
 * ends a millimetre apart on either side of a cell edge still meet. A split line's parts get the
 * line's id with "#1", "#2"….
 */
export function buildWalkingGraph(edges: WalkingEdgeInput[], projection?: LocalMetres): WalkingGraph {
  const usable = edges.filter((edge) => edge.coordinates.length >= 2);
  const localMetres = projection ?? createProjectionFor(usable);

  // Every vertex, in local metres, merged with any earlier vertex within the tolerance.
  const pointX: number[] = [];
  const pointY: number[] = [];
  const pointsByCell = new Map<number, number[]>();
  const cellOf = (value: number) => Math.floor(value / nodeToleranceMetres);
  const cellKey = (column: number, row: number) => column * 67_108_864 + row;
  const pointAt = (x: number, y: number): number => {
    const column = cellOf(x);
    const row = cellOf(y);
    for (let columnOffset = -1; columnOffset <= 1; columnOffset++) {
      for (let rowOffset = -1; rowOffset <= 1; rowOffset++) {
        for (const point of pointsByCell.get(cellKey(column + columnOffset, row + rowOffset)) ?? []) {
          if (Math.hypot(pointX[point] - x, pointY[point] - y) <= nodeToleranceMetres) return point;
        }
      }
    }
    const point = pointX.length;
    pointX.push(x);
    pointY.push(y);
    const key = cellKey(column, row);
    const list = pointsByCell.get(key);
    if (list) list.push(point);
    else pointsByCell.set(key, [point]);
    return point;
  };
  const linePoints = usable.map((edge) => edge.coordinates.map(([longitude, latitude]) => pointAt(localMetres.toX(longitude), localMetres.toY(latitude))));

  // A vertex is a node where a line ends or where two lines share it.
  const firstLineOfPoint = new Int32Array(pointX.length).fill(-1);
  const isNode = new Uint8Array(pointX.length);
  linePoints.forEach((points, line) => {
    isNode[points[0]] = 1;
    isNode[points[points.length - 1]] = 1;
    for (const point of points) {
      if (firstLineOfPoint[point] === -1) firstLineOfPoint[point] = line;
      else if (firstLineOfPoint[point] !== line) isNode[point] = 1;
    }
  });

  // Cut each line at its interior nodes.
  const pieces: { id: string; points: number[] }[] = [];
  linePoints.forEach((points, line) => {
    const cuts: number[][] = [];
    let current = [points[0]];
    for (let position = 1; position < points.length; position++) {
      current.push(points[position]);
      if (isNode[points[position]] && position < points.length - 1) {
        cuts.push(current);
        current = [points[position]];
      }
    }
    cuts.push(current);
    cuts.forEach((piece, index) => pieces.push({ id: cuts.length === 1 ? usable[line].id : `${usable[line].id}#${index + 1}`, points: piece }));
  });

  const edgeCount = pieces.length;
  const vertexTotal = pieces.reduce((total, piece) => total + piece.points.length, 0);
  const { edgeVertexStart, vertexX, vertexY, edgeFrom, edgeTo, edgeLengthMetres } = allocateEdgeArrays(edgeCount, vertexTotal);
  const nodeOfPoint = new Int32Array(pointX.length).fill(-1);
  const nodeXList: number[] = [];
  const nodeYList: number[] = [];
  const nodeAt = (point: number) => {
    if (nodeOfPoint[point] === -1) {
      nodeOfPoint[point] = nodeXList.length;
      nodeXList.push(pointX[point]);
      nodeYList.push(pointY[point]);
    }
    return nodeOfPoint[point];
  };

  let vertex = 0;
  pieces.forEach((piece, edgeIndex) => {
    edgeVertexStart[edgeIndex] = vertex;
    let length = 0;
    piece.points.forEach((point, position) => {
      vertexX[vertex] = pointX[point];
      vertexY[vertex] = pointY[point];
      if (position > 0) length += Math.hypot(vertexX[vertex] - vertexX[vertex - 1], vertexY[vertex] - vertexY[vertex - 1]);
      vertex += 1;
    });
    edgeLengthMetres[edgeIndex] = length;
    edgeFrom[edgeIndex] = nodeAt(piece.points[0]);
    edgeTo[edgeIndex] = nodeAt(piece.points[piece.points.length - 1]);
  });
  edgeVertexStart[edgeCount] = vertex;

  const nodeCount = nodeXList.length;
  const { adjacencyStart, adjacencyNode, adjacencyEdge, adjacencyLengthMetres } = buildAdjacency(nodeCount, edgeFrom, edgeTo, edgeLengthMetres);

  return {
    nodeCount,
    edgeCount,
    edgeIds: pieces.map((piece) => piece.id),
    nodeX: Float64Array.from(nodeXList),
    nodeY: Float64Array.from(nodeYList),
    edgeFrom,
    edgeTo,
    edgeLengthMetres,
    adjacencyStart,
    adjacencyNode,
    adjacencyEdge,
    adjacencyLengthMetres,
    edgeVertexStart,
    vertexX,
    vertexY,
    projection: localMetres,
  };
}

/** The typed arrays of the edges and their vertices, for `edgeCount` edges of `vertexTotal` vertices in all. */
export function allocateEdgeArrays(edgeCount: number, vertexTotal: number) {
  return {
    edgeVertexStart: new Int32Array(edgeCount + 1),
    vertexX: new Float64Array(vertexTotal),
    vertexY: new Float64Array(vertexTotal),
    edgeFrom: new Int32Array(edgeCount),
    edgeTo: new Int32Array(edgeCount),
    edgeLengthMetres: new Float64Array(edgeCount),
  };
}

/** The compressed sparse row adjacency of two-way edges: each edge appears at both of its nodes. */
export function buildAdjacency(nodeCount: number, edgeFrom: Int32Array, edgeTo: Int32Array, edgeLengthMetres: Float64Array) {
  const edgeCount = edgeFrom.length;
  const adjacencyStart = new Int32Array(nodeCount + 1);
  for (let edge = 0; edge < edgeCount; edge++) {
    adjacencyStart[edgeFrom[edge] + 1] += 1;
    adjacencyStart[edgeTo[edge] + 1] += 1;
  }
  for (let node = 0; node < nodeCount; node++) adjacencyStart[node + 1] += adjacencyStart[node];
  const fill = adjacencyStart.slice(0, nodeCount);
  const adjacencyNode = new Int32Array(2 * edgeCount);
  const adjacencyEdge = new Int32Array(2 * edgeCount);
  const adjacencyLengthMetres = new Float64Array(2 * edgeCount);
  for (let edge = 0; edge < edgeCount; edge++) {
    const from = edgeFrom[edge];
    const to = edgeTo[edge];
    adjacencyNode[fill[from]] = to;
    adjacencyLengthMetres[fill[from]] = edgeLengthMetres[edge];
    adjacencyEdge[fill[from]++] = edge;
    adjacencyNode[fill[to]] = from;
    adjacencyLengthMetres[fill[to]] = edgeLengthMetres[edge];
    adjacencyEdge[fill[to]++] = edge;
  }
  return { adjacencyStart, adjacencyNode, adjacencyEdge, adjacencyLengthMetres };
}

// The frame's scales are exact at its reference and drift with the distance north or south of
// it (local-metres.ts), so the reference is the middle of the network's extent.
function createProjectionFor(edges: WalkingEdgeInput[]): LocalMetres {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const edge of edges) {
    for (const [longitude, latitude] of edge.coordinates) {
      west = Math.min(west, longitude);
      east = Math.max(east, longitude);
      south = Math.min(south, latitude);
      north = Math.max(north, latitude);
    }
  }
  return Number.isFinite(west) ? createLocalMetres((west + east) / 2, (south + north) / 2) : createLocalMetres(121.52, 31.225);
}

/** Connected parts of the graph, largest first, as lists of node indexes. */
export function findConnectedParts(graph: WalkingGraph): number[][] {
  const part = new Int32Array(graph.nodeCount).fill(-1);
  const parts: number[][] = [];
  const stack: number[] = [];
  for (let start = 0; start < graph.nodeCount; start++) {
    if (part[start] !== -1) continue;
    const members: number[] = [];
    part[start] = parts.length;
    stack.push(start);
    while (stack.length > 0) {
      const node = stack.pop()!;
      members.push(node);
      for (let entry = graph.adjacencyStart[node]; entry < graph.adjacencyStart[node + 1]; entry++) {
        const neighbour = graph.adjacencyNode[entry];
        if (part[neighbour] === -1) {
          part[neighbour] = parts.length;
          stack.push(neighbour);
        }
      }
    }
    parts.push(members);
  }
  return parts.sort((a, b) => b.length - a.length);
}
