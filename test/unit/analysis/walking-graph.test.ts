import { describe, expect, it } from 'vitest';
import { attachPoint, indexSegments, type Attachment } from '../../../server/analysis/attach-points.ts';
import { buildWalkingGraph, findConnectedParts, type WalkingGraph } from '../../../server/analysis/build-walking-graph.ts';
import { findReachedEdgeParts, sliceEdge } from '../../../server/analysis/find-reached-edge-parts.ts';
import { measureWalkTo, walkFromSources } from '../../../server/analysis/walk-from-sources.ts';
import { edgesFromMetres, fixtureProjection, makeGridEdges } from '../../fixtures/metre-networks.ts';

// A—B—C along a street, 100 m each; D—E a separate lane that joins nothing.
const street = edgesFromMetres({
  ab: [[0, 0], [100, 0]],
  bc: [[100, 0], [100, 100]],
  de: [[500, 500], [600, 500]],
});
const graphOf = (edges = street) => buildWalkingGraph(edges, fixtureProjection);
const edgeNamed = (graph: WalkingGraph, id: string) => graph.edgeIds.indexOf(id);
const at = (graph: WalkingGraph, id: string, offsetMetres: number, accessMetres = 0): Attachment => ({ edge: edgeNamed(graph, id), offsetMetres, accessMetres });

describe('buildWalkingGraph', () => {
  it('merges shared end points into nodes and measures edges in metres', () => {
    const graph = graphOf();
    expect(graph.nodeCount).toBe(5);
    expect(graph.edgeCount).toBe(3);
    expect(graph.edgeLengthMetres[edgeNamed(graph, 'ab')]).toBeCloseTo(100, 6);
    expect(graph.edgeTo[edgeNamed(graph, 'ab')]).toBe(graph.edgeFrom[edgeNamed(graph, 'bc')]);
  });

  it('measures a bent edge along its vertices', () => {
    const graph = graphOf(edgesFromMetres({ bent: [[0, 0], [30, 0], [30, 40]] }));
    expect(graph.edgeLengthMetres[0]).toBeCloseTo(70, 6);
  });

  it('joins lines that cross at a shared vertex in their middles, as OpenStreetMap ways do', () => {
    const graph = graphOf(edgesFromMetres({ westEast: [[0, 50], [50, 50], [100, 50]], southNorth: [[50, 0], [50, 50], [50, 100]] }));
    expect(findConnectedParts(graph)).toHaveLength(1);
    expect(graph.edgeCount).toBe(4);
    expect(graph.nodeCount).toBe(5);
    expect(graph.edgeIds.sort()).toEqual(['southNorth#1', 'southNorth#2', 'westEast#1', 'westEast#2']);
  });

  it('merges ends a millimetre apart, even on either side of a grid line', () => {
    // 0.05 m cells: 10.0499 and 10.0501 fall in different cells, 0.2 mm apart.
    const graph = graphOf(edgesFromMetres({ first: [[0, 0], [10.0499, 0]], second: [[10.0501, 0], [100, 0]] }));
    expect(findConnectedParts(graph)).toHaveLength(1);
  });

  it('finds the parts that are not connected, largest first', () => {
    const parts = findConnectedParts(graphOf());
    expect(parts.map((part) => part.length)).toEqual([3, 2]);
  });
});

