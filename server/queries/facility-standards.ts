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
}

const selectStandards = `select facility_type as "facilityType", name_zh as "nameZh", level, max_walk_metres as "maxWalkMetres",
  scale, source, confidence, edited_at::text as "editedAt" from facility_standard`;

export async function listFacilityStandards(database: Queryable): Promise<FacilityStandardRow[]> {
  return database.query<FacilityStandardRow>(`${selectStandards} order by facility_type`);
}

export async function findFacilityStandard(database: Queryable, facilityType: string): Promise<FacilityStandardRow | undefined> {
  const [row] = await database.query<FacilityStandardRow>(`${selectStandards} where facility_type = $1`, [facilityType]);
  return row;
}

/** Seeds the standards; a standard a planner edited keeps the planner's values. */
export async function upsertSeedFacilityStandards(database: Queryable, standards: Omit<FacilityStandardRow, 'editedAt'>[]): Promise<void> {
  await database.query(
    `insert into facility_standard (facility_type, name_zh, level, max_walk_metres, scale, source, confidence)
     select item->>'facilityType', item->>'nameZh', item->>'level', (item->>'maxWalkMetres')::float8,
            item->>'scale', item->>'source', item->>'confidence'
       from jsonb_array_elements($1::jsonb) item
     on conflict (facility_type) do update
        set name_zh = excluded.name_zh, level = excluded.level, max_walk_metres = excluded.max_walk_metres,
            scale = excluded.scale, source = excluded.source, confidence = excluded.confidence
      where facility_standard.edited_at is null
        and (facility_standard.name_zh, facility_standard.level, facility_standard.max_walk_metres, facility_standard.scale,
             facility_standard.source, facility_standard.confidence)
            is distinct from (excluded.name_zh, excluded.level, excluded.max_walk_metres, excluded.scale, excluded.source, excluded.confidence)`,
    [JSON.stringify(standards)],
  );
}

export async function updateFacilityStandardDistance(database: Queryable, facilityType: string, maxWalkMetres: number | null): Promise<FacilityStandardRow | undefined> {
  const [row] = await database.query<{ facilityType: string }>(
    `update facility_standard set max_walk_metres = $2, edited_at = now() where facility_type = $1 returning facility_type as "facilityType"`,
    [facilityType, maxWalkMetres],
  );
  return row ? findFacilityStandard(database, facilityType) : undefined;
}

/** Forgets a planner's edit, so that the next seed brings back the standard's own values. */
export async function forgetFacilityStandardEdit(database: Queryable, facilityType: string): Promise<boolean> {
  const rows = await database.query(`update facility_standard set edited_at = null where facility_type = $1 returning facility_type`, [facilityType]);
  return rows.length > 0;
}
