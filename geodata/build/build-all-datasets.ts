// Runs the builders in dependency order and returns everything in memory, so the CLI and the
// tests share one code path.
import type { Dataset } from './feature-types.ts';
import { readAddresses, readMetroStations, readResidentsCommittees, readTownships } from './read-source-files.ts';
import { buildBoundary, findSubdistrictPolygon } from './build-boundary.ts';
import { buildResidentsCommittees } from './build-residents-committees.ts';
import { buildMetroStations } from './build-metro-stations.ts';
import { buildFacilities } from './build-facilities.ts';
import { facilityCatalogue } from './facility-catalogue.ts';
import { buildRoadCentrelines, buildRoads } from './build-roads.ts';
import { roadCatalogue } from './road-catalogue.ts';
import { buildFacilityStandards, type FacilityStandard } from './build-facility-standards.ts';

export interface BuildResult {
  datasets: Dataset[];
  facilityStandards: FacilityStandard[];
  reports: string[];
}

export function buildAllDatasets(): BuildResult {
  const townships = readTownships();
  const addresses = readAddresses();
  const committeeRecords = readResidentsCommittees();
  const subdistrict = findSubdistrictPolygon(townships);

  const boundary = buildBoundary(townships);
  const residentsCommittees = buildResidentsCommittees(committeeRecords, subdistrict);
  const metroStations = buildMetroStations(readMetroStations(), subdistrict);
  const builtRoads = buildRoadCentrelines(roadCatalogue, addresses, subdistrict);
  const roads = buildRoads(builtRoads);
  const facilities = buildFacilities(facilityCatalogue, addresses, residentsCommittees, subdistrict, []);

  return {
    datasets: [boundary, residentsCommittees, metroStations, facilities, roads],
    facilityStandards: buildFacilityStandards(),
    reports: [],
  };
}
