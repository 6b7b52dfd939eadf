import type { Queryable } from '../db/database.ts';

/** Named SQL for the `facility_standard` table: the life-circle standards as editable data. */

export interface FacilityStandardRow {
  facilityType: string;
  nameZh: string;
  level: string;
  maxWalkMetres: number | null;
  scale: string | null;
  source: string;
  confidence: string;
  editedAt: string | null;
  /** Counts every change (a planner's edit, an edit undone, new seed values): the ETag's number. */
  version: number;
}

export interface FacilityStandardAuditRow {
  version: number;
  operation: 'set-distance' | 'undo-edit';
  actor: string;
  recordedAt: string;
  before: FacilityStandardRow;
  after: FacilityStandardRow;
}

const selectStandards = `select facility_type as "facilityType", name_zh as "nameZh", level, max_walk_metres as "maxWalkMetres",
  scale, source, confidence, edited_at::text as "editedAt", version from facility_standard`;

export async function listFacilityStandards(database: Queryable): Promise<FacilityStandardRow[]> {
  return database.query<FacilityStandardRow>(`${selectStandards} order by facility_type`);
}

/** `lock`: hold the row until the transaction ends, so that an edit checked against it cannot be overtaken. */
export async function findFacilityStandard(database: Queryable, facilityType: string, options: { lock?: boolean } = {}): Promise<FacilityStandardRow | undefined> {
  const [row] = await database.query<FacilityStandardRow>(`${selectStandards} where facility_type = $1${options.lock ? ' for update' : ''}`, [facilityType]);
  return row;
}

/** Seeds the standards; a standard a planner edited keeps the planner's values. */
export async function upsertSeedFacilityStandards(database: Queryable, standards: Omit<FacilityStandardRow, 'editedAt' | 'version'>[]): Promise<void> {
  await database.query(
    `insert into facility_standard (facility_type, name_zh, level, max_walk_metres, scale, source, confidence)
     select item->>'facilityType', item->>'nameZh', item->>'level', (item->>'maxWalkMetres')::float8,
            item->>'scale', item->>'source', item->>'confidence'
       from jsonb_array_elements($1::jsonb) item
     on conflict (facility_type) do update
        set name_zh = excluded.name_zh, level = excluded.level, max_walk_metres = excluded.max_walk_metres,
            scale = excluded.scale, source = excluded.source, confidence = excluded.confidence,
            version = facility_standard.version + 1
      where facility_standard.edited_at is null
        and (facility_standard.name_zh, facility_standard.level, facility_standard.max_walk_metres, facility_standard.scale,
             facility_standard.source, facility_standard.confidence)
            is distinct from (excluded.name_zh, excluded.level, excluded.max_walk_metres, excluded.scale, excluded.source, excluded.confidence)`,
    [JSON.stringify(standards)],
  );
}

export async function updateFacilityStandardDistance(database: Queryable, facilityType: string, maxWalkMetres: number | null): Promise<FacilityStandardRow | undefined> {
  const [row] = await database.query<{ facilityType: string }>(
    `update facility_standard set max_walk_metres = $2, edited_at = now(), version = version + 1 where facility_type = $1 returning facility_type as "facilityType"`,
    [facilityType, maxWalkMetres],
  );
  return row ? findFacilityStandard(database, facilityType) : undefined;
}

/** Forgets a planner's edit, so that the next seed brings back the standard's own values. */
export async function forgetFacilityStandardEdit(database: Queryable, facilityType: string): Promise<boolean> {
  const rows = await database.query(`update facility_standard set version = case when edited_at is null then version else version + 1 end, edited_at = null where facility_type = $1 returning facility_type`, [facilityType]);
  return rows.length > 0;
}

export async function insertFacilityStandardAudit(database: Queryable, facilityType: string, entry: Omit<FacilityStandardAuditRow, 'recordedAt'>): Promise<void> {
  await database.query(
    `insert into facility_standard_audit (facility_type, version, operation, actor, before, after) values ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`,
    [facilityType, entry.version, entry.operation, entry.actor, JSON.stringify(entry.before), JSON.stringify(entry.after)],
  );
}

/** A standard's edits, newest first. */
export async function listFacilityStandardAudit(database: Queryable, facilityType: string): Promise<FacilityStandardAuditRow[]> {
  return database.query<FacilityStandardAuditRow>(
    `select version, operation, actor, to_json(recorded_at) #>> '{}' as "recordedAt", before, after
       from facility_standard_audit where facility_type = $1 order by version desc, id desc`,
    [facilityType],
  );
}
