// Runs the builders in dependency order and returns everything in memory, so the CLI and the
// tests share one code path.
import type { Dataset } from './feature-types.ts';
import { readAddresses, readMetroStations, readOsmExtract, readResidentsCommittees, readTownships } from './read-source-files.ts';
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
import { buildBuildings, positionOf } from './build-buildings.ts';
import { buildWalkingNetwork } from './build-walking-network.ts';
import { describeSurroundingGround, nameTownshipsOutside } from './surrounding-ground.ts';
import { attributeOsm } from './osm-features.ts';
import { placeBusStops, placeEstatePlaceholders, placeMetroStationFacilities, placeParkFacilities, placeSafeHouses } from './place-estate-facilities.ts';

export interface BuildResult {
  datasets: Dataset[];
  facilityStandards: FacilityStandard[];
  reports: string[];
}

export function buildAllDatasets(): BuildResult {
  const reports: string[] = [];
  const townships = readTownships();
  const addresses = readAddresses();
  const osm = readOsmExtract();
  const subdistrict = findSubdistrictPolygon(townships);
  const ground = describeSurroundingGround(subdistrict, townships);

  const boundary = buildBoundary(townships);
  const residentsCommittees = buildResidentsCommittees(readResidentsCommittees(), subdistrict);
  const metroStations = buildMetroStations(readMetroStations(), subdistrict, osm);

  const builtRoads = buildRoadCentrelines(roadCatalogue, addresses, ground, osm);
  const roads = buildRoads(builtRoads, ground, addresses);
  const roadSurface = buildRoadSurface(builtRoads);
  const blocks = findStreetBlocks(builtRoads, subdistrict);

  const creekCentreline = traceCreekCentreline(subdistrict);
  const creekWater = buildCreekWater(creekCentreline);
  const waterways = buildWaterways(creekCentreline, creekWater);
  const greenSpaces = buildGreenSpaces({ subdistrict, creekCentreline, creekWater, roadSurface, osm, ground });

  const commercialPlots = locateCommercialZones(commercialZoneCatalogue, addresses);
  const toFeature = (geometry: Dataset['features'][number]['geometry']) => ({ type: 'Feature' as const, properties: {}, geometry }) as never;
  const { estates, calibrationFactor } = buildEstates(
    estateCatalogue,
    addresses,
    osm,
    blocks,
    [roadSurface, toFeature(creekWater), ...greenSpaces.features.map((feature) => toFeature(feature.geometry)), ...commercialPlots.map((plot) => toFeature(plot.plot))],
    // Gates open onto the subdistrict's own streets, never onto one across 张杨路.
    builtRoads.filter((road) => !road.entry.outside),
    subdistrict,
  );
  const neighbourhoods = buildNeighbourhoods(estates, calibrationFactor);
  reports.push(`population: calibration factor ${calibrationFactor.toFixed(3)}, total residents ${estates.reduce((sum, estate) => sum + estate.population.residents, 0)}`);

  const walking = buildWalkingNetwork(builtRoads, estates, ground, osm);
  reports.push(...walking.report);

  const facilities = buildFacilities(facilityCatalogue, addresses, residentsCommittees, subdistrict, [
    ...placeEstatePlaceholders(estates, subdistrict),
    ...placeBusStops(builtRoads, subdistrict),
    ...placeMetroStationFacilities(metroStations),
    ...placeParkFacilities(greenSpaces, subdistrict),
    ...placeSafeHouses(
      [
        ...commercialPlots.map((plot) => ({ id: plot.entry.id, name: plot.entry.name, position: plot.position })),
        ...metroStations.features
          .filter((station) => station.id === 'metro-century-avenue')
          .map((station) => ({ id: station.id, name: station.properties.name, position: positionOf(station) })),
      ],
      subdistrict,
    ),
  ]);
  const facilityById = new Map(facilities.features.map((feature) => [feature.id, feature]));
  const shuangge = positionOf(facilityById.get('facility-shuangge-tower-practice-point')!);
  const commercialZones = buildCommercialZones(commercialPlots, [shuangge]);
  const buildings = buildBuildings(estates, commercialPlots, [
    {
      id: 'building-shuangge-tower', name: '双鸽大厦', position: shuangge, widthMetres: 40, depthMetres: 36, floors: 20,
      buildingType: 'office', address: '浦东新区浦电路438号',
      sourceDetail: 'Office tower named in the plan (civilisation practice point, tower Party building); address 浦电路438号 from a public POI list; floors assumed.',
      sourceDetailZh: '行动计划提及的办公楼（文明实践点、楼宇党建）；地址浦电路438号取自公开 POI 名录；层数为假定。',
    },
    {
      id: 'building-subdistrict-office', name: '潍坊新村街道办事处', position: positionOf(facilityById.get('facility-subdistrict-office')!),
      widthMetres: 40, depthMetres: 20, floors: 5, buildingType: 'public', address: '浦东新区福山路317号',
      sourceDetail: 'Address 福山路317号 from public listings; floors assumed.',
      sourceDetailZh: '地址福山路317号，来自公开资料；层数为假定。',
    },
    {
      id: 'building-community-health-center', name: '潍坊社区卫生服务中心', position: positionOf(facilityById.get('facility-community-health-center')!),
      widthMetres: 45, depthMetres: 25, floors: 4, buildingType: 'public', address: '浦东新区崂山路639号',
      sourceDetail: 'Address 崂山路639号 from public listings; floors assumed.',
      sourceDetailZh: '地址崂山路639号，来自公开资料；层数为假定。',
    },
  ]);

  const datasets = [boundary, residentsCommittees, metroStations, facilities, roads, walking.dataset, waterways, greenSpaces, commercialZones, neighbourhoods, buildings];
  reports.push(`outside the subdistrict: ${datasets.map((dataset) => `${dataset.collectionId} ${dataset.features.filter((feature) => feature.properties.outside_boundary === true).length}`).join(', ')}`);
  return {
    // The boundary's neighbours are the townships themselves, not features outside.
    datasets: datasets.map((dataset) => attributeOsm(dataset.collectionId === 'boundary' ? dataset : nameTownshipsOutside(dataset, ground))),
    facilityStandards: buildFacilityStandards(),
    reports,
  };
}
