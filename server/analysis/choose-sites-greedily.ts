import type { CandidateReach } from './find-candidate-reach.ts';

/** A maximal-covering question: pick sites to bring the most weight (residents, say) within reach. */
export interface CoveringProblem {
  reach: CandidateReach;
  /** Per estate; 0 for one that needs nothing (already within reach). */
  unitWeights: Float64Array;
}

export interface GreedySites {
  /** Picks in the order chosen, each with the weight it added. */
  picks: { candidate: number; gain: number }[];
  covered: number;
}

/**
 * Greedy maximal covering: k times, the candidate that adds the most weight not yet reached (the
 * lowest-numbered one on a tie). Coverage is submodular, so this is within 1 - 1/e of the best.
 * Stops early when no candidate adds anything, so there may be fewer than k picks.
 */
export function chooseSitesGreedily(problem: CoveringProblem, k: number): GreedySites {
  const { reach, unitWeights } = problem;
  const reached = new Uint8Array(reach.unitCount);
  const picks: GreedySites['picks'] = [];
  let covered = 0;
  for (let round = 0; round < k; round++) {
    let best = -1;
    let bestGain = 0;
    for (let candidate = 0; candidate < reach.candidateCount; candidate++) {
      let gain = 0;
      for (let entry = reach.candidateStart[candidate]; entry < reach.candidateStart[candidate + 1]; entry++) {
        const unit = reach.candidateUnits[entry];
        if (!reached[unit]) gain += unitWeights[unit];
      }
      if (gain > bestGain) {
        best = candidate;
        bestGain = gain;
      }
    }
    if (best === -1) break;
    for (let entry = reach.candidateStart[best]; entry < reach.candidateStart[best + 1]; entry++) reached[reach.candidateUnits[entry]] = 1;
    picks.push({ candidate: best, gain: bestGain });
    covered += bestGain;
  }
  return { picks, covered };
}

/** The weight a set of candidates reaches together. */
export function measureCovered(problem: CoveringProblem, candidates: readonly number[]): number {
  const { reach, unitWeights } = problem;
  const reached = new Uint8Array(reach.unitCount);
  let covered = 0;
  for (const candidate of candidates) {
    for (let entry = reach.candidateStart[candidate]; entry < reach.candidateStart[candidate + 1]; entry++) {
      const unit = reach.candidateUnits[entry];
      if (!reached[unit]) {
        reached[unit] = 1;
        covered += unitWeights[unit];
      }
    }
  }
  return covered;
}
