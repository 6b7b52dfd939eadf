import { attachPoint, type Attachment } from './attach-points.ts';
import { allocateEdgeArrays, buildAdjacency, type WalkingGraph } from './build-walking-graph.ts';
import { prepareNetwork, type PreparedNetwork } from './compute-coverage.ts';
import { locateAlongEdge } from './locate-along-edge.ts';

/** A walking link drawn by a planner: a new estate gate, a footbridge. */
export interface WalkingLink {
  id: string;
  /** [longitude, latitude] positions from one end to the other. */
  coordinates: number[][];
}

export interface AddedWalkingLink {
  network: PreparedNetwork;
  /** The link's edge in the new graph: its ends' access walks, then the drawn line. */
  edge: number;
  /** Nodes made where the link's ends split an edge, and where each lies on the old graph. */
  newNodes: { node: number; onOldGraph: Attachment }[];
  /** Where a point attached to the old graph lies on the new one (a split edge's far part is a new edge). */
  moveAttachment: (attachment: Attachment) => Attachment;
}

/** A link's end this close to a node joins that node instead of splitting the edge beside it. */
const nodeToleranceMetres = 0.05;

/**
 * The network with a link added. Each end joins the nearest street, as a gate does: at a node,
 * or at a new node that splits the street's edge in two. Nodes and edges keep their numbers (the
 * far part of a split edge and the link are appended), so a walk over the old graph still fits
 * the new one once the new nodes are given their distances.
 */
export function addWalkingLink(network: PreparedNetwork, link: WalkingLink, maximumAccessMetres: number): AddedWalkingLink {
  const { graph, index } = network;
  if (link.coordinates.length < 2) throw new Error(`Walking link "${link.id}" needs at least two positions`);
  const lineX = link.coordinates.map(([longitude]) => graph.projection.toX(longitude));
  const lineY = link.coordinates.map(([, latitude]) => graph.projection.toY(latitude));
  const ends = [0, lineX.length - 1].map((position) => attachPoint(graph, index, lineX[position], lineY[position], maximumAccessMetres));
  if (!ends[0] || !ends[1]) throw new Error(`An end of walking link "${link.id}" is more than ${maximumAccessMetres} m from every street`);

  let current = graph;
  const splits: { edge: number; offsetMetres: number; farEdge: number }[] = [];
  const moveAttachment = (attachment: Attachment) => splits.reduce((moved, split) => (
    moved.edge === split.edge && moved.offsetMetres > split.offsetMetres
      ? { ...moved, edge: split.farEdge, offsetMetres: moved.offsetMetres - split.offsetMetres }
      : moved), attachment);
  const newNodes: AddedWalkingLink['newNodes'] = [];
  const endNodes = ends.map((end) => {
    const onCurrent = moveAttachment(end!);
    if (onCurrent.offsetMetres <= nodeToleranceMetres) return current.edgeFrom[onCurrent.edge];
    if (onCurrent.offsetMetres >= current.edgeLengthMetres[onCurrent.edge] - nodeToleranceMetres) return current.edgeTo[onCurrent.edge];
    const split = splitEdge(current, onCurrent.edge, onCurrent.offsetMetres, `${current.edgeIds[onCurrent.edge]}~${link.id}`);
    current = split.graph;
    splits.push({ edge: onCurrent.edge, offsetMetres: onCurrent.offsetMetres, farEdge: split.farEdge });
    newNodes.push({ node: split.node, onOldGraph: { ...end!, accessMetres: 0 } });
    return split.node;
  });

  const x = [current.nodeX[endNodes[0]], ...lineX, current.nodeX[endNodes[1]]];
  const y = [current.nodeY[endNodes[0]], ...lineY, current.nodeY[endNodes[1]]];
  const withLink = editGraph(current, { replaced: new Map(), appended: [{ id: link.id, from: endNodes[0], to: endNodes[1], x, y }], addedNodes: [] });
  return { network: prepareNetwork(withLink), edge: withLink.edgeCount - 1, newNodes, moveAttachment };
}

interface EdgeShape {
  id: string;
  from: number;
  to: number;
  /** Vertices in local metres, from the `from` node to the `to` node. */
  x: number[];
  y: number[];
}

