import type { Queryable } from '../db/database.ts';
import type { RenovationLifts, RenovationRecord, RenovationWork } from '../contract/renovation.ts';
import { demonstrationEstateNames, unknownCommittee } from '../contract/vocabulary/renovation.ts';

/**
 * Named SQL for the renovation records of the estates (migration 006): the record as the API
 * shows it (joined with its estate feature for name, 居委, households and residents), its writes
 * and its audit. Every write takes the transaction it runs in.
 */

const plainNumber = (property: string) =>
  `case when f.properties->>'${property}' ~ '^[0-9]+(\\.[0-9]+)?$' then (f.properties->>'${property}')::float8 else 0 end`;

const work = (prefix: string) =>
  `json_build_object('status', r.${prefix}_status, 'startYear', r.${prefix}_start_year, 'year', r.${prefix}_year, 'projectCodes', to_json(r.${prefix}_projects))`;

const selectRecords = `
  select json_build_object(
           'estateKey', r.estate_key,
           'estateName', coalesce(f.properties->>'name', r.estate_key),
           'residentsCommittee', coalesce(nullif(trim(f.properties->>'residents_committee'), ''), $1),
           'buildEra', f.properties->>'build_era',
           'households', ${plainNumber('households')},
           'residents', ${plainNumber('residents')},
           'demonstration', coalesce(f.properties->>'name', '') = any($2::text[]),
           'comprehensiveRenovation', ${work('comprehensive')},
           'flatRetrofit', ${work('flat_retrofit')},
           'sewerSeparation', ${work('sewer_separation')},
           'lifts', json_build_object('installed', r.lifts_installed, 'planned', r.lifts_planned, 'projectCodes', to_json(r.lifts_projects)),
           'source', r.source, 'confidence', r.confidence, 'assumptions', to_json(r.assumptions), 'note', r.note,
           'version', r.version,
           'updatedAt', to_char(r.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) as record,
         (extract(epoch from r.created_at) * 1000)::bigint::text as "createdMilliseconds"
    from estate_renovation r
    join feature f on f.collection_id = r.collection_id and f.feature_key = r.estate_key`;

const recordParameters = [unknownCommittee, [...demonstrationEstateNames]];

export interface StoredRenovation {
  record: RenovationRecord;
  /** When the row was made: part of the ETag, so that a re-created record never matches an old one. */
  createdMilliseconds: string;
}

export async function listRenovationRecords(database: Queryable): Promise<RenovationRecord[]> {
  const rows = await database.query<{ record: RenovationRecord }>(`${selectRecords} order by r.estate_key`, recordParameters);
  return rows.map((row) => row.record);
}

export async function findRenovation(database: Queryable, estateKey: string, options: { lock?: boolean } = {}): Promise<StoredRenovation | undefined> {
  const [row] = await database.query<StoredRenovation>(
    `${selectRecords} where r.estate_key = $3${options.lock ? ' for update of r' : ''}`,
    [...recordParameters, estateKey],
  );
  return row;
}

export async function estateExists(database: Queryable, estateKey: string): Promise<boolean> {
  const rows = await database.query(`select 1 from feature where collection_id = 'neighbourhoods' and feature_key = $1`, [estateKey]);
  return rows.length > 0;
}

/** The fields a person sets (PATCH after merging) and the seed writes. */
export interface RenovationValue {
  comprehensiveRenovation: RenovationWork;
  flatRetrofit: RenovationWork;
  sewerSeparation: RenovationWork;
  lifts: RenovationLifts;
  source: RenovationRecord['source'];
  confidence: RenovationRecord['confidence'];
  assumptions: string[];
  note: string;
}

function valueParameters(value: RenovationValue): unknown[] {
  const { comprehensiveRenovation: c, flatRetrofit: f, sewerSeparation: s, lifts } = value;
  return [
    c.status, c.startYear, c.year, c.projectCodes,
    f.status, f.startYear, f.year, f.projectCodes,
    s.status, s.startYear, s.year, s.projectCodes,
    lifts.installed, lifts.planned, lifts.projectCodes,
    value.source, value.confidence, value.assumptions, value.note,
  ];
}

const columns = `comprehensive_status, comprehensive_start_year, comprehensive_year, comprehensive_projects,
  flat_retrofit_status, flat_retrofit_start_year, flat_retrofit_year, flat_retrofit_projects,
  sewer_separation_status, sewer_separation_start_year, sewer_separation_year, sewer_separation_projects,
  lifts_installed, lifts_planned, lifts_projects, source, confidence, assumptions, note`;

