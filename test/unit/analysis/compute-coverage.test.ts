import { describe, expect, it } from 'vitest';
import { buildWalkingGraph } from '../../../server/analysis/build-walking-graph.ts';
import { attachUnits, computeCoverage, prepareNetwork, type FacilityPoint, type ResidentialUnit } from '../../../server/analysis/compute-coverage.ts';
import { findFacilityThreshold, type FacilityThreshold } from '../../../server/analysis/facility-thresholds.ts';
import { edgesFromMetres, fixtureProjection, toLongitudeLatitude } from '../../fixtures/metre-networks.ts';

// A street west–east, 0 … 1200 m, and a river that cuts the estate at x = 600 off the street:
// the estate's gate at (600, 300) reaches the street only by a lane that joins it at x = 1200.
const network = prepareNetwork(buildWalkingGraph(edgesFromMetres({
  street: [[0, 0], [1200, 0]],
  lane: [[1200, 0], [1200, 300], [600, 300]],
  island: [[3000, 3000], [3100, 3000]],
}), fixtureProjection));

const unit = (id: string, gate: number[], residents: number, elderly: number): ResidentialUnit =>
  ({ id, name: id, residents, residentsAged60Plus: elderly, gates: [toLongitudeLatitude(gate)] });
const facility = (id: string, facilityType: string, at: number[]): FacilityPoint => {
  const [longitude, latitude] = toLongitudeLatitude(at);
  return { id, name: id, facilityType, longitude, latitude };
};

const units = attachUnits(network, [
  unit('west', [100, 10], 1000, 300), // 10 m from the street at x = 100
  unit('behind-river', [600, 310], 500, 100), // 10 m from the lane's far end
  unit('island', [3050, 3010], 200, 50), // on a part of the network no facility reaches
]);
const facilities = [
  facility('clinic', 'community_health_center', [0, 0]),
  facility('day-care', 'elderly_day_care', [600, -20]), // 20 m south of the street at x = 600
];
const thresholds: FacilityThreshold[] = [
  { facilityType: 'community_health_center', nameZh: '社区卫生服务中心', level: '15', walkMetres: 1000, basis: 'standard' },
  { facilityType: 'elderly_day_care', nameZh: '日间照料中心', level: '5', walkMetres: 300, basis: 'standard' },
];

describe('computeCoverage', () => {
  const coverage = computeCoverage(network, units, facilities, thresholds, { mode: 'network', speedMetresPerSecond: 1 });
  const byId = Object.fromEntries(coverage.byUnit.map((result) => [result.id, result]));

  it('walks from each gate to the nearest facility of each type along the network', () => {
    expect(byId.west.walkMetres.community_health_center).toBeCloseTo(110, 1);
    // 10 m to the lane, 600 m west along it, 300 m down to the street, 600 m back west, 20 m to the door.
    expect(byId['behind-river'].walkMetres.elderly_day_care).toBeCloseTo(10 + 600 + 300 + 600 + 20, 1);
    expect(byId['behind-river'].walkMinutes.elderly_day_care).toBeCloseTo(1530 / 60, 1);
    expect(byId.west.nearestFacility.elderly_day_care).toBe('day-care');
  });

  it('reports unreachable estates as unreachable, not as 0 m, and counts them as not covered', () => {
    expect(byId.island.walkMetres.community_health_center).toBeNull();
    expect(byId.island.gaps).toEqual(['community_health_center', 'elderly_day_care']);
    const health = coverage.byType.find((type) => type.facilityType === 'community_health_center')!;
    expect(health.residentsByMinuteBand.unreachable).toBe(200);
  });

  it('gives shares of residents, older residents and estates within the type distance', () => {
    const health = coverage.byType.find((type) => type.facilityType === 'community_health_center')!;
    // west: 110 m ✓; behind the river: 10 + 600 + 300 + 1200 = 2110 m ✗; island ✗.
    expect(health.residentsShare).toBeCloseTo(1000 / 1700, 4);
    expect(health.elderlyShare).toBeCloseTo(300 / 450, 4);
    expect(health.estatesShare).toBeCloseTo(1 / 3, 4);
    expect(health.residentsShareWithinMinutes['5']).toBeCloseTo(1000 / 1700, 4);
    expect(health.residentsByMinuteBand).toEqual({ upTo5: 1000, upTo10: 0, upTo15: 0, over15: 500, unreachable: 200 });
    const dayCare = coverage.byType.find((type) => type.facilityType === 'elderly_day_care')!;
    expect(dayCare.residentsShare).toBe(0); // west walks 10 + 500 + 20 = 530 m > 300 m
  });

  it('lists each estate\'s gaps and the share with all essentials', () => {
    expect(byId.west.gaps).toEqual(['elderly_day_care']);
    expect(coverage.allEssentials.groups.map((group) => group.key)).toEqual(['health', 'elderly']);
    expect(coverage.allEssentials.residentsShare).toBe(0);
    expect(coverage.byGroup.map((group) => [group.key, group.residentsShare])).toEqual([['health', expect.closeTo(1000 / 1700, 4)], ['elderly', 0]]);
    const generous = computeCoverage(network, units, facilities, [thresholds[0], { ...thresholds[1], walkMetres: 600 }], { mode: 'network', speedMetresPerSecond: 1 });
    expect(generous.allEssentials.residentsShare).toBeCloseTo(1000 / 1700, 4);
  });

  it('shows how much straight lines overstate coverage', () => {
    const straight = computeCoverage(network, units, facilities, thresholds, { mode: 'straight-line', speedMetresPerSecond: 1 });
    const behindRiver = straight.byUnit.find((result) => result.id === 'behind-river')!;
    expect(behindRiver.walkMetres.elderly_day_care).toBeCloseTo(330, 1);
    expect(straight.byType[0].residentsShare).toBeGreaterThan(coverage.byType[0].residentsShare);
  });

  it('turns distances into minutes at the chosen speed', () => {
    const elderly = computeCoverage(network, units, facilities, thresholds, { mode: 'network', speedMetresPerSecond: 0.9 });
    expect(elderly.byUnit[0].walkMinutes.community_health_center).toBeCloseTo(110 / 54, 1);
  });
});

describe('findFacilityThreshold', () => {
  it('uses the standard\'s own distance, else its level\'s, and says which', () => {
    expect(findFacilityThreshold({ facilityType: 'kindergarten', nameZh: '幼儿园', level: '5', maxWalkMetres: 300 })).toMatchObject({ walkMetres: 300, basis: 'standard' });
    expect(findFacilityThreshold({ facilityType: 'nursing_home', nameZh: '养老院', level: '15', maxWalkMetres: null })).toMatchObject({ walkMetres: 1000, basis: 'level' });
    expect(findFacilityThreshold({ facilityType: 'mall', nameZh: '商场', level: '15;10', maxWalkMetres: null })).toMatchObject({ walkMetres: 500 });
    expect(findFacilityThreshold({ facilityType: 'x', nameZh: 'x', level: '5', maxWalkMetres: 250, editedAt: '2026-01-01' })).toMatchObject({ walkMetres: 250, basis: 'edited' });
    expect(findFacilityThreshold({ facilityType: 'parking', nameZh: '停车', level: 'block', maxWalkMetres: null })).toBeNull();
    expect(findFacilityThreshold({ facilityType: 'home', nameZh: '养老院', level: '15', maxWalkMetres: null, editedAt: '2026-01-01' })).toMatchObject({ walkMetres: 1000, basis: 'edited' });
  });
});
