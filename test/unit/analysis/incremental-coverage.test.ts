import { describe, expect, it } from 'vitest';
import { applyFacilityChange, type FacilityChange } from '../../../server/analysis/apply-facility-change.ts';
import { applyWalkingLink } from '../../../server/analysis/apply-walking-link.ts';
import { buildWalkingGraph } from '../../../server/analysis/build-walking-graph.ts';
import { attachUnits, prepareNetwork, type FacilityPoint, type ResidentialUnit } from '../../../server/analysis/compute-coverage.ts';
import { createCoverageState, listStateFacilities, summariseCoverageState, type CoverageState } from '../../../server/analysis/coverage-state.ts';
import type { FacilityThreshold } from '../../../server/analysis/facility-thresholds.ts';
import { edgesFromMetres, fixtureProjection, makeGridEdges, toLongitudeLatitude } from '../../fixtures/metre-networks.ts';
import { readShippedAnalysisInputs } from '../../helpers/geodata.ts';

const unit = (id: string, gate: number[], residents: number): ResidentialUnit =>
  ({ id, name: id, residents, residentsAged60Plus: residents / 4, gates: [toLongitudeLatitude(gate)] });
const facility = (id: string, facilityType: string, at: number[]): FacilityPoint => {
  const [longitude, latitude] = toLongitudeLatitude(at);
  return { id, name: id, facilityType, longitude, latitude };
};
const dayCare: FacilityThreshold = { facilityType: 'elderly_day_care', nameZh: '日间照料中心', level: '5', walkMetres: 300, basis: 'standard' };
const clinic: FacilityThreshold = { facilityType: 'community_health_center', nameZh: '社区卫生服务中心', level: '15', walkMetres: 1000, basis: 'standard' };
const distancesOf = (state: CoverageState, facilityType: string) =>
  Array.from(state.types.find((typeWalk) => typeWalk.facilityType === facilityType)!.unitDistanceMetres);

describe('applyFacilityChange', () => {
  // One street, 0 … 2000 m west to east; estates' gates 10 m north of it.
  const network = prepareNetwork(buildWalkingGraph(edgesFromMetres({ street: [[0, 0], [2000, 0]] }), fixtureProjection));
  const estates = attachUnits(network, [
    unit('at-100', [100, 10], 1000), unit('at-500', [500, 10], 2000), unit('at-700', [700, 10], 3000),
    unit('at-950', [950, 10], 4000), unit('at-1500', [1500, 10], 5000),
  ]);
  const base = createCoverageState(network, estates, [facility('west', 'elderly_day_care', [0, 0]), facility('clinic', 'community_health_center', [1000, -10])], [dayCare, clinic], { speedMetresPerSecond: 1 });

  it('covers, from an estate\'s gate, exactly that estate and those its walk brings within the distance', () => {
    const before = summariseCoverageState(base, ['elderly_day_care']);
    expect(before.byUnit.filter((estate) => estate.gaps.length === 0).map((estate) => estate.id)).toEqual(['at-100']);
    const after = applyFacilityChange(base, { kind: 'add', facility: facility('new', 'elderly_day_care', [700, 10]) });
    // From the gate at 700: 500 is 10 + 200 + 10 = 220 m, 950 is 270 m; 100 (620 m) and 1500 (820 m) stay out.
    expect(distancesOf(after, 'elderly_day_care')).toEqual([110, 220, 20, 270, 820].map((value) => expect.closeTo(value, 6)));
    const coverage = summariseCoverageState(after, ['elderly_day_care']);
    expect(coverage.byUnit.filter((estate) => estate.gaps.length === 0).map((estate) => estate.id)).toEqual(['at-100', 'at-500', 'at-700', 'at-950']);
    expect(coverage.byUnit.map((estate) => estate.nearestFacility.elderly_day_care)).toEqual(['west', 'new', 'new', 'new', 'new']);
    expect(coverage.byType[0].residentsShare).toBeCloseTo(10_000 / 15_000, 4);
    expect(coverage.byType[0].facilityCount).toBe(2);
    // The other type and the state it came from are untouched.
    expect(after.types[1]).toBe(base.types[1]);
    expect(summariseCoverageState(base)).toEqual(summariseCoverageState(createCoverageState(network, estates, listStateFacilities(base), [dayCare, clinic], { speedMetresPerSecond: 1 })));
  });

  it('makes a type\'s share 0 when its only facility closes, and gives back the base when it reopens', () => {
    const closed = applyFacilityChange(base, { kind: 'close', facilityId: 'clinic' });
    const closedCoverage = summariseCoverageState(closed);
    expect(closedCoverage.byType[1]).toMatchObject({ residentsShare: 0, facilityCount: 0 });
    expect(closedCoverage.byUnit.every((estate) => estate.walkMetres.community_health_center === null)).toBe(true);
    const reopened = applyFacilityChange(closed, { kind: 'add', facility: facility('clinic', 'community_health_center', [1000, -10]) });
    expect(summariseCoverageState(reopened)).toEqual(summariseCoverageState(base));
  });

  it('moves a facility: its old nodes go to the others, its new ones come from it', () => {
    const moved = applyFacilityChange(base, { kind: 'move', facilityId: 'west', longitude: toLongitudeLatitude([1500, 0])[0], latitude: toLongitudeLatitude([1500, 0])[1] });
    expect(distancesOf(moved, 'elderly_day_care')).toEqual([1410, 1010, 810, 560, 10].map((value) => expect.closeTo(value, 6)));
    expect(listStateFacilities(moved).find((one) => one.id === 'west')).toMatchObject({ name: 'west', facilityType: 'elderly_day_care' });
  });

  it('refuses a facility it does not know and a type without a distance', () => {
    expect(() => applyFacilityChange(base, { kind: 'close', facilityId: 'nowhere' })).toThrow(/not open/);
    expect(() => applyFacilityChange(base, { kind: 'add', facility: facility('x', 'parking', [0, 0]) })).toThrow(/no walking distance/);
    expect(() => applyFacilityChange(base, { kind: 'add', facility: facility('west', 'elderly_day_care', [0, 0]) })).toThrow(/exists/);
  });
});

