import type { Feature } from 'geojson';
import type { ImportRecordAnswer } from '../contract/data-completeness.ts';
import type { ImportChannel } from '../contract/vocabulary/import.ts';
import type { Queryable } from '../db/database.ts';

/** Named SQL of "bring your own data": imported features, the import record, replaced collections. */

export interface ImportRecord {
  collectionId: string;
  fileName: string;
  fileSha256: string;
  format: string;
  sourceCrs: string;
  replace: boolean;
  keepGoodRows: boolean;
  importedBy: ImportChannel;
  /** The signed-in editor; null for the command line and the admin token. */
  importedByUser: string | null;
}

export interface ImportCounts {
  added: number;
  changed: number;
  unchanged: number;
  removed: number;
  bad: number;
}

export async function findCollectionState(database: Queryable, collectionId: string): Promise<{ exists: boolean; replaced: boolean }> {
  const [row] = await database.query<{ replaced: boolean }>('select replaced_at is not null as replaced from collection where id = $1', [collectionId]);
  return { exists: row !== undefined, replaced: row?.replaced ?? false };
}

/** True when an import replaced the collection as a whole: the seed step then leaves it alone. */
export async function isCollectionReplacedByImport(database: Queryable, collectionId: string): Promise<boolean> {
  return (await findCollectionState(database, collectionId)).replaced;
}

/** Creates a collection for imported data; imported collections list after the seed datasets. */
export async function createImportedCollection(database: Queryable, collection: { id: string; title: string; description: string }): Promise<boolean> {
  const rows = await database.query(
    `insert into collection (id, title, title_en, description, sort_order) values ($1, $2, $1, $3, 100)
     on conflict (id) do nothing returning id`,
    [collection.id, collection.title, collection.description],
  );
  return rows.length > 0;
}

export async function markCollectionReplaced(database: Queryable, collectionId: string): Promise<void> {
  await database.query('update collection set replaced_at = now() where id = $1', [collectionId]);
}

export async function insertImportRecord(database: Queryable, record: ImportRecord): Promise<number> {
  const [row] = await database.query<{ id: number }>(
    `insert into feature_import (collection_id, file_name, file_sha256, format, source_crs, replace, keep_good_rows, imported_by, imported_by_user)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id::int as id`,
    [record.collectionId, record.fileName, record.fileSha256, record.format, record.sourceCrs, record.replace, record.keepGoodRows, record.importedBy, record.importedByUser],
  );
  return row.id;
}

/** The latest imports, newest first, with their layer's title. */
export async function listRecentImports(database: Queryable, limit: number): Promise<ImportRecordAnswer[]> {
  return database.query<ImportRecordAnswer>(
    `select i.collection_id as "collectionId", c.title as "collectionTitle", i.file_name as "fileName", i.format,
            i.imported_by as "importedBy", i.imported_by_user as "importedByUser",
            to_char(i.imported_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "importedAt",
            i.added, i.changed, i.removed, i.bad
       from feature_import i join collection c on c.id = i.collection_id
      order by i.imported_at desc, i.id desc
      limit $1`,
    [limit],
  );
}

export async function recordImportCounts(database: Queryable, importId: number, counts: ImportCounts): Promise<void> {
  await database.query(
    'update feature_import set added = $2, changed = $3, unchanged = $4, removed = $5, bad = $6 where id = $1',
    [importId, counts.added, counts.changed, counts.unchanged, counts.removed, counts.bad],
  );
}

export async function deleteImportRecord(database: Queryable, importId: number): Promise<void> {
  await database.query('delete from feature_import where id = $1', [importId]);
}

/**
 * Inserts the imported features, or updates those whose key exists and whose properties or
 * geometry differ; an identical feature is not touched. Every row written is marked edited (so
 * the seed step never overwrites it) and names the import. Returns the keys written and whether
 * each was new.
 */
export async function upsertImportedFeatures(
  database: Queryable,
  collectionId: string,
  importId: number,
  features: Feature[],
): Promise<{ key: string; inserted: boolean }[]> {
  return database.query<{ key: string; inserted: boolean }>(
    `insert into feature (collection_id, feature_key, properties, geometry, edited_at, import_id)
     select $1, item->>'id', coalesce(item->'properties', '{}'::jsonb),
            ST_SetSRID(ST_GeomFromGeoJSON((item->'geometry')::text), 4326), now(), $3
       from jsonb_array_elements($2::jsonb) item
     on conflict (collection_id, feature_key) do update
        set properties = excluded.properties, geometry = excluded.geometry, edited_at = excluded.edited_at, import_id = excluded.import_id
      where feature.properties <> excluded.properties or ST_AsEWKB(feature.geometry) <> ST_AsEWKB(excluded.geometry)
     returning feature_key as key, (xmax = 0) as inserted`,
    [collectionId, JSON.stringify(features), importId],
  );
}

/** Replace: removes every feature of the collection that the file does not have, edited or not. */
export async function deleteFeaturesNotIn(database: Queryable, collectionId: string, keptKeys: string[]): Promise<number> {
  const rows = await database.query(
    'delete from feature where collection_id = $1 and not (feature_key = any($2::text[])) returning feature_key',
    [collectionId, keptKeys],
  );
  return rows.length;
}

/** PostGIS's verdict on one geometry; throws when PostGIS cannot read it at all. */
export async function checkGeometryValidity(database: Queryable, geometry: unknown): Promise<string | null> {
  const [row] = await database.query<{ reason: string | null }>(
    `select case when ST_IsValid(g) then null else ST_IsValidReason(g) end as reason
       from (select ST_GeomFromGeoJSON($1::text) as g) parsed`,
    [JSON.stringify(geometry)],
  );
  return row.reason;
}

/** The GeoJSON geometry types a collection holds now (Point, MultiPolygon…). */
export async function listGeometryTypes(database: Queryable, collectionId: string): Promise<string[]> {
  const rows = await database.query<{ type: string }>(
    `select distinct replace(ST_GeometryType(geometry), 'ST_', '') as type from feature where collection_id = $1 order by 1`,
    [collectionId],
  );
  return rows.map((row) => row.type);
}
