import type { Feature } from 'geojson';
import type { StoredFeature } from '../contract/geojson.ts';
import type { Queryable } from '../db/database.ts';

/** Named SQL for the `feature` table. Features leave the database as GeoJSON built by PostGIS. */

export type BoundingBox = [west: number, south: number, east: number, north: number];

const featureAsGeoJson = `json_build_object(
    'type', 'Feature', 'id', f.feature_key,
    'geometry', ST_AsGeoJSON(f.geometry, 7)::json,
    'properties', f.properties) as feature`;

// A null bbox parameter means "everywhere". ST_Intersects uses the GiST index for the boxes and
// then tests the shapes: OGC API - Features wants the features that meet the bbox, not their boxes.
const whereInCollectionAndBox = `f.collection_id = $1
   and ($2::float8 is null or ST_Intersects(f.geometry, ST_MakeEnvelope($2, $3, $4, $5, 4326)))`;

function boxParameters(bbox: BoundingBox | undefined): unknown[] {
  return bbox ? [...bbox] : [null, null, null, null];
}

export interface ItemsPage {
  /** Whether the collection exists: an empty page of an unknown collection is a 404, not zero features. */
  found: boolean;
  numberMatched: number;
  numberReturned: number;
  /** The page's Features as JSON text, comma-separated, in feature_key order: written into the answer as they are. */
  featuresJson: string;
}

/**
 * A page of items in one statement: whether the collection exists, how many features match, and
 * the page's Features as JSON built by PostGIS. The JSON goes into the answer without being
 * parsed and written again in JavaScript, which was most of the route's time.
 */
export async function readItemsPage(
  database: Queryable,
  collectionId: string,
  page: { bbox?: BoundingBox; limit: number; offset: number },
): Promise<ItemsPage> {
  const [row] = await database.query<ItemsPage>(
    `with page as (
       select f.feature_key, ${featureAsGeoJson} from feature f where ${whereInCollectionAndBox}
        order by f.feature_key limit $6 offset $7)
     select exists (select 1 from collection where id = $1) as found,
            (select count(*)::int from feature f where ${whereInCollectionAndBox}) as "numberMatched",
            (select count(*)::int from page) as "numberReturned",
            (select coalesce(string_agg(feature::text, ',' order by feature_key), '') from page) as "featuresJson"`,
    [collectionId, ...boxParameters(page.bbox), page.limit, page.offset],
  );
  return row;
}

export async function findFeature(database: Queryable, collectionId: string, featureKey: string): Promise<StoredFeature | undefined> {
  const [row] = await database.query<{ feature: StoredFeature }>(
    `select ${featureAsGeoJson} from feature f where f.collection_id = $1 and f.feature_key = $2`,
    [collectionId, featureKey],
  );
  return row?.feature;
}

/**
 * Inserts the seed features of one collection in a single statement. A feature already present is
 * refreshed from the seed only if nobody has edited it, so restarts never overwrite user edits.
 * Returns how many rows were inserted or refreshed.
 */
export async function upsertSeedFeatures(database: Queryable, collectionId: string, features: Feature[]): Promise<number> {
  const rows = await database.query<{ feature_key: string }>(
    `insert into feature (collection_id, feature_key, properties, geometry)
     select $1, item->>'id', coalesce(item->'properties', '{}'::jsonb),
            ST_SetSRID(ST_GeomFromGeoJSON((item->'geometry')::text), 4326)
       from jsonb_array_elements($2::jsonb) item
     on conflict (collection_id, feature_key) do update
        set properties = excluded.properties, geometry = excluded.geometry
      where feature.edited_at is null
        and (feature.properties <> excluded.properties or ST_AsEWKB(feature.geometry) <> ST_AsEWKB(excluded.geometry))
     returning feature_key`,
    [collectionId, JSON.stringify(features)],
  );
  return rows.length;
}

/** Removes seed features that the new seed file no longer has, unless a person edited them. */
export async function deleteStaleSeedFeatures(database: Queryable, collectionId: string, keptKeys: string[]): Promise<number> {
  const rows = await database.query<{ feature_key: string }>(
    `delete from feature where collection_id = $1 and edited_at is null and not (feature_key = any($2::text[]))
     returning feature_key`,
    [collectionId, keptKeys],
  );
  return rows.length;
}

/** For each feature whose geometry PostGIS finds invalid: its id and PostGIS's reason. */
export async function findInvalidGeometries(database: Queryable, features: Feature[]): Promise<{ id: string; reason: string }[]> {
  return database.query<{ id: string; reason: string }>(
    `select item->>'id' as id, ST_IsValidReason(geometry) as reason
       from jsonb_array_elements($1::jsonb) item,
            lateral (select ST_GeomFromGeoJSON((item->'geometry')::text) as geometry) parsed
      where not ST_IsValid(geometry)`,
    [JSON.stringify(features)],
  );
}