describe('applyWalkingLink', () => {
  // Two banks of a river, 200 m apart, joined only at x = 0: the estate on the north bank walks
  // round by the west end to the clinic on the south bank.
  const network = prepareNetwork(buildWalkingGraph(edgesFromMetres({
    south: [[0, 0], [2000, 0]],
    north: [[0, 200], [2000, 200]],
    west: [[0, 0], [0, 200]],
  }), fixtureProjection));
  const estates = attachUnits(network, [unit('north-bank', [1000, 210], 1000)]);
  const base = createCoverageState(network, estates, [facility('clinic', 'community_health_center', [1000, -10])], [clinic], { speedMetresPerSecond: 1 });

  it('shortens the walk by the computed amount when a footbridge opens', () => {
    const before = distancesOf(base, 'community_health_center')[0];
    expect(before).toBeCloseTo(10 + 1000 + 200 + 1000 + 10, 6);
    // Drawn from 10 m off the north bank to 10 m off the south bank: 10 + 180 + 10 m of link.
    const bridged = applyWalkingLink(base, { id: 'footbridge', coordinates: [toLongitudeLatitude([1000, 190]), toLongitudeLatitude([1000, 10])] });
    const after = distancesOf(bridged, 'community_health_center')[0];
    expect(after).toBeCloseTo(10 + 200 + 10, 6);
    expect(before - after).toBeCloseTo(2000, 6);
    expect(summariseCoverageState(bridged).byType[0].residentsShare).toBe(1);
    expect(bridged.network.graph.edgeCount).toBe(network.graph.edgeCount + 3); // two streets split, and the bridge
  });

  it('refuses a link with an end far from every street', () => {
    expect(() => applyWalkingLink(base, { id: 'far', coordinates: [toLongitudeLatitude([1000, 190]), toLongitudeLatitude([1000, 5000])] })).toThrow(/more than/);
  });
});

/** A small deterministic random number generator (mulberry32), so a failing run can be repeated. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Random changes one after another, each checked against a full recompute of every type on the
 * network the changes have built: every estate's distance, and every node's, to 0.01 m.
 */
