import { describe, expect, it } from 'vitest';
import { buildWalkingGraph } from '../../../server/analysis/build-walking-graph.ts';
import { chooseSitesGreedily, measureCovered, type CoveringProblem } from '../../../server/analysis/choose-sites-greedily.ts';
import { attachUnits, prepareNetwork, type ResidentialUnit } from '../../../server/analysis/compute-coverage.ts';
import { findCandidateReach, type CandidateReach } from '../../../server/analysis/find-candidate-reach.ts';
import { attachCandidateSites, placeCandidateSites } from '../../../server/analysis/place-candidate-sites.ts';
import { solveMaximalCovering } from '../../../server/analysis/solve-maximal-covering.ts';
import { weighDemand } from '../../../server/analysis/weigh-demand.ts';
import { edgesFromMetres, fixtureProjection, toLongitudeLatitude } from '../../fixtures/metre-networks.ts';
import { readShippedAnalysisInputs } from '../../helpers/geodata.ts';

const unit = (id: string, gate: number[], residents: number, elderly = residents / 4): ResidentialUnit =>
  ({ id, name: id, residents, residentsAged60Plus: elderly, gates: [toLongitudeLatitude(gate)] });

/** Reach written out by hand: candidate → estates. */
const reachOf = (sets: number[][], unitCount: number): CandidateReach => {
  const candidateStart = new Int32Array(sets.length + 1);
  sets.forEach((set, index) => { candidateStart[index + 1] = candidateStart[index] + set.length; });
  return { candidateCount: sets.length, unitCount, candidateStart, candidateUnits: Int32Array.from(sets.flat()) };
};

describe('placeCandidateSites and attachCandidateSites', () => {
  const network = prepareNetwork(buildWalkingGraph(edgesFromMetres({ street: [[0, 0], [200, 0]], lane: [[200, 0], [200, 30]] }), fixtureProjection));
  const xOf = (longitude: number) => Math.round(fixtureProjection.toX(longitude) * 1000) / 1000;

  it('puts a point in the middle of each part of at most 50 m, one on a short lane', () => {
    const sites = placeCandidateSites(network.graph);
    expect(sites.map((site) => xOf(site.longitude))).toEqual([25, 75, 125, 175, 200]);
    expect(sites.map((site) => site.attachment.offsetMetres)).toEqual([25, 75, 125, 175, 15].map((value) => expect.closeTo(value, 6)));
  });

  it('keeps only the points inside a drawn area', () => {
    const area = { type: 'Polygon' as const, coordinates: [[[-10, -10], [100, -10], [100, 10], [-10, 10], [-10, -10]].map(toLongitudeLatitude)] };
    expect(placeCandidateSites(network.graph, { area }).map((site) => xOf(site.longitude))).toEqual([25, 75]);
  });

  it('joins listed places to the nearest street and names those too far from any', () => {
    const listed = [[50, 20], [50, 5000]].map(toLongitudeLatitude).map(([longitude, latitude]) => ({ longitude, latitude }));
    const { sites, offNetwork } = attachCandidateSites(network, listed, 500);
    expect(sites).toHaveLength(1);
    expect(sites[0].attachment.accessMetres).toBeCloseTo(20, 6);
    expect(offNetwork).toEqual([1]);
  });
});

describe('findCandidateReach', () => {
  const network = prepareNetwork(buildWalkingGraph(edgesFromMetres({ street: [[0, 0], [2000, 0]] }), fixtureProjection));
  const estates = attachUnits(network, [unit('at-100', [100, 10], 1000), unit('at-500', [500, 10], 2000), unit('at-700', [700, 10], 3000), unit('at-950', [950, 10], 4000)]);
  const candidates = placeCandidateSites(network.graph).map((site) => site.attachment);

  it('finds the estates within the distance of each candidate, gates\' access walks included', () => {
    const reach = findCandidateReach(network.graph, candidates, estates.gateAttachments, 300);
    const at725 = candidates.findIndex((candidate) => Math.abs(candidate.offsetMetres - 725) < 1e-6);
    // 500: 10 + 225 m; 700: 10 + 25 m; 950: 10 + 225 m; 100: 635 m.
    expect(Array.from(reach.candidateUnits.subarray(reach.candidateStart[at725], reach.candidateStart[at725 + 1]))).toEqual([1, 2, 3]);
  });

  it('gives the same sets walking from the estates as from the candidates, on the shipped data', () => {
    const shipped = readShippedAnalysisInputs();
    const shippedNetwork = prepareNetwork(buildWalkingGraph(shipped.edges));
    const shippedEstates = attachUnits(shippedNetwork, shipped.units);
    const shippedCandidates = placeCandidateSites(shippedNetwork.graph).map((site) => site.attachment);
    const fromEstates = findCandidateReach(shippedNetwork.graph, shippedCandidates, shippedEstates.gateAttachments, 300, 'from-estates');
    const fromCandidates = findCandidateReach(shippedNetwork.graph, shippedCandidates, shippedEstates.gateAttachments, 300, 'from-candidates');
    expect(fromEstates.candidateUnits.length).toBeGreaterThan(100);
    expect(fromCandidates).toEqual(fromEstates);
  }, 60_000);
});