const placeholders = (first: number) => `$${first}, $${first + 1}::int, $${first + 2}::int, $${first + 3}::text[],
  $${first + 4}, $${first + 5}::int, $${first + 6}::int, $${first + 7}::text[],
  $${first + 8}, $${first + 9}::int, $${first + 10}::int, $${first + 11}::text[],
  $${first + 12}::int, $${first + 13}::int, $${first + 14}::text[], $${first + 15}, $${first + 16}, $${first + 17}::text[], $${first + 18}`;

/** Inserts the record of an estate that has none; false when it already had one or the estate is gone. */
export async function insertRenovationIfMissing(transaction: Queryable, estateKey: string, value: RenovationValue): Promise<boolean> {
  const rows = await transaction.query(
    `insert into estate_renovation (estate_key, ${columns})
     select $1, ${placeholders(2)}
      where exists (select 1 from feature where collection_id = 'neighbourhoods' and feature_key = $1)
     on conflict do nothing returning estate_key`,
    [estateKey, ...valueParameters(value)],
  );
  return rows.length > 0;
}

/** Replaces every editable field, bumping the version. */
export async function updateRenovation(transaction: Queryable, estateKey: string, value: RenovationValue): Promise<void> {
  await transaction.query(
    `update estate_renovation set (${columns}) = (${placeholders(2)}), version = version + 1, updated_at = now()
      where collection_id = 'neighbourhoods' and estate_key = $1`,
    [estateKey, ...valueParameters(value)],
  );
}

export async function insertRenovationAudit(
  transaction: Queryable,
  entry: { estateKey: string; version: number; operation: 'seed' | 'update'; actor: string; before: RenovationRecord | null; after: RenovationRecord },
): Promise<void> {
  await transaction.query(
    `insert into estate_renovation_audit (estate_key, version, operation, actor, before, after) values ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`,
    [entry.estateKey, entry.version, entry.operation, entry.actor, entry.before ? JSON.stringify(entry.before) : null, JSON.stringify(entry.after)],
  );
}

export async function listRenovationAudit(database: Queryable, estateKey: string) {
  return database.query<{ version: number; operation: 'seed' | 'update'; actor: string; recordedAt: string; before: RenovationRecord | null; after: RenovationRecord }>(
    `select version, operation, actor, to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "recordedAt", before, after
       from estate_renovation_audit where estate_key = $1 order by version, id`,
    [estateKey],
  );
}

/** The codes among `codes` that are not in the project registry. */
export async function findUnknownProjectCodes(database: Queryable, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await database.query<{ code: string }>(
    `select code from unnest($1::text[]) as wanted(code) where not exists (select 1 from project p where p.code = wanted.code)`,
    [codes],
  );
  return rows.map((row) => row.code);
}

/** The keys of every estate, for the seed step. */
export async function listEstateKeys(database: Queryable): Promise<string[]> {
  const rows = await database.query<{ key: string }>(`select feature_key as key from feature where collection_id = 'neighbourhoods' order by feature_key`);
  return rows.map((row) => row.key);
}

// ---------------------------------------------------------------- facility openings

export interface FacilityOpeningSeed {
  facilityKey: string;
  openedDate: string | null;
  projectCode: string | null;
  source: string;
  confidence: string;
  note: string;
}

/** The opening knowledge is seed data only (no API writes it): replaced as a whole on every start. */
export async function replaceFacilityOpenings(transaction: Queryable, openings: FacilityOpeningSeed[]): Promise<number> {
  await transaction.query('delete from facility_opening');
  if (openings.length === 0) return 0;
  const rows = await transaction.query(
    `insert into facility_opening (facility_key, opened_date, project_code, source, confidence, note)
     select o->>'facilityKey', (o->>'openedDate')::date, o->>'projectCode', o->>'source', o->>'confidence', coalesce(o->>'note', '')
       from jsonb_array_elements($1::jsonb) o
      where exists (select 1 from feature f where f.collection_id = 'facilities' and f.feature_key = o->>'facilityKey')
     on conflict do nothing returning facility_key`,
    [JSON.stringify(openings)],
  );
  return rows.length;
}

/** Facility keys of a type, for seed rules that name a type. */
export async function listFacilityKeysOfType(database: Queryable, facilityType: string): Promise<string[]> {
  const rows = await database.query<{ key: string }>(
    `select feature_key as key from feature where collection_id = 'facilities' and properties->>'facility_type' = $1 order by feature_key`,
    [facilityType],
  );
  return rows.map((row) => row.key);
}
