import type { Geometry } from '../contract/geojson.ts';
import type { ProjectFeature } from '../contract/projects.ts';
import type { Queryable } from '../db/database.ts';
import type { ProjectInput } from '../summary/summarise-projects.ts';

/** Named SQL the summary, the facility openings and the exports read: projects, facilities with their opening knowledge, geometries. */

export async function readProjectInputs(database: Queryable): Promise<ProjectInput[]> {
  return database.query<ProjectInput>(
    `select code, title_zh, action, item, lead_unit, status, to_char(start_date, 'YYYY-MM-DD') as start_date,
            to_char(end_date, 'YYYY-MM-DD') as end_date, progress_percent, to_json(assumptions) as assumptions,
            project_status_reports(id) as status_reports
       from project order by code`,
  );
}

export interface FacilityInput {
  key: string;
  name: string;
  facilityType: string;
  placeholder: boolean;
  source: string | null;
  confidence: string | null;
  /** Where its place comes from, in Chinese where the data says it in Chinese. */
  sourceDetail: string | null;
  openingYear: number | null;
  openedDate: string | null;
  projectCode: string | null;
  openingSource: string | null;
  openingConfidence: string | null;
  openingNote: string | null;
}

/** Every facility with what is known of its opening (facility_opening, else its opening_year). */
export async function readFacilityInputs(database: Queryable): Promise<FacilityInput[]> {
  return database.query<FacilityInput>(
    `select f.feature_key as key, coalesce(f.properties->>'name', f.feature_key) as name,
            coalesce(f.properties->>'facility_type', '') as "facilityType",
            coalesce(f.properties->>'placeholder', 'false') = 'true' as placeholder,
            f.properties->>'source' as source, f.properties->>'confidence' as confidence,
            coalesce(f.properties->>'source_detail_zh', f.properties->>'source_detail') as "sourceDetail",
            case when f.properties->>'opening_year' ~ '^\\d{4}$' then (f.properties->>'opening_year')::int end as "openingYear",
            to_char(o.opened_date, 'YYYY-MM-DD') as "openedDate", o.project_code as "projectCode",
            o.source as "openingSource", o.confidence as "openingConfidence", o.note as "openingNote"
       from feature f
       left join facility_opening o on o.collection_id = f.collection_id and o.facility_key = f.feature_key
      where f.collection_id = 'facilities'
      order by f.feature_key`,
  );
}

/** Geometries (GeoJSON, 7 decimals) of features of a collection, by key, for the GeoJSON exports. */
export async function readFeatureGeometries(database: Queryable, collectionId: string, keys: string[]): Promise<Map<string, Geometry>> {
  if (keys.length === 0) return new Map();
  const rows = await database.query<{ key: string; geometry: Geometry }>(
    `select feature_key as key, ST_AsGeoJSON(geometry, 7)::json as geometry from feature where collection_id = $1 and feature_key = any($2::text[])`,
    [collectionId, keys],
  );
  return new Map(rows.map((row) => [row.key, row.geometry]));
}

/** Where each project came from (project_provenance: source, confidence, source_detail and source_detail_zh), by code. */
export async function readProjectProvenance(database: Queryable, codes: string[]): Promise<Map<string, ProjectProvenance>> {
  if (codes.length === 0) return new Map();
  const rows = await database.query<{ code: string; provenance: ProjectProvenance }>(
    'select p.code, project_provenance(p) as provenance from project p where p.code = any($1::text[])',
    [codes],
  );
  return new Map(rows.map((row) => [row.code, row.provenance]));
}

export type ProjectProvenance = Pick<ProjectFeature['properties'], 'source' | 'confidence' | 'source_detail' | 'source_detail_zh'>;

export async function readProjectGeometries(database: Queryable, codes: string[]): Promise<Map<string, Geometry>> {
  if (codes.length === 0) return new Map();
  const rows = await database.query<{ code: string; geometry: Geometry }>(
    `select code, ST_AsGeoJSON(geometry, 7)::json as geometry from project where code = any($1::text[])`,
    [codes],
  );
  return new Map(rows.map((row) => [row.code, row.geometry]));
}
