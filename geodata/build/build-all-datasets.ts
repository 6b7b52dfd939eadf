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
import { findStreetBlocks } from './find-street-blocks.ts';
import { buildRoadSurface } from './build-road-surface.ts';
import { buildCreekWater, buildWaterways, traceCreekCentreline } from './build-waterways.ts';
import { buildGreenSpaces } from './build-green-spaces.ts';
import { commercialZoneCatalogue } from './commercial-zone-catalogue.ts';
import { buildCommercialZones, locateCommercialZones } from './build-commercial-zones.ts';
import { buildEstates, buildNeighbourhoods } from './build-neighbourhoods.ts';
import { estateCatalogue } from './estate-catalogue.ts';

export interface BuildResult {
  datasets: Dataset[];
  facilityStandards: FacilityStandard[];
  reports: string[];
}

export function buildAllDatasets(): BuildResult {
  const reports: string[] = [];
  const townships = readTownships();
  const addresses = readAddresses();
  const subdistrict = findSubdistrictPolygon(townships);

  const boundary = buildBoundary(townships);
  const residentsCommittees = buildResidentsCommittees(readResidentsCommittees(), subdistrict);
  const metroStations = buildMetroStations(readMetroStations(), subdistrict);

  const builtRoads = buildRoadCentrelines(roadCatalogue, addresses, subdistrict);
  const roads = buildRoads(builtRoads);
  const roadSurface = buildRoadSurface(builtRoads);
  const blocks = findStreetBlocks(builtRoads, subdistrict);

  const creekCentreline = traceCreekCentreline(subdistrict);
  const creekWater = buildCreekWater(creekCentreline);
  const waterways = buildWaterways(creekCentreline, creekWater);
  const greenSpaces = buildGreenSpaces({ subdistrict, creekCentreline, creekWater, roadSurface });

  const commercialPlots = locateCommercialZones(commercialZoneCatalogue, addresses);
  const toFeature = (geometry: Dataset['features'][number]['geometry']) => ({ type: 'Feature' as const, properties: {}, geometry }) as never;
  const { estates, calibrationFactor } = buildEstates(
    estateCatalogue,
    addresses,
    blocks,
    [roadSurface, toFeature(creekWater), ...greenSpaces.features.map((feature) => toFeature(feature.geometry)), ...commercialPlots.map((plot) => toFeature(plot.plot))],
    builtRoads,
    subdistrict,
  );
  const neighbourhoods = buildNeighbourhoods(estates, calibrationFactor);
  reports.push(`population: calibration factor ${calibrationFactor.toFixed(3)}, total residents ${estates.reduce((sum, estate) => sum + estate.population.residents, 0)}`);

  const facilities = buildFacilities(facilityCatalogue, addresses, residentsCommittees, subdistrict, []);
  const towerPositions = facilities.features
    .filter((feature) => feature.id === 'facility-shuangge-tower-practice-point')
    .map((feature) => (feature.geometry as { coordinates: [number, number] }).coordinates);
  const commercialZones = buildCommercialZones(commercialPlots, towerPositions);

  return {
    datasets: [boundary, residentsCommittees, metroStations, facilities, roads, waterways, greenSpaces, commercialZones, neighbourhoods],
    facilityStandards: buildFacilityStandards(),
    reports,
  };
}