describe('weighDemand', () => {
  const units = [unit('a', [0, 0], 1000, 300), unit('b', [0, 0], 500, 200)];

  it('weights elderly services by residents aged 60+, and leaves out estates already within reach', () => {
    expect(weighDemand(units, 'elderly_day_care')).toMatchObject({ weights: Float64Array.from([300, 200]), basis: 'residentsAged60Plus', note: null });
    expect(weighDemand(units, 'wet_market', [true, false]).weights).toEqual(Float64Array.from([0, 500]));
  });

  it('weights kindergartens by children where every estate gives them, and says so when it falls back to residents', () => {
    expect(weighDemand(units, 'kindergarten')).toMatchObject({ weights: Float64Array.from([1000, 500]), basis: 'residents', note: expect.stringMatching(/not known/) });
    const withChildren = units.map((estate, index) => ({ ...estate, children: [40, 25][index] }));
    expect(weighDemand(withChildren, 'baby_house')).toMatchObject({ weights: Float64Array.from([40, 25]), basis: 'children', note: null });
  });
});

/** The best k of the candidates by trying every combination. */
function searchExhaustively(problem: CoveringProblem, k: number): number {
  let best = 0;
  const choose = (from: number, chosen: number[]) => {
    best = Math.max(best, measureCovered(problem, chosen));
    if (chosen.length === k) return;
    for (let candidate = from; candidate < problem.reach.candidateCount; candidate++) choose(candidate + 1, [...chosen, candidate]);
  };
  choose(0, []);
  return best;
}

function createRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

describe('chooseSitesGreedily and solveMaximalCovering', () => {
  it('shows where greedy falls short: the exact answer picks the two sets greedy splits', async () => {
    // Estates weigh 3, 3, 2, 2. C reaches the two heavy ones (6), A and B one heavy and one light (5 each).
    const problem: CoveringProblem = { reach: reachOf([[0, 2], [1, 3], [0, 1]], 4), unitWeights: Float64Array.from([3, 3, 2, 2]) };
    const greedy = chooseSitesGreedily(problem, 2);
    expect(greedy.picks).toEqual([{ candidate: 2, gain: 6 }, { candidate: 0, gain: 2 }]);
    expect(greedy.covered).toBe(8);
    const exact = await solveMaximalCovering(problem, 2);
    expect(exact).toMatchObject({ status: 'optimal', picks: [0, 1], covered: 10, bestBound: 10, gap: 0, model: { candidates: 3, estates: 4 } });
  }, 60_000); // the first solve loads the WebAssembly solver

  it('equals exhaustive search on small random instances, and greedy is within 1 - 1/e of it', async () => {
    const random = createRandom(42);
    for (let instance = 0; instance < 12; instance++) {
      const unitCount = 8 + Math.floor(random() * 10);
      const candidateCount = 6 + Math.floor(random() * 7);
      const sets = Array.from({ length: candidateCount }, () => Array.from({ length: unitCount }, (_unused, unitIndex) => unitIndex).filter(() => random() < 0.3));
      const problem: CoveringProblem = { reach: reachOf(sets, unitCount), unitWeights: Float64Array.from({ length: unitCount }, () => Math.floor(random() * 1000)) };
      const k = 1 + (instance % 4);
      const exhaustive = searchExhaustively(problem, k);
      const exact = await solveMaximalCovering(problem, k);
      const greedy = chooseSitesGreedily(problem, k);
      expect(exact.status, `instance ${instance}`).toBe('optimal');
      expect(exact.covered, `instance ${instance}`).toBe(exhaustive);
      expect(exact.picks.length).toBeLessThanOrEqual(k);
      expect(measureCovered(problem, greedy.picks.map((pick) => pick.candidate))).toBe(greedy.covered);
      expect(greedy.covered, `instance ${instance}`).toBeGreaterThanOrEqual((1 - 1 / Math.E) * exact.covered);
    }
  }, 300_000); // a dozen solves, each a fraction of a second but far more on a machine others are busy on

  it('answers nothing to cover with no picks, without a solve', async () => {
    const problem: CoveringProblem = { reach: reachOf([[0], [1]], 2), unitWeights: Float64Array.from([0, 0]) };
    expect(await solveMaximalCovering(problem, 1)).toMatchObject({ status: 'optimal', picks: [], covered: 0 });
    expect(chooseSitesGreedily(problem, 1).picks).toEqual([]);
  });
});
