import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';

export const geodataDirectory = resolve(import.meta.dirname, '../../geodata');

/** The seed datasets as the server should serve them: collection id → FeatureCollection. */
export function readGeodataCollections(directory = geodataDirectory): Map<string, FeatureCollection> {
  const collections = new Map<string, FeatureCollection>();
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.geojson')).sort()) {
    collections.set(basename(file, '.geojson'), JSON.parse(readFileSync(join(directory, file), 'utf8')));
  }
  return collections;
}
