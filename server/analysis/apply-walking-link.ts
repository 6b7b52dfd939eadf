import { addWalkingLink, type WalkingLink } from './add-walking-link.ts';
import type { Attachment } from './attach-points.ts';
import { closeSource, openSource } from './change-type-walk.ts';
import { attachUnits } from './compute-coverage.ts';
import type { CoverageState } from './coverage-state.ts';
import { attachPlace, measureUnitDistances, type FacilityTypeWalk } from './walk-facility-type.ts';
import { measureWalkTo, MinimumHeap, offerNode, spreadWalk, type WalkFromSources } from './walk-from-sources.ts';

/**
 * The state after a walking link opens, for every type: the new graph keeps the old nodes, the
 * nodes where the link's ends split a street get their distances from the old walk, and then each
 * end offers the other its distance plus the link's length, spreading only as far as that brings
 * nodes nearer. Gates and facilities are attached again on the new network, as a full recompute
 * would: one that now lies nearer the link than any street moves onto it.
 */
export function applyWalkingLink(state: CoverageState, link: WalkingLink): CoverageState {
  const oldGraph = state.network.graph;
  const added = addWalkingLink(state.network, link, state.maximumAccessMetres);
  const { graph } = added.network;
  const estates = attachUnits(added.network, state.estates.units, state.maximumAccessMetres);
  const linkFrom = graph.edgeFrom[added.edge];
  const linkTo = graph.edgeTo[added.edge];
  const linkMetres = graph.edgeLengthMetres[added.edge];

  const types = state.types.map((typeWalk): FacilityTypeWalk => {
    const old = typeWalk.walk;
    const sources = old.sources.map(added.moveAttachment);
    const walk: WalkFromSources = {
      sources,
      nodeDistanceMetres: new Float64Array(graph.nodeCount).fill(Infinity),
      nodeSource: new Int32Array(graph.nodeCount).fill(-1),
      sourcesByEdge: new Map(),
      budgetMetres: old.budgetMetres,
    };
    walk.nodeDistanceMetres.set(old.nodeDistanceMetres);
    walk.nodeSource.set(old.nodeSource);
    for (const { node, onOldGraph } of added.newNodes) {
      const { distanceMetres, source } = measureWalkTo(oldGraph, old, onOldGraph);
      walk.nodeDistanceMetres[node] = distanceMetres;
      walk.nodeSource[node] = source;
    }
    typeWalk.sourceFacilityIds.forEach((facilityId, source) => {
      if (facilityId === null) return;
      const onEdge = walk.sourcesByEdge.get(sources[source].edge);
      if (onEdge) onEdge.push(source);
      else walk.sourcesByEdge.set(sources[source].edge, [source]);
    });
    const changed: FacilityTypeWalk = { ...typeWalk, facilities: [...typeWalk.facilities], sourceFacilityIds: [...typeWalk.sourceFacilityIds], walk };

    const heap = new MinimumHeap(64);
    offerNode(walk, heap, linkTo, walk.nodeDistanceMetres[linkFrom] + linkMetres, walk.nodeSource[linkFrom]);
    offerNode(walk, heap, linkFrom, walk.nodeDistanceMetres[linkTo] + linkMetres, walk.nodeSource[linkTo]);
    spreadWalk(graph, walk, heap);

    // A facility nearer the link than any street now enters the network from the link.
    for (const facility of changed.facilities) {
      const source = changed.sourceFacilityIds.indexOf(facility.id);
      const attachment = attachPlace(added.network, facility, state.maximumAccessMetres);
      if (source >= 0 && attachment && isSamePlace(attachment, sources[source])) continue;
      if (source >= 0) closeSource(graph, changed, source);
      if (attachment) openSource(graph, changed, attachment, facility.id);
    }
    return { ...changed, ...measureUnitDistances(graph, walk, estates.gateAttachments) };
  });
  return { ...state, network: added.network, estates, types };
}

const isSamePlace = (a: Attachment, b: Attachment) =>
  a.edge === b.edge && Math.abs(a.offsetMetres - b.offsetMetres) < 1e-6 && Math.abs(a.accessMetres - b.accessMetres) < 1e-6;
