// Reads the shipped datasets from geodata/ once per test file. Tests check the committed files,
// which is what the seed loader will load.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

export const geodataDirectory = path.resolve(import.meta.dirname, '../../geodata');

export const collectionIds = [
  'boundary', 'residents_committees', 'roads', 'walking_network', 'neighbourhoods', 'waterways',
  'green_spaces', 'commercial_zones', 'buildings', 'facilities', 'metro_stations',
] as const;
export type CollectionId = (typeof collectionIds)[number];

export type ShippedFeature = Feature<Geometry, Record<string, unknown>> & { id: string };
export type ShippedCollection = FeatureCollection<Geometry, Record<string, unknown>> & {
  collection: { title: string; titleEn: string; description: string };
  features: ShippedFeature[];
};

export function loadCollection(collectionId: CollectionId): ShippedCollection {
  return JSON.parse(readFileSync(path.join(geodataDirectory, `${collectionId}.geojson`), 'utf8')) as ShippedCollection;
}

export function loadAllCollections(): Record<CollectionId, ShippedCollection> {
  return Object.fromEntries(collectionIds.map((collectionId) => [collectionId, loadCollection(collectionId)])) as Record<CollectionId, ShippedCollection>;
}