describe('walkFromSources and measureWalkTo', () => {
  it('walks from a source at a node to the end of the street', () => {
    const graph = graphOf();
    const walk = walkFromSources(graph, [at(graph, 'ab', 0)]);
    expect(measureWalkTo(graph, walk, at(graph, 'bc', 100)).distanceMetres).toBeCloseTo(200, 6);
  });

  it('counts partial edges exactly at both ends, with both access walks', () => {
    const graph = graphOf();
    const walk = walkFromSources(graph, [at(graph, 'ab', 30, 5)]);
    // 5 m to the street, 70 m to B, 70 m up B—C, 12 m to the door.
    expect(measureWalkTo(graph, walk, at(graph, 'bc', 70, 12)).distanceMetres).toBeCloseTo(157, 6);
  });

  it('walks straight along an edge shared by the source and the target', () => {
    const graph = graphOf();
    const walk = walkFromSources(graph, [at(graph, 'ab', 20)]);
    expect(measureWalkTo(graph, walk, at(graph, 'ab', 80)).distanceMetres).toBeCloseTo(60, 6);
  });

  it('reaches a point halfway along an edge from whichever end is nearer', () => {
    // A square loop; the north side is drawn east to west. Its middle is 200 m either way round;
    // 20 m from its start (the north-east corner) is 50 + 100 + 20 m by the east side.
    const graph = graphOf(edgesFromMetres({ south: [[0, 0], [100, 0]], east: [[100, 0], [100, 100]], north: [[100, 100], [0, 100]], west: [[0, 100], [0, 0]] }));
    const walk = walkFromSources(graph, [at(graph, 'south', 50)]);
    expect(measureWalkTo(graph, walk, at(graph, 'north', 50)).distanceMetres).toBeCloseTo(200, 6);
    expect(measureWalkTo(graph, walk, at(graph, 'north', 20)).distanceMetres).toBeCloseTo(170, 6);
  });

  it('reports the nearest of several sources', () => {
    const graph = graphOf();
    const walk = walkFromSources(graph, [at(graph, 'ab', 0), at(graph, 'bc', 90)]);
    expect(measureWalkTo(graph, walk, at(graph, 'bc', 60))).toEqual({ distanceMetres: expect.closeTo(30, 6), source: 1 });
    expect(measureWalkTo(graph, walk, at(graph, 'ab', 10))).toEqual({ distanceMetres: expect.closeTo(10, 6), source: 0 });
  });

  it('reports a target in a part of the network no source reaches as unreachable, never as 0 m', () => {
    const graph = graphOf();
    const walk = walkFromSources(graph, [at(graph, 'ab', 0)]);
    expect(measureWalkTo(graph, walk, at(graph, 'de', 50))).toEqual({ distanceMetres: Infinity, source: -1 });
  });

  it('stops at the budget', () => {
    const graph = graphOf();
    const walk = walkFromSources(graph, [at(graph, 'ab', 0)], 150);
    expect(measureWalkTo(graph, walk, at(graph, 'bc', 40)).distanceMetres).toBeCloseTo(140, 6);
    expect(measureWalkTo(graph, walk, at(graph, 'bc', 60)).distanceMetres).toBe(Infinity);
  });

  it('walks both ways along every edge (no one-way barriers for walking)', () => {
    const graph = graphOf();
    const forward = walkFromSources(graph, [at(graph, 'ab', 0)]);
    const backward = walkFromSources(graph, [at(graph, 'bc', 100)]);
    expect(measureWalkTo(graph, forward, at(graph, 'bc', 100)).distanceMetres).toBeCloseTo(measureWalkTo(graph, backward, at(graph, 'ab', 0)).distanceMetres, 9);
  });

  it('agrees with a brute-force solution on a grid with points part-way along edges', () => {
    const edges = makeGridEdges(6, 5, 80);
    const graph = buildWalkingGraph(edges, fixtureProjection);
    const random = seededRandom(7);
    const place = (): Attachment => {
      const edge = Math.floor(random() * graph.edgeCount);
      return { edge, offsetMetres: random() * graph.edgeLengthMetres[edge], accessMetres: random() * 20 };
    };
    const sources = Array.from({ length: 4 }, place);
    const targets = Array.from({ length: 40 }, place);
    const walk = walkFromSources(graph, sources);
    for (const target of targets) {
      const expected = Math.min(...sources.map((source) => bruteForceDistance(graph, source, target)));
      expect(measureWalkTo(graph, walk, target).distanceMetres).toBeCloseTo(expected, 6);
    }
  });
});

