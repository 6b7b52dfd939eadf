import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import type { FacilityPoint, ResidentialUnit } from '../../server/analysis/compute-coverage.ts';
import { findFacilityThreshold, type FacilityThreshold } from '../../server/analysis/facility-thresholds.ts';

export const geodataDirectory = resolve(import.meta.dirname, '../../geodata');

/** The seed datasets as the server should serve them: collection id → FeatureCollection. */
export function readGeodataCollections(directory = geodataDirectory): Map<string, FeatureCollection> {
  const collections = new Map<string, FeatureCollection>();
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.geojson')).sort()) {
    collections.set(basename(file, '.geojson'), JSON.parse(readFileSync(join(directory, file), 'utf8')));
  }
  return collections;
}

/** The shipped data, read straight from geodata/ the way the server reads it from the database. */
export function readShippedAnalysisInputs(directory = geodataDirectory) {
  const read = (name: string) => JSON.parse(readFileSync(join(directory, name), 'utf8'));
  const edges = read('walking_network.geojson').features
    .filter((feature: any) => feature.geometry.type === 'LineString')
    .map((feature: any) => ({ id: String(feature.id), coordinates: feature.geometry.coordinates }));
  const units: ResidentialUnit[] = read('neighbourhoods.geojson').features.map((feature: any) => ({
    id: String(feature.id), name: feature.properties.name, residents: feature.properties.residents ?? 0,
    residentsAged60Plus: feature.properties.residents_aged_60_plus ?? 0, gates: feature.properties.gates ?? [],
  }));
  const facilities: FacilityPoint[] = read('facilities.geojson').features.map((feature: any) => ({
    id: String(feature.id), name: feature.properties.name, facilityType: feature.properties.facility_type,
    longitude: feature.geometry.coordinates[0], latitude: feature.geometry.coordinates[1],
  }));
  const thresholds: FacilityThreshold[] = read('facility_standards.json')
    .map((standard: any) => findFacilityThreshold({ facilityType: standard.facility_type, nameZh: standard.name_zh, level: standard.level, maxWalkMetres: standard.max_walk_metres }))
    .filter((threshold: FacilityThreshold | null): threshold is FacilityThreshold => threshold !== null);
  return { edges, units, facilities, thresholds };
}
