// Splits a set of lines at every crossing and at every T-junction (a line ending on another),
// and gives each resulting end a shared node. This is what makes a walking *network* out of
// separately drawn streets and lanes; it also feeds the street-block polygons.
import type { Metres } from './local-projection.ts';
import { findCrossings, projectOntoPolyline, slicePolyline, polylineLength } from './polyline-operations.ts';

export interface InputLine {
  id: string;
  coordinates: Metres[];
}

export interface NodedPiece {
  lineId: string;
  pieceIndex: number;
  coordinates: Metres[];
  fromNode: number;
  toNode: number;
}

export interface NodedNetwork {
  nodes: Metres[];
  pieces: NodedPiece[];
}

// Ends closer than this share a node: two crossings a metre apart are one junction on foot.
const snapMetres = 2;

function collectSplitPositions(line: InputLine, others: InputLine[]): number[] {
  const positions: number[] = [0, polylineLength(line.coordinates)];
  for (const other of others) {
    if (other === line) continue;
    for (const crossing of findCrossings(line.coordinates, other.coordinates)) positions.push(crossing.alongFirst);
    // T-junctions: the other line's ends touching this one (fitted crossings can miss by a hair).
    for (const end of [other.coordinates[0], other.coordinates.at(-1)!]) {
      const projection = projectOntoPolyline(line.coordinates, end);
      if (projection.distance < snapMetres) positions.push(projection.along);
    }
  }
  const sorted = positions.sort((a, b) => a - b);
  return sorted.filter((value, index) => index === 0 || value - sorted[index - 1] > snapMetres);
}

export function nodeLines(lines: InputLine[]): NodedNetwork {
  const nodes: Metres[] = [];
  const findOrAddNode = (point: Metres): number => {
    const existing = nodes.findIndex((node) => Math.hypot(node[0] - point[0], node[1] - point[1]) < snapMetres);
    if (existing >= 0) return existing;
    nodes.push(point);
    return nodes.length - 1;
  };
  const pieces: NodedPiece[] = [];
  for (const line of lines) {
    const splits = collectSplitPositions(line, lines);
    for (let index = 1; index < splits.length; index += 1) {
      const coordinates = slicePolyline(line.coordinates, splits[index - 1], splits[index]);
      const fromNode = findOrAddNode(coordinates[0]);
      const toNode = findOrAddNode(coordinates.at(-1)!);
      if (fromNode === toNode) continue;
      // Ends take the node's exact coordinates so neighbouring pieces share bytes after rounding.
      coordinates[0] = nodes[fromNode];
      coordinates[coordinates.length - 1] = nodes[toNode];
      pieces.push({ lineId: line.id, pieceIndex: index - 1, coordinates, fromNode, toNode });
    }
  }
  return { nodes, pieces };
}

// Connected components by union-find, for the build report and the tests.
export function countComponents(nodeCount: number, edges: { fromNode: number; toNode: number }[]): number[][] {
  const parent = Array.from({ length: nodeCount }, (_, index) => index);
  const find = (node: number): number => (parent[node] === node ? node : (parent[node] = find(parent[node])));
  for (const edge of edges) parent[find(edge.fromNode)] = find(edge.toNode);
  const groups = new Map<number, number[]>();
  const used = new Set(edges.flatMap((edge) => [edge.fromNode, edge.toNode]));
  for (const node of [...used].sort((a, b) => a - b)) {
    const root = find(node);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root)!.push(node);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length);
}