describe('attachPoint', () => {
  it('joins a point to the nearest place on the nearest edge', () => {
    const graph = graphOf();
    const index = indexSegments(graph, 50);
    const attachment = attachPoint(graph, index, 40, 12)!;
    expect(attachment.edge).toBe(edgeNamed(graph, 'ab'));
    expect(attachment.offsetMetres).toBeCloseTo(40, 6);
    expect(attachment.accessMetres).toBeCloseTo(12, 6);
  });

  it('measures the offset along a bent edge and clamps beyond its end', () => {
    const graph = graphOf(edgesFromMetres({ bent: [[0, 0], [30, 0], [30, 40]] }));
    const index = indexSegments(graph, 25);
    expect(attachPoint(graph, index, 35, 20)!.offsetMetres).toBeCloseTo(50, 6);
    const beyond = attachPoint(graph, index, 30, 55)!;
    expect(beyond.offsetMetres).toBeCloseTo(70, 6);
    expect(beyond.accessMetres).toBeCloseTo(15, 6);
  });

  it('finds an edge several cells away, and nothing beyond the access limit', () => {
    const graph = graphOf();
    const index = indexSegments(graph, 10);
    expect(attachPoint(graph, index, 50, -95, 200)!.accessMetres).toBeCloseTo(95, 6);
    expect(attachPoint(graph, index, 50, -95, 50)).toBeNull();
  });
});

describe('findReachedEdgeParts', () => {
  it('returns whole edges, the reached part of the last one, and the part around a source mid-edge', () => {
    const graph = graphOf();
    const walk = walkFromSources(graph, [at(graph, 'ab', 0)], 150);
    const parts = findReachedEdgeParts(graph, walk, 150);
    expect(parts).toEqual([
      { edge: edgeNamed(graph, 'ab'), startMetres: 0, endMetres: expect.closeTo(100, 6) },
      { edge: edgeNamed(graph, 'bc'), startMetres: 0, endMetres: expect.closeTo(50, 6) },
    ]);
    const middle = walkFromSources(graph, [at(graph, 'bc', 50, 10)], 30);
    expect(findReachedEdgeParts(graph, middle, 30)).toEqual([{ edge: edgeNamed(graph, 'bc'), startMetres: 30, endMetres: 70 }]);
  });

  it('slices the reached part of an edge as a line', () => {
    const graph = graphOf(edgesFromMetres({ bent: [[0, 0], [30, 0], [30, 40]] }));
    const line = sliceEdge(graph, 0, 10, 50).map(([longitude, latitude]) => [fixtureProjection.toX(longitude), fixtureProjection.toY(latitude)]);
    expect(line.map(([x, y]) => [Number(x.toFixed(6)), Number(y.toFixed(6))])).toEqual([[10, 0], [30, 0], [30, 20]]);
  });
});

/**
 * Splits the two edges at the points, adds the points as nodes with their access walks, and runs
 * a plain O(n²) Dijkstra: slow and obviously right.
 */
function bruteForceDistance(graph: WalkingGraph, source: Attachment, target: Attachment): number {
  const links: [number, number, number][] = [];
  const sourceNode = graph.nodeCount;
  const targetNode = graph.nodeCount + 1;
  const sourceStreet = graph.nodeCount + 2;
  const targetStreet = graph.nodeCount + 3;
  for (let edge = 0; edge < graph.edgeCount; edge++) {
    const stops = [{ node: graph.edgeFrom[edge], at: 0 }, { node: graph.edgeTo[edge], at: graph.edgeLengthMetres[edge] }];
    if (source.edge === edge) stops.push({ node: sourceStreet, at: source.offsetMetres });
    if (target.edge === edge) stops.push({ node: targetStreet, at: target.offsetMetres });
    stops.sort((a, b) => a.at - b.at);
    for (let index = 1; index < stops.length; index++) links.push([stops[index - 1].node, stops[index].node, stops[index].at - stops[index - 1].at]);
  }
  links.push([sourceNode, sourceStreet, source.accessMetres], [targetNode, targetStreet, target.accessMetres]);
  const count = graph.nodeCount + 4;
  const distance = new Array(count).fill(Infinity);
  const done = new Array(count).fill(false);
  distance[sourceNode] = 0;
  for (;;) {
    let best = -1;
    for (let node = 0; node < count; node++) if (!done[node] && distance[node] < Infinity && (best === -1 || distance[node] < distance[best])) best = node;
    if (best === -1) break;
    done[best] = true;
    for (const [a, b, length] of links) {
      if (a === best && distance[best] + length < distance[b]) distance[b] = distance[best] + length;
      if (b === best && distance[best] + length < distance[a]) distance[a] = distance[best] + length;
    }
  }
  return distance[targetNode];
}

function seededRandom(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}
