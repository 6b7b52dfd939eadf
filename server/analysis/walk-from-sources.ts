import type { Attachment } from './attach-points.ts';
import type { WalkingGraph } from './build-walking-graph.ts';

/**
 * The result of one multi-source shortest-path run: for every node, the walking distance to the
 * nearest source and which source that is (-1 and Infinity where none is reachable).
 */
export interface WalkFromSources {
  sources: Attachment[];
  nodeDistanceMetres: Float64Array;
  nodeSource: Int32Array;
  /** Sources attached to each edge, for exact distances along a shared edge. */
  sourcesByEdge: Map<number, number[]>;
  budgetMetres: number;
}

/**
 * Dijkstra from many sources at once, each attached part-way along an edge: a source enters the
 * graph at both ends of its edge, with its access walk plus the part of the edge to that end.
 * Stops at `budgetMetres` (Infinity: the whole connected network).
 */
export function walkFromSources(graph: WalkingGraph, sources: Attachment[], budgetMetres = Infinity): WalkFromSources {
  const nodeDistanceMetres = new Float64Array(graph.nodeCount).fill(Infinity);
  const nodeSource = new Int32Array(graph.nodeCount).fill(-1);
  const sourcesByEdge = new Map<number, number[]>();
  const walk = { sources, nodeDistanceMetres, nodeSource, sourcesByEdge, budgetMetres };
  // The heap starts small and grows: a walk with a budget touches a small part of a large graph.
  const heap = new MinimumHeap(1024);
  sources.forEach((source, index) => {
    const list = sourcesByEdge.get(source.edge);
    if (list) list.push(index);
    else sourcesByEdge.set(source.edge, [index]);
    offerSource(graph, walk, heap, index);
  });
  spreadWalk(graph, walk, heap);
  return walk;
}

/** Offers both ends of a source's edge to the walk: its access walk plus the part of the edge to that end. */
export function offerSource(graph: WalkingGraph, walk: WalkFromSources, heap: MinimumHeap, source: number) {
  const { edge, offsetMetres, accessMetres } = walk.sources[source];
  offerNode(walk, heap, graph.edgeFrom[edge], accessMetres + offsetMetres, source);
  offerNode(walk, heap, graph.edgeTo[edge], accessMetres + graph.edgeLengthMetres[edge] - offsetMetres, source);
}

/** Gives a node a distance and its source when that is shorter than the one it has, and queues it. */
export function offerNode(walk: WalkFromSources, heap: MinimumHeap, node: number, distance: number, source: number) {
  if (distance <= walk.budgetMetres && distance < walk.nodeDistanceMetres[node]) {
    walk.nodeDistanceMetres[node] = distance;
    walk.nodeSource[node] = source;
    heap.push(distance, node);
  }
}

/**
 * Dijkstra from the queued nodes, changing the walk in place. Only nodes whose distance gets
 * shorter are queued, so a walk that already holds distances from other sources spreads only as
 * far as the new entries improve it: the bounded update of an incremental change.
 */
export function spreadWalk(graph: WalkingGraph, walk: WalkFromSources, heap: MinimumHeap) {
  const { nodeDistanceMetres, nodeSource, budgetMetres } = walk;
  const { adjacencyStart, adjacencyNode, adjacencyLengthMetres } = graph;
  while (heap.size > 0) {
    const distance = heap.topKey();
    const node = heap.pop();
    if (distance > nodeDistanceMetres[node]) continue; // a stale entry: the node was reached shorter since
    const source = nodeSource[node];
    // `offerNode`, written out: this loop runs once per edge end and dominates the walk.
    for (let entry = adjacencyStart[node], end = adjacencyStart[node + 1]; entry < end; entry++) {
      const neighbour = adjacencyNode[entry];
      const next = distance + adjacencyLengthMetres[entry];
      if (next <= budgetMetres && next < nodeDistanceMetres[neighbour]) {
        nodeDistanceMetres[neighbour] = next;
        nodeSource[neighbour] = source;
        heap.push(next, neighbour);
      }
    }
  }
}

/**
 * Walking distance from the nearest source to a target attached to the network, access walks
 * included: through either end of the target's edge, or straight along it from a source on the
 * same edge. Infinity and source -1 when no source is reachable.
 */
export function measureWalkTo(graph: WalkingGraph, walk: WalkFromSources, target: Attachment): { distanceMetres: number; source: number } {
  const length = graph.edgeLengthMetres[target.edge];
  const from = graph.edgeFrom[target.edge];
  const to = graph.edgeTo[target.edge];
  let distanceMetres = walk.nodeDistanceMetres[from] + target.offsetMetres;
  let source = walk.nodeSource[from];
  const throughTo = walk.nodeDistanceMetres[to] + length - target.offsetMetres;
  if (throughTo < distanceMetres) {
    distanceMetres = throughTo;
    source = walk.nodeSource[to];
  }
  for (const index of walk.sourcesByEdge.get(target.edge) ?? []) {
    const along = walk.sources[index].accessMetres + Math.abs(walk.sources[index].offsetMetres - target.offsetMetres);
    if (along < distanceMetres) {
      distanceMetres = along;
      source = index;
    }
  }
  distanceMetres += target.accessMetres;
  if (!Number.isFinite(distanceMetres) || distanceMetres > walk.budgetMetres) return { distanceMetres: Infinity, source: -1 };
  return { distanceMetres, source };
}

/**
 * A 4-ary min-heap of (distance, node) pairs in typed arrays; stale entries are skipped by the
 * caller. Four children per parent halve the depth of a binary heap; on a grid of a million
 * edges that made the whole walk about a fifth faster.
 */
export class MinimumHeap {
  private keys: Float64Array;
  private values: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.values = new Int32Array(Math.max(16, capacity));
  }

  push(key: number, value: number) {
    if (this.size === this.keys.length) this.grow();
    let position = this.size++;
    while (position > 0) {
      const parent = (position - 1) >> 2;
      if (this.keys[parent] <= key) break;
      this.keys[position] = this.keys[parent];
      this.values[position] = this.values[parent];
      position = parent;
    }
    this.keys[position] = key;
    this.values[position] = value;
  }

  topKey(): number {
    return this.keys[0];
  }

  pop(): number {
    const top = this.values[0];
    const size = --this.size;
    const key = this.keys[size];
    const value = this.values[size];
    const keys = this.keys;
    let position = 0;
    for (;;) {
      const first = 4 * position + 1;
      if (first >= size) break;
      let smallest = first;
      let smallestKey = keys[first];
      const last = Math.min(first + 4, size);
      for (let child = first + 1; child < last; child++) {
        if (keys[child] < smallestKey) {
          smallest = child;
          smallestKey = keys[child];
        }
      }
      if (smallestKey >= key) break;
      keys[position] = smallestKey;
      this.values[position] = this.values[smallest];
      position = smallest;
    }
    keys[position] = key;
    this.values[position] = value;
    return top;
  }

  private grow() {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    const values = new Int32Array(this.values.length * 2);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
  }
}
