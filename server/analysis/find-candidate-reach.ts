import type { Attachment } from './attach-points.ts';
import type { WalkingGraph } from './build-walking-graph.ts';
import { measureWalkTo, walkFromSources } from './walk-from-sources.ts';

/**
 * Which estates each candidate site reaches within a distance, as compressed rows: the estates of
 * candidate c are candidateUnits[candidateStart[c] … candidateStart[c + 1] - 1], in increasing order.
 */
export interface CandidateReach {
  candidateCount: number;
  unitCount: number;
  candidateStart: Int32Array;
  candidateUnits: Int32Array;
}

/**
 * The estates each candidate reaches: an estate is reached when any of its gates is within
 * `walkMetres` of the candidate along the network. Walks are two-way, so the same sets come from
 * one bounded walk per estate (from all its gates at once; `from-estates`, the default: there are
 * far fewer estates than candidates) or one per candidate (`from-candidates`); the bench measures both.
 */
export function findCandidateReach(graph: WalkingGraph, candidates: Attachment[], gateAttachments: (Attachment | null)[][], walkMetres: number, direction: 'from-estates' | 'from-candidates' = 'from-estates'): CandidateReach {
  const reached: number[][] = candidates.map(() => []);
  if (direction === 'from-estates') {
    gateAttachments.forEach((gates, unit) => {
      const sources = gates.filter((gate): gate is Attachment => gate !== null);
      if (sources.length === 0) return;
      const walk = walkFromSources(graph, sources, walkMetres);
      candidates.forEach((candidate, index) => {
        if (measureWalkTo(graph, walk, candidate).distanceMetres <= walkMetres) reached[index].push(unit);
      });
    });
  } else {
    candidates.forEach((candidate, index) => {
      const walk = walkFromSources(graph, [candidate], walkMetres);
      gateAttachments.forEach((gates, unit) => {
        if (gates.some((gate) => gate !== null && measureWalkTo(graph, walk, gate).distanceMetres <= walkMetres)) reached[index].push(unit);
      });
    });
  }
  const candidateStart = new Int32Array(candidates.length + 1);
  reached.forEach((units, index) => { candidateStart[index + 1] = candidateStart[index] + units.length; });
  return { candidateCount: candidates.length, unitCount: gateAttachments.length, candidateStart, candidateUnits: Int32Array.from(reached.flat()) };
}