function checkAgainstFullRecompute(start: CoverageState, seed: number, steps: number) {
  const random = createRandom(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const randomPointNearNetwork = (state: CoverageState): number[] => {
    const { graph } = state.network;
    const vertex = Math.floor(random() * graph.vertexX.length);
    return [graph.projection.toLongitude(graph.vertexX[vertex] + (random() - 0.5) * 60), graph.projection.toLatitude(graph.vertexY[vertex] + (random() - 0.5) * 60)];
  };
  let state = start;
  let added = 0;
  const counts = { add: 0, move: 0, close: 0, link: 0 };
  for (let step = 0; step < steps; step++) {
    const roll = random();
    const open = listStateFacilities(state);
    let kind: keyof typeof counts;
    if (roll < 0.15) {
      const from = randomPointNearNetwork(state);
      const { projection } = state.network.graph;
      const angle = random() * 2 * Math.PI;
      const length = 40 + random() * 300;
      const to = [projection.toLongitude(projection.toX(from[0]) + length * Math.cos(angle)), projection.toLatitude(projection.toY(from[1]) + length * Math.sin(angle))];
      kind = 'link';
      state = applyWalkingLink(state, { id: `link-${step}`, coordinates: [from, to] });
    } else {
      let change: FacilityChange;
      if (roll < 0.5 || open.length === 0) {
        const [longitude, latitude] = randomPointNearNetwork(state);
        change = { kind: 'add', facility: { id: `added-${added++}`, name: 'added', facilityType: pick(state.types).facilityType, longitude, latitude } };
      } else if (roll < 0.75) {
        const [longitude, latitude] = randomPointNearNetwork(state);
        change = { kind: 'move', facilityId: pick(open).id, longitude, latitude };
      } else {
        change = { kind: 'close', facilityId: pick(open).id };
      }
      kind = change.kind;
      state = applyFacilityChange(state, change);
    }
    counts[kind] += 1;
    const full = createCoverageState(state.network, attachUnits(state.network, state.estates.units, state.maximumAccessMetres), listStateFacilities(state), state.thresholds, { speedMetresPerSecond: 1, maximumAccessMetres: state.maximumAccessMetres });
    state.types.forEach((typeWalk, typeIndex) => {
      const expected = full.types[typeIndex];
      const differences = [
        ...compare(typeWalk.unitDistanceMetres, expected.unitDistanceMetres).map((unitIndex) => `estate ${state.estates.units[unitIndex].id}`),
        ...compare(typeWalk.walk.nodeDistanceMetres, expected.walk.nodeDistanceMetres).map((node) => `node ${node}`),
      ];
      expect(differences, `step ${step} (${kind}), ${typeWalk.facilityType}`).toEqual([]);
    });
  }
  return counts;
}

/** Positions where two distance arrays differ by more than 0.01 m (both unreachable is agreement). */
function compare(actual: Float64Array, expected: Float64Array): number[] {
  const differing: number[] = [];
  for (let position = 0; position < expected.length; position++) {
    const same = actual[position] === expected[position] || Math.abs(actual[position] - expected[position]) <= 0.01;
    if (!same) differing.push(position);
  }
  return differing;
}

describe('incremental and full recompute agree', () => {
  it('on a 12 × 12 grid of 100 m blocks, over random facility changes and walking links', () => {
    const network = prepareNetwork(buildWalkingGraph(makeGridEdges(12, 12, 100), fixtureProjection));
    const random = createRandom(7);
    const units = Array.from({ length: 40 }, (_unused, index) => unit(`estate-${index}`, [random() * 1200, random() * 1200], 100 + index));
    const facilities = Array.from({ length: 12 }, (_unused, index) => facility(`facility-${index}`, index % 2 ? 'elderly_day_care' : 'community_health_center', [random() * 1200, random() * 1200]));
    const start = createCoverageState(network, attachUnits(network, units), facilities, [dayCare, clinic], { speedMetresPerSecond: 1 });
    const counts = checkAgainstFullRecompute(start, 11, 80);
    expect(Math.min(counts.add, counts.move, counts.close, counts.link)).toBeGreaterThan(3);
  }, 60_000);

  it('on the shipped data, every estate and type', () => {
    const shipped = readShippedAnalysisInputs();
    const network = prepareNetwork(buildWalkingGraph(shipped.edges));
    const start = createCoverageState(network, attachUnits(network, shipped.units), shipped.facilities, shipped.thresholds, { speedMetresPerSecond: 1 });
    const counts = checkAgainstFullRecompute(start, 3, 40);
    expect(Math.min(counts.add, counts.move, counts.close, counts.link)).toBeGreaterThan(2);
  }, 60_000);
});
