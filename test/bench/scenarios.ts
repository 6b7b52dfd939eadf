import { applyFacilityChange, type FacilityChange } from '../../server/analysis/apply-facility-change.ts';
import { applyWalkingLink } from '../../server/analysis/apply-walking-link.ts';
import { buildWalkingGraph } from '../../server/analysis/build-walking-graph.ts';
import { chooseSitesGreedily, type CoveringProblem } from '../../server/analysis/choose-sites-greedily.ts';
import { attachUnits, computeCoverage, prepareNetwork } from '../../server/analysis/compute-coverage.ts';
import { createCoverageState, listStateFacilities, summariseCoverageState, type CoverageState } from '../../server/analysis/coverage-state.ts';
import { findCandidateReach, type CandidateReach } from '../../server/analysis/find-candidate-reach.ts';
import { placeCandidateSites } from '../../server/analysis/place-candidate-sites.ts';
import { weighDemand } from '../../server/analysis/weigh-demand.ts';
import { readShippedAnalysisInputs } from '../helpers/geodata.ts';
import { computeOneType, makeGridProblem, timeWarm } from './coverage.ts';

/** The type the scenario figures change: elderly day care (300 m), the example of a gap. */
const facilityType = 'elderly_day_care';

/** The shipped data as a coverage state, and points along its network to place and move facilities to. */
export function prepareShippedScenario() {
  const shipped = readShippedAnalysisInputs();
  const network = prepareNetwork(buildWalkingGraph(shipped.edges));
  const estates = attachUnits(network, shipped.units);
  const state = createCoverageState(network, estates, shipped.facilities, shipped.thresholds, { speedMetresPerSecond: 1 });
  const places = placeCandidateSites(network.graph, { spacingMetres: 200 }).map(({ longitude, latitude }) => ({ longitude, latitude }));
  return { shipped, network, estates, state, places };
}

type ShippedScenario = ReturnType<typeof prepareShippedScenario>;

/**
 * Median times of one facility change and the new coverage of its type, beside a full recompute
 * of that type with the same facilities. Each run places, moves or closes a different facility.
 */
export function timeFacilityChanges(scenario: ShippedScenario) {
  const { state, places, network, estates, shipped } = scenario;
  const threshold = shipped.thresholds.find((one) => one.facilityType === facilityType)!;
  const ofType = state.types.find((one) => one.facilityType === facilityType)!.facilities;
  let run = 0;
  const next = <T>(list: T[]) => list[run++ % list.length];
  const timeChange = (makeChange: () => FacilityChange, from: CoverageState) => timeWarm(25, () => summariseCoverageState(applyFacilityChange(from, makeChange()), [facilityType]));
  const added = timeChange(() => ({ kind: 'add', facility: { id: `bench-${run}`, name: 'bench', facilityType, ...next(places) } }), state);
  // Moves and closes act on a state with facilities enough to pick a different one each run.
  const withMore = places.slice(0, 30).reduce((current, place, index) => applyFacilityChange(current, { kind: 'add', facility: { id: `more-${index}`, name: 'more', facilityType, ...place } }), state);
  const open = withMore.types.find((one) => one.facilityType === facilityType)!.facilities;
  const moved = timeChange(() => ({ kind: 'move', facilityId: next(open).id, ...next(places) }), withMore);
  const closed = timeChange(() => ({ kind: 'close', facilityId: next(open).id }), withMore);
  const full = timeWarm(25, () => computeCoverage(network, estates, [...ofType, { id: 'bench', name: 'bench', facilityType, ...next(places) }], [threshold], { mode: 'network', speedMetresPerSecond: 1 }));
  return { added, moved, closed, full, existing: ofType.length };
}

/**
 * The same changes on a 100,000-edge grid with 50 facilities of one type, where a change touches a
 * small part of the network, beside a full recompute of the type.
 */
export function timeFacilityChangesOnGrid() {
  const problem = makeGridProblem(100_000, 50);
  const threshold = { facilityType: 'wet_market', nameZh: '菜市场', level: '10', walkMetres: 500, basis: 'standard' as const };
  const state = createCoverageState(problem.network, problem.units, problem.facilities, [threshold], { speedMetresPerSecond: 1 });
  const { graph } = problem.network;
  let run = 0;
  const nextPlace = () => {
    const node = (run++ * 7919) % graph.nodeCount;
    return { longitude: graph.projection.toLongitude(graph.nodeX[node] + 20), latitude: graph.projection.toLatitude(graph.nodeY[node] + 3) };
  };
  const added = timeWarm(15, () => summariseCoverageState(applyFacilityChange(state, { kind: 'add', facility: { id: `bench-${run}`, name: 'bench', facilityType: 'wet_market', ...nextPlace() } })));
  const closed = timeWarm(15, () => summariseCoverageState(applyFacilityChange(state, { kind: 'close', facilityId: problem.facilities[run++ % problem.facilities.length].id })));
  const full = timeWarm(15, () => computeOneType(problem));
  return { added, closed, full, edges: graph.edgeCount, facilities: problem.facilities.length };
}

