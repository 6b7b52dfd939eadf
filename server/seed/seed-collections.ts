import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { findGeometryProblems } from '../geo/check-geojson.ts';
import { findSeedHash, recordSeedHash, upsertCollection } from '../queries/collections.ts';
import { deleteStaleSeedFeatures, findInvalidGeometries, upsertSeedFeatures } from '../queries/features.ts';
import { isCollectionReplacedByImport } from '../queries/imports.ts';
import type { Database } from '../db/database.ts';

/** The foreign member of a geodata FeatureCollection that names and describes it. */
interface CollectionMetadata {
  title?: string;
  titleEn?: string;
  description?: string;
  attribution?: string;
  attributionUrl?: string;
}

export interface SeedReport {
  collectionId: string;
  /** Features inserted or refreshed from the file; 0 when the file had not changed. */
  changed: number;
  removed: number;
  skipped: boolean;
}

// The datasets drawn first come first in /collections; any other file follows in name order.
const preferredOrder = ['boundary', 'waterways', 'green_spaces', 'neighbourhoods', 'roads', 'walking_network',
  'commercial_zones', 'buildings', 'facilities', 'metro_stations', 'residents_committees'];

/**
 * Loads every geodata/<collection>.geojson into the database. Idempotent: a file whose content
 * hash is unchanged is skipped, and features a person has edited are never overwritten. Takes
 * whatever datasets the folder holds, with no code change per dataset.
 */
export async function seedCollections(database: Database, geodataDirectory: string): Promise<SeedReport[]> {
  const files = readdirSync(geodataDirectory).filter((file) => file.endsWith('.geojson')).sort();
  const reports: SeedReport[] = [];
  for (const file of files) {
    const collectionId = basename(file, '.geojson');
    if (!/^[a-z][a-z0-9_]*$/.test(collectionId)) throw new Error(`geodata/${file}: a collection file name must be lower_snake_case`);
    const text = readFileSync(join(geodataDirectory, file), 'utf8');
    const seedHash = createHash('sha256').update(text).digest('hex');
    // A collection a planning office replaced with its own data is theirs from then on.
    if ((await findSeedHash(database, collectionId)) === seedHash || (await isCollectionReplacedByImport(database, collectionId))) {
      reports.push({ collectionId, changed: 0, removed: 0, skipped: true });
      continue;
    }
    const { metadata, features } = readSeedFile(file, text);
    const invalid = await findInvalidGeometries(database, features);
    if (invalid.length > 0) {
      throw new Error(`geodata/${file}: invalid geometry in ${invalid.map((item) => `${item.id} (${item.reason})`).join(', ')}`);
    }
    const order = preferredOrder.indexOf(collectionId);
    const report = await database.transaction(async (transaction) => {
      await upsertCollection(transaction, {
        id: collectionId,
        title: metadata.title ?? collectionId,
        titleEn: metadata.titleEn ?? collectionId,
        description: metadata.description ?? '',
        attribution: metadata.attribution ?? null,
        attributionUrl: metadata.attributionUrl ?? null,
        sortOrder: order === -1 ? preferredOrder.length : order,
      });
      const changed = await upsertSeedFeatures(transaction, collectionId, features);
      const removed = await deleteStaleSeedFeatures(transaction, collectionId, features.map((feature) => String(feature.id)));
      await recordSeedHash(transaction, collectionId, seedHash);
      return { collectionId, changed, removed, skipped: false };
    });
    reports.push(report);
  }
  return reports;
}

/** Parses and checks one seed file; features without an id get one from their position. */
function readSeedFile(file: string, text: string): { metadata: CollectionMetadata; features: Feature[] } {
  let parsed: FeatureCollection & { collection?: CollectionMetadata };
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`geodata/${file}: not valid JSON (${(error as Error).message})`);
  }
  if (parsed?.type !== 'FeatureCollection' || !Array.isArray(parsed.features)) {
    throw new Error(`geodata/${file}: must be a GeoJSON FeatureCollection`);
  }
  const seen = new Set<string>();
  const features = parsed.features.map((feature, index) => {
    const id = String(feature.id ?? `${basename(file, '.geojson')}-${index + 1}`);
    if (seen.has(id)) throw new Error(`geodata/${file}: feature id "${id}" appears twice`);
    seen.add(id);
    const problems = findGeometryProblems(feature.geometry, `features[${index}].geometry`);
    if (problems.length > 0) throw new Error(`geodata/${file}: feature "${id}": ${problems.join('; ')}`);
    return { ...feature, id };
  });
  return { metadata: parsed.collection ?? {}, features };
}