/** Splits an edge at a distance along it: the near part keeps the edge's number, the far part is appended. */
function splitEdge(graph: WalkingGraph, edge: number, offsetMetres: number, farId: string) {
  const first = graph.edgeVertexStart[edge];
  const last = graph.edgeVertexStart[edge + 1] - 1;
  const x = Array.from(graph.vertexX.subarray(first, last + 1));
  const y = Array.from(graph.vertexY.subarray(first, last + 1));
  const { x: splitX, y: splitY, segment } = locateAlongEdge(graph, edge, offsetMetres);
  const node = graph.nodeCount;
  const near: EdgeShape = { id: graph.edgeIds[edge], from: graph.edgeFrom[edge], to: node, x: [...x.slice(0, segment + 1), splitX], y: [...y.slice(0, segment + 1), splitY] };
  const far: EdgeShape = { id: farId, from: node, to: graph.edgeTo[edge], x: [splitX, ...x.slice(segment + 1)], y: [splitY, ...y.slice(segment + 1)] };
  return { graph: editGraph(graph, { replaced: new Map([[edge, near]]), appended: [far], addedNodes: [[splitX, splitY]] }), node, farEdge: graph.edgeCount };
}

/** A new graph with some edges replaced, edges and nodes appended, and everything else as it was. */
function editGraph(graph: WalkingGraph, edit: { replaced: Map<number, EdgeShape>; appended: EdgeShape[]; addedNodes: number[][] }): WalkingGraph {
  const edgeCount = graph.edgeCount + edit.appended.length;
  const nodeCount = graph.nodeCount + edit.addedNodes.length;
  const shapeOf = (edge: number) => (edge < graph.edgeCount ? edit.replaced.get(edge) : edit.appended[edge - graph.edgeCount]);
  let vertexTotal = 0;
  for (let edge = 0; edge < edgeCount; edge++) {
    const shape = shapeOf(edge);
    vertexTotal += shape ? shape.x.length : graph.edgeVertexStart[edge + 1] - graph.edgeVertexStart[edge];
  }
  const { edgeVertexStart, vertexX, vertexY, edgeFrom, edgeTo, edgeLengthMetres } = allocateEdgeArrays(edgeCount, vertexTotal);
  const edgeIds = [...graph.edgeIds];
  let vertex = 0;
  for (let edge = 0; edge < edgeCount; edge++) {
    edgeVertexStart[edge] = vertex;
    const shape = shapeOf(edge);
    if (!shape) {
      const first = graph.edgeVertexStart[edge];
      const last = graph.edgeVertexStart[edge + 1];
      vertexX.set(graph.vertexX.subarray(first, last), vertex);
      vertexY.set(graph.vertexY.subarray(first, last), vertex);
      vertex += last - first;
      edgeFrom[edge] = graph.edgeFrom[edge];
      edgeTo[edge] = graph.edgeTo[edge];
      edgeLengthMetres[edge] = graph.edgeLengthMetres[edge];
      continue;
    }
    let length = 0;
    shape.x.forEach((value, position) => {
      vertexX[vertex] = value;
      vertexY[vertex] = shape.y[position];
      if (position > 0) length += Math.hypot(vertexX[vertex] - vertexX[vertex - 1], vertexY[vertex] - vertexY[vertex - 1]);
      vertex += 1;
    });
    edgeFrom[edge] = shape.from;
    edgeTo[edge] = shape.to;
    edgeLengthMetres[edge] = length;
    edgeIds[edge] = shape.id;
  }
  edgeVertexStart[edgeCount] = vertex;
  const nodeX = new Float64Array(nodeCount);
  const nodeY = new Float64Array(nodeCount);
  nodeX.set(graph.nodeX);
  nodeY.set(graph.nodeY);
  edit.addedNodes.forEach(([x, y], position) => {
    nodeX[graph.nodeCount + position] = x;
    nodeY[graph.nodeCount + position] = y;
  });
  return {
    ...graph,
    nodeCount,
    edgeCount,
    edgeIds,
    nodeX,
    nodeY,
    edgeFrom,
    edgeTo,
    edgeLengthMetres,
    ...buildAdjacency(nodeCount, edgeFrom, edgeTo, edgeLengthMetres),
    edgeVertexStart,
    vertexX,
    vertexY,
  };
}
