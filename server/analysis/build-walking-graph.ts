import { createLocalMetres, type LocalMetres } from './local-metres.ts';

/** One edge of the walking network as stored: a line of [longitude, latitude] positions. */
export interface WalkingEdgeInput {
  id: string;
  coordinates: number[][];
}

/**
 * The walking network as compact typed arrays. Edges are two-way (walking has no one-way
 * streets). Nodes are the edges' end points, merged where they coincide within
 * `nodeToleranceMetres`; adjacency is in compressed sparse row form: the neighbours of node n are
 * entries adjacencyStart[n] … adjacencyStart[n + 1] - 1.
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

export function buildWalkingGraph(edges: WalkingEdgeInput[], projection?: LocalMetres): WalkingGraph {
  const usable = edges.filter((edge) => edge.coordinates.length >= 2);
  const localMetres = projection ?? createProjectionFor(usable);
  const edgeCount = usable.length;
  const vertexTotal = usable.reduce((total, edge) => total + edge.coordinates.length, 0);

  const edgeVertexStart = new Int32Array(edgeCount + 1);
  const vertexX = new Float64Array(vertexTotal);
  const vertexY = new Float64Array(vertexTotal);
  const edgeFrom = new Int32Array(edgeCount);
  const edgeTo = new Int32Array(edgeCount);
  const edgeLengthMetres = new Float64Array(edgeCount);
  const nodeIndexByKey = new Map<string, number>();
  const nodeXList: number[] = [];
  const nodeYList: number[] = [];

  // End points are merged on a grid of the tolerance: a node key is its rounded position.
  const nodeAt = (x: number, y: number) => {
    const key = `${Math.round(x / nodeToleranceMetres)},${Math.round(y / nodeToleranceMetres)}`;
    let index = nodeIndexByKey.get(key);
    if (index === undefined) {
      index = nodeXList.length;
      nodeIndexByKey.set(key, index);
      nodeXList.push(x);
      nodeYList.push(y);
    }
    return index;
  };

  let vertex = 0;
  usable.forEach((edge, edgeIndex) => {
    edgeVertexStart[edgeIndex] = vertex;
    let length = 0;
    edge.coordinates.forEach(([longitude, latitude], position) => {
      vertexX[vertex] = localMetres.toX(longitude);
      vertexY[vertex] = localMetres.toY(latitude);
      if (position > 0) length += Math.hypot(vertexX[vertex] - vertexX[vertex - 1], vertexY[vertex] - vertexY[vertex - 1]);
      vertex += 1;
    });
    edgeLengthMetres[edgeIndex] = length;
    edgeFrom[edgeIndex] = nodeAt(vertexX[edgeVertexStart[edgeIndex]], vertexY[edgeVertexStart[edgeIndex]]);
    edgeTo[edgeIndex] = nodeAt(vertexX[vertex - 1], vertexY[vertex - 1]);
  });
  edgeVertexStart[edgeCount] = vertex;

  const nodeCount = nodeXList.length;
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

  return {
    nodeCount,
    edgeCount,
    edgeIds: usable.map((edge) => edge.id),
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

function createProjectionFor(edges: WalkingEdgeInput[]): LocalMetres {
  const first = edges[0]?.coordinates[0] ?? [121.52, 31.225];
  return createLocalMetres(first[0], first[1]);
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
