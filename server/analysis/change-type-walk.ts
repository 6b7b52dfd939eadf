import type { Attachment } from './attach-points.ts';
import type { WalkingGraph } from './build-walking-graph.ts';
import type { FacilityTypeWalk } from './walk-facility-type.ts';
import { MinimumHeap, offerNode, offerSource, spreadWalk } from './walk-from-sources.ts';

/**
 * A copy of a type's walk that the functions below may change: the arrays a change writes to are
 * copied, the facilities themselves are shared.
 */
export function copyTypeWalk(typeWalk: FacilityTypeWalk): FacilityTypeWalk {
  const { walk } = typeWalk;
  return {
    ...typeWalk,
    facilities: [...typeWalk.facilities],
    sourceFacilityIds: [...typeWalk.sourceFacilityIds],
    walk: {
      sources: [...walk.sources],
      nodeDistanceMetres: walk.nodeDistanceMetres.slice(),
      nodeSource: walk.nodeSource.slice(),
      sourcesByEdge: new Map([...walk.sourcesByEdge].map(([edge, sources]) => [edge, [...sources]])),
      budgetMetres: walk.budgetMetres,
    },
  };
}

/**
 * A new facility's walk, min-merged with the stored one: the walk from it spreads only through
 * nodes it brings nearer, so it stops where an older facility is as near (a tie keeps the old one).
 */
export function openSource(graph: WalkingGraph, typeWalk: FacilityTypeWalk, attachment: Attachment, facilityId: string) {
  const { walk } = typeWalk;
  const source = walk.sources.length;
  walk.sources.push(attachment);
  typeWalk.sourceFacilityIds.push(facilityId);
  const onEdge = walk.sourcesByEdge.get(attachment.edge);
  if (onEdge) onEdge.push(source);
  else walk.sourcesByEdge.set(attachment.edge, [source]);
  const heap = new MinimumHeap(64);
  offerSource(graph, walk, heap, source);
  spreadWalk(graph, walk, heap);
}

/**
 * Closes a source: only the nodes whose nearest facility it was lose their distance, and they get
 * it back from the nodes around them that kept theirs and from other facilities on their edges.
 * Every other node's distance stands, because its nearest facility is still open.
 */
export function closeSource(graph: WalkingGraph, typeWalk: FacilityTypeWalk, source: number) {
  const { walk } = typeWalk;
  const { nodeDistanceMetres, nodeSource } = walk;
  typeWalk.sourceFacilityIds[source] = null;
  const edge = walk.sources[source].edge;
  const onEdge = walk.sourcesByEdge.get(edge)!.filter((other) => other !== source);
  if (onEdge.length > 0) walk.sourcesByEdge.set(edge, onEdge);
  else walk.sourcesByEdge.delete(edge);

  const lost: number[] = [];
  for (let node = 0; node < graph.nodeCount; node++) {
    if (nodeSource[node] === source) {
      nodeSource[node] = -1;
      nodeDistanceMetres[node] = Infinity;
      lost.push(node);
    }
  }
  const heap = new MinimumHeap(Math.max(64, lost.length));
  for (const node of lost) {
    for (let entry = graph.adjacencyStart[node]; entry < graph.adjacencyStart[node + 1]; entry++) {
      const neighbour = graph.adjacencyNode[entry];
      if (nodeSource[neighbour] >= 0) offerNode(walk, heap, node, nodeDistanceMetres[neighbour] + graph.adjacencyLengthMetres[entry], nodeSource[neighbour]);
      const edgeOfEntry = graph.adjacencyEdge[entry];
      for (const other of walk.sourcesByEdge.get(edgeOfEntry) ?? []) {
        const { offsetMetres, accessMetres } = walk.sources[other];
        // Both tests, not either: a loop's two ends are the same node.
        if (node === graph.edgeFrom[edgeOfEntry]) offerNode(walk, heap, node, accessMetres + offsetMetres, other);
        if (node === graph.edgeTo[edgeOfEntry]) offerNode(walk, heap, node, accessMetres + graph.edgeLengthMetres[edgeOfEntry] - offsetMetres, other);
      }
    }
  }
  spreadWalk(graph, walk, heap);
}