/** A walking link opened (a new gate, a footbridge: 40–200 m between two points near streets), all types, beside a full recompute of all types. */
export function timeWalkingLink(scenario: ShippedScenario) {
  const { state, places, shipped } = scenario;
  const { projection } = state.network.graph;
  let run = 0;
  const nextLink = () => {
    const from = places[(run * 7) % places.length];
    const angle = run * 2.4;
    const length = 40 + ((run * 37) % 160);
    run += 1;
    const to = [projection.toLongitude(projection.toX(from.longitude) + length * Math.cos(angle)), projection.toLatitude(projection.toY(from.latitude) + length * Math.sin(angle))];
    return { id: `bench-link-${run}`, coordinates: [[from.longitude, from.latitude], to] };
  };
  const incremental = timeWarm(15, () => summariseCoverageState(applyWalkingLink(state, nextLink())));
  const linked = applyWalkingLink(state, nextLink());
  const full = timeWarm(15, () => computeCoverage(linked.network, attachUnits(linked.network, shipped.units), listStateFacilities(linked), shipped.thresholds, { mode: 'network', speedMetresPerSecond: 1 }));
  return { incremental, full, types: shipped.thresholds.length };
}

/**
 * The site-suggestion question on the shipped data: candidates every `spacingMetres` along the
 * network (about 2,000 at 19 m), residents aged 60+ not yet within 300 m of elderly day care.
 */
export function prepareShippedSuggestion(scenario: ShippedScenario, spacingMetres: number) {
  const { state, network, estates } = scenario;
  const typeIndex = state.types.findIndex((one) => one.facilityType === facilityType);
  const walkMetres = state.thresholds[typeIndex].walkMetres;
  const candidates = placeCandidateSites(network.graph, { spacingMetres }).map((site) => site.attachment);
  const covered = Array.from(state.types[typeIndex].unitDistanceMetres, (distance) => distance <= walkMetres);
  const { weights } = weighDemand(estates.units, facilityType, covered);
  const findReach = (direction: 'from-estates' | 'from-candidates') => findCandidateReach(network.graph, candidates, estates.gateAttachments, walkMetres, direction);
  return { candidates, weights, walkMetres, findReach };
}

export function timeGreedy(suggestion: ReturnType<typeof prepareShippedSuggestion>, k: number) {
  const fromEstates = timeWarm(5, () => suggestion.findReach('from-estates'));
  const fromCandidates = timeWarm(3, () => suggestion.findReach('from-candidates'));
  const problem: CoveringProblem = { reach: suggestion.findReach('from-estates'), unitWeights: suggestion.weights };
  const whole = timeWarm(5, () => chooseSitesGreedily({ reach: suggestion.findReach('from-estates'), unitWeights: suggestion.weights }, k));
  return { fromEstates, fromCandidates, whole, problem, answer: chooseSitesGreedily(problem, k) };
}

/**
 * A synthetic plan area of `subdistricts` 2 km squares side by side, each with 32 estates at
 * random on a 100 m street grid and candidates every 50 m along its streets; an estate is within
 * reach of a candidate when the Manhattan distance (the walk on such a grid) is within 300 m.
 * Reach is computed geometrically: the figure is the exact solver's growth, not the walks'.
 */
export function makeSyntheticCovering(subdistricts: number, seed = 1): CoveringProblem {
  let state = seed >>> 0;
  const random = () => (state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 4_294_967_296;
  const side = Math.ceil(Math.sqrt(subdistricts));
  const estateX: number[] = [];
  const estateY: number[] = [];
  const weights: number[] = [];
  for (let subdistrict = 0; subdistrict < subdistricts; subdistrict++) {
    const originX = (subdistrict % side) * 2000;
    const originY = Math.floor(subdistrict / side) * 2000;
    for (let estate = 0; estate < 32; estate++) {
      estateX.push(originX + Math.round(random() * 20) * 100);
      estateY.push(originY + random() * 2000);
      weights.push(500 + Math.floor(random() * 5000));
    }
  }
  // Estates by 300 m cell, so each candidate looks at the few cells around it.
  const cellOf = (x: number, y: number) => `${Math.floor(x / 300)},${Math.floor(y / 300)}`;
  const estatesByCell = new Map<string, number[]>();
  estateX.forEach((x, estate) => {
    const key = cellOf(x, estateY[estate]);
    estatesByCell.set(key, [...(estatesByCell.get(key) ?? []), estate]);
  });
  const reached: number[][] = [];
  for (let subdistrict = 0; subdistrict < subdistricts; subdistrict++) {
    const originX = (subdistrict % side) * 2000;
    const originY = Math.floor(subdistrict / side) * 2000;
    for (let line = 0; line <= 20; line++) {
      for (let along = 25; along < 2000; along += 50) {
        for (const [x, y] of [[originX + line * 100, originY + along], [originX + along, originY + line * 100]]) {
          const column = Math.floor(x / 300);
          const row = Math.floor(y / 300);
          const units: number[] = [];
          for (let columnOffset = -1; columnOffset <= 1; columnOffset++) {
            for (let rowOffset = -1; rowOffset <= 1; rowOffset++) {
              for (const estate of estatesByCell.get(`${column + columnOffset},${row + rowOffset}`) ?? []) {
                if (Math.abs(estateX[estate] - x) + Math.abs(estateY[estate] - y) <= 300) units.push(estate);
              }
            }
          }
          reached.push(units.sort((a, b) => a - b));
        }
      }
    }
  }
  const candidateStart = new Int32Array(reached.length + 1);
  reached.forEach((units, index) => { candidateStart[index + 1] = candidateStart[index] + units.length; });
  const reach: CandidateReach = { candidateCount: reached.length, unitCount: estateX.length, candidateStart, candidateUnits: Int32Array.from(reached.flat()) };
  return { reach, unitWeights: Float64Array.from(weights) };
}
