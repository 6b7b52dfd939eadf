// Residents walk across 张杨路 and 源深路: the coverage engine, run on the shipped walking network,
// estates and facilities, must find an estate whose nearest facility of some type lies outside
// the subdistrict, across one of those streets.
import { describe, it, expect } from 'vitest';
import { booleanIntersects, lineString } from '@turf/turf';
import type { LineString, Point } from 'geojson';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildWalkingGraph } from '../../server/analysis/build-walking-graph.ts';
import { attachUnits, computeCoverage, prepareNetwork } from '../../server/analysis/compute-coverage.ts';
import { findFacilityThreshold, type FacilityThreshold } from '../../server/analysis/facility-thresholds.ts';
import { geodataDirectory, loadCollection } from './load-geodata.ts';

const walkingNetwork = loadCollection('walking_network');
const facilities = loadCollection('facilities');
const estates = loadCollection('neighbourhoods');
const roads = loadCollection('roads');
const standards = JSON.parse(readFileSync(path.join(geodataDirectory, 'facility_standards.json'), 'utf8')) as { facility_type: string; name_zh: string; level: string; max_walk_metres: number | null }[];

const network = prepareNetwork(buildWalkingGraph(walkingNetwork.features.map((edge) => ({ id: String(edge.id), coordinates: (edge.geometry as LineString).coordinates }))));
const units = attachUnits(network, estates.features.map((estate) => ({
  id: String(estate.id),
  name: String(estate.properties.name),
  residents: Number(estate.properties.residents),
  residentsAged60Plus: Number(estate.properties.residents_aged_60_plus),
  gates: estate.properties.gates as number[][],
})));
const thresholds = standards
  .map((standard) => findFacilityThreshold({ facilityType: standard.facility_type, nameZh: standard.name_zh, level: standard.level, maxWalkMetres: standard.max_walk_metres }))
  .filter((threshold): threshold is FacilityThreshold => threshold !== null);
const facilityPoints = facilities.features.map((facility) => {
  const [longitude, latitude] = (facility.geometry as Point).coordinates;
  return { id: String(facility.id), name: String(facility.properties.name), facilityType: String(facility.properties.facility_type), longitude, latitude };
});
const coverage = computeCoverage(network, units, facilityPoints, thresholds, { mode: 'network', speedMetresPerSecond: 1.2 });

const facilityById = new Map(facilities.features.map((facility) => [String(facility.id), facility]));
const boundaryStreets = roads.features.filter((road) => road.id === 'road-zhangyang' || road.id === 'road-yuanshen');

describe('walks across the boundary', () => {
  it('counts the estates of the subdistrict only, never those of its neighbours', () => {
    expect(estates.features.every((estate) => estate.properties.outside_boundary !== true)).toBe(true);
  });

  it('finds an estate whose nearest facility of some type is outside, across 张杨路 or 源深路', () => {
    const crossings = coverage.byUnit.flatMap((unit) => {
      const estate = estates.features.find((candidate) => candidate.id === unit.id)!;
      return Object.entries(unit.nearestFacility).flatMap(([facilityType, facilityId]) => {
        const facility = facilityId ? facilityById.get(facilityId) : undefined;
        if (!facility || facility.properties.outside_boundary !== true) return [];
        // Across the street: the straight line from every gate of the estate to the facility
        // crosses 张杨路 or 源深路.
        const acrossStreet = boundaryStreets.find((street) => (estate.properties.gates as number[][]).every((gate) =>
          booleanIntersects(lineString([gate, (facility.geometry as Point).coordinates]), street.geometry as LineString)));
        return acrossStreet ? [{ estate: unit.name, facilityType, facility: String(facility.properties.name), township: facility.properties.township, street: acrossStreet.properties.name, metres: unit.walkMetres[facilityType] }] : [];
      });
    });
    expect(crossings.length, 'estates reaching a facility across 张杨路 or 源深路').toBeGreaterThan(0);
    // The walk is a real one on the network, within a 15-minute walk.
    expect(crossings.some((crossing) => crossing.metres !== null && crossing.metres <= 1200)).toBe(true);
    // Every one of them names the township it is in.
    expect(crossings.every((crossing) => typeof crossing.township === 'string')).toBe(true);
  });
});
