import type { Geometry } from '../contract/geojson.ts';
import type { GeometryImpact, ProjectAuditOperation, ProjectFeature, ProjectPropertiesValue, ProjectVersion } from '../contract/projects.ts';
import type { Queryable } from '../db/database.ts';

/**
 * Named SQL for the project registry: `project`, its links, its audit records, and the read-only
 * copy of each project in the `feature` table (collection 'projects'). Every write function takes
 * the transaction it runs in: the caller writes the project, its links, the copy and the audit
 * record all at once or not at all.
 */

export interface ProjectRecord {
  id: number;
  code: string;
  version: number;
  feature: ProjectFeature;
}

const selectProject = `select p.id, p.code, p.version, project_as_feature(p.id) as feature from project p`;

export async function findProject(database: Queryable, code: string, options: { lock?: boolean } = {}): Promise<ProjectRecord | undefined> {
  const [row] = await database.query<ProjectRecord>(`${selectProject} where p.code = $1${options.lock ? ' for update' : ''}`, [code]);
  return row;
}

/**
 * The next free code of an item (P07-01, P07-02…), claimed for the rest of the transaction: the
 * advisory lock on the prefix makes concurrent creates of one item take their codes in turn, so
 * none of them gets a code another is about to insert. Call it inside the creating transaction.
 */
export async function claimNextProjectCode(transaction: Queryable, item: number): Promise<string> {
  const prefix = `P${String(item).padStart(2, '0')}-`;
  await transaction.query(`select pg_advisory_xact_lock(hashtext('project-code:' || $1))`, [prefix]);
  const [row] = await transaction.query<{ next: number }>(
    `select coalesce(max(substring(code from length($1) + 1)::int), 0) + 1 as next
       from project where starts_with(code, $1) and substring(code from length($1) + 1) ~ '^[0-9]{1,6}$'`,
    [prefix],
  );
  return `${prefix}${String(row.next).padStart(2, '0')}`;
}

/** Parameters shared by insert and update: the properties, then the geometry as GeoJSON text. */
function projectParameters(properties: ProjectPropertiesValue, geometry: Geometry): unknown[] {
  return [
    properties.title_zh, properties.action, properties.item, properties.lead_unit, properties.partner_units,
    properties.status, properties.start_date, properties.end_date, properties.progress_percent,
    properties.budget_ten_thousand_yuan, properties.description, properties.assumptions, JSON.stringify(geometry),
  ];
}

const geometryFromText = (parameter: string) => `ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${parameter}), 4326))`;

/** Where a new project comes from: the plan's text (the seed step) or an editor drawing it. */
export interface ProjectOrigin {
  source: 'plan-text' | 'editor';
  createdBy: string;
}

export async function insertProject(transaction: Queryable, code: string, properties: ProjectPropertiesValue, geometry: Geometry, origin: ProjectOrigin): Promise<number> {
  const [row] = await transaction.query<{ id: number }>(
    `insert into project (code, title_zh, action, item, lead_unit, partner_units, status, start_date, end_date,
                          progress_percent, budget_ten_thousand_yuan, description, assumptions, geometry, source, created_by)
     values ($1, $2, $3, $4, $5, $6::text[], $7, $8::date, $9::date, $10, $11, $12, $13::text[], ${geometryFromText('$14')}, $15, $16)
     returning id`,
    [code, ...projectParameters(properties, geometry), origin.source, origin.createdBy],
  );
  return row.id;
}

/** Replaces every property and the geometry, bumping the version; returns the new version. */
export async function updateProject(transaction: Queryable, id: number, properties: ProjectPropertiesValue, geometry: Geometry): Promise<number> {
  const [row] = await transaction.query<{ version: number }>(
    `update project set title_zh = $2, action = $3, item = $4, lead_unit = $5, partner_units = $6::text[], status = $7,
            start_date = $8::date, end_date = $9::date, progress_percent = $10, budget_ten_thousand_yuan = $11,
            description = $12, assumptions = $13::text[], geometry = ${geometryFromText('$14')},
            version = version + 1, updated_at = now()
      where id = $1 returning version`,
    [id, ...projectParameters(properties, geometry)],
  );
  return row.version;
}

/** What a status report records of a project (project_status_report). */
export interface StatusReportWrite {
  reportedOn: string;
  source: 'editor' | 'schedule-import';
  actor: string;
  version: number;
  /** Taken from the report's own figures when given, else from the project as it now stands. */
  figures?: Pick<ProjectPropertiesValue, 'status' | 'progress_percent' | 'start_date' | 'end_date' | 'lead_unit'>;
  /** Which of the figures are assumptions; default the project's own after the write. */
  assumptions?: string[];
}

export async function insertStatusReport(transaction: Queryable, projectId: number, report: StatusReportWrite): Promise<void> {
  const figures = report.figures;
  await transaction.query(
    `insert into project_status_report (project_id, reported_on, status, progress_percent, start_date, end_date, lead_unit, source, actor, version, assumptions)
     select p.id, $2::date, coalesce($3, p.status), coalesce($4, p.progress_percent), coalesce($5::date, p.start_date),
            coalesce($6::date, p.end_date), coalesce($7, p.lead_unit), $8, $9, $10, coalesce($11::text[], p.assumptions)
       from project p where p.id = $1`,
    [projectId, report.reportedOn, figures?.status ?? null, figures?.progress_percent ?? null, figures?.start_date ?? null,
      figures?.end_date ?? null, figures?.lead_unit ?? null, report.source, report.actor, report.version, report.assumptions ?? null],
  );
}

/** Every project with the day of its latest status report (null: none), for the schedule workbook. */
export async function listProjectsWithLatestReport(database: Queryable): Promise<(ProjectRecord & { latestReportDay: string | null })[]> {
  return database.query<ProjectRecord & { latestReportDay: string | null }>(
    `select p.id, p.code, p.version, project_as_feature(p.id) as feature,
            (select to_char(max(r.reported_on), 'YYYY-MM-DD') from project_status_report r where r.project_id = p.id) as "latestReportDay"
       from project p order by p.code`,
  );
}

export async function replaceProjectLinks(transaction: Queryable, id: number, links: ProjectPropertiesValue['linked_features']): Promise<void> {
  await transaction.query('delete from project_feature_link where project_id = $1', [id]);
  if (links.length === 0) return;
  await transaction.query(
    `insert into project_feature_link (project_id, collection_id, feature_key)
     select distinct $1::bigint, link->>'collection_id', link->>'feature_key' from jsonb_array_elements($2::jsonb) link`,
    [id, JSON.stringify(links)],
  );
}

export async function deleteProject(transaction: Queryable, id: number): Promise<void> {
  await allowProjectFeatureWrites(transaction);
  await transaction.query(`delete from feature where collection_id = 'projects' and feature_key = (select code from project where id = $1)`, [id]);
  await transaction.query('delete from project where id = $1', [id]);
}

/** Lets this transaction write the projects' copy in `feature` (see migration 004's guard). */
async function allowProjectFeatureWrites(transaction: Queryable): Promise<void> {
  await transaction.query(`select set_config('lifecircle.writing_projects', 'on', true)`);
}

/** Writes the project's current state into the generic feature table, for the collection routes. */
export async function refreshProjectFeature(transaction: Queryable, id: number): Promise<void> {
  await allowProjectFeatureWrites(transaction);
  await transaction.query(
    `insert into feature (collection_id, feature_key, properties, geometry, edited_at)
     select 'projects', p.code, project_as_feature(p.id)->'properties', p.geometry, p.updated_at from project p where p.id = $1
     on conflict (collection_id, feature_key) do update
        set properties = excluded.properties, geometry = excluded.geometry, edited_at = excluded.edited_at`,
    [id],
  );
}

export async function insertProjectAudit(
  transaction: Queryable,
  record: { projectId: number; code: string; version: number; operation: ProjectAuditOperation; actor: string; before: ProjectFeature | null; after: ProjectFeature | null },
): Promise<void> {
  await transaction.query(
    `insert into project_audit (project_id, project_code, version, operation, actor, before, after)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
    [record.projectId, record.code, record.version, record.operation, record.actor,
      record.before ? JSON.stringify(record.before) : null, record.after ? JSON.stringify(record.after) : null],
  );
}

/** The audit records of the project now holding `code` (and only of it, not of a deleted namesake). */
export async function listProjectAudit(database: Queryable, projectId: number): Promise<ProjectVersion[]> {
  return database.query<ProjectVersion>(
    `select version, operation, actor, to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "recordedAt", before, after
       from project_audit where project_id = $1 order by version`,
    [projectId],
  );
}

/** Has a project with this code ever existed (seeded, created or deleted)? */
export async function hasProjectCodeEverExisted(database: Queryable, code: string): Promise<boolean> {
  const [row] = await database.query<{ found: boolean }>('select exists (select 1 from project_audit where project_code = $1) as found', [code]);
  return row.found;
}

/** The link targets among `links` that are not features of the database. */
export async function findMissingLinkedFeatures(database: Queryable, links: { collection_id: string; feature_key: string }[]) {
  if (links.length === 0) return [];
  return database.query<{ collection_id: string; feature_key: string; index: number }>(
    `select link->>'collection_id' as collection_id, link->>'feature_key' as feature_key, (ordinality - 1)::int as index
       from jsonb_array_elements($1::jsonb) with ordinality as links(link, ordinality)
      where not exists (select 1 from feature f where f.collection_id = link->>'collection_id' and f.feature_key = link->>'feature_key')
      order by ordinality`,
    [JSON.stringify(links)],
  );
}

export interface GeometryCheck {
  valid: boolean;
  reason: string | null;
  /** Where PostGIS found the problem, [longitude, latitude]. */
  location: [number, number] | null;
  /** ST_MakeValid's repair, when the geometry is invalid. */
  repaired: Geometry | null;
}

/** PostGIS's verdict on a geometry that passed the structural GeoJSON checks. */
export async function checkGeometryValidity(database: Queryable, geometry: Geometry): Promise<GeometryCheck> {
  const [row] = await database.query<GeometryCheck>(
    `select detail.valid, detail.reason,
            case when detail.location is null then null else json_build_array(round(ST_X(detail.location)::numeric, 7), round(ST_Y(detail.location)::numeric, 7)) end as location,
            case when detail.valid then null else ST_AsGeoJSON(ST_MakeValid(g), 7)::json end as repaired
       from (select ${geometryFromText('$1')} as g) parsed, lateral ST_IsValidDetail(g) detail`,
    [JSON.stringify(geometry)],
  );
  return { ...row, location: row.location ? [Number(row.location[0]), Number(row.location[1])] : null };
}

/**
 * Whether a valid geometry lies within the subdistrict (boundary feature of kind 'subdistrict')
 * widened by `marginMetres` (on UTM 51N), and how far its farthest vertex is from the
 * subdistrict; null when the boundary is not loaded.
 */
export async function checkWithinSubdistrict(database: Queryable, geometry: Geometry, marginMetres: number): Promise<{ within: boolean; outsideMetres: number; farthest: [number, number] } | null> {
  const [row] = await database.query<{ within: boolean | null; outsideMetres: number; farthest: [number, number] }>(
    `with boundary as (
       select ST_Transform(ST_Union(geometry), 32651) as area from feature
        where collection_id = 'boundary' and properties->>'kind' = 'subdistrict'),
     shape as (select ST_Transform(${geometryFromText('$1')}, 32651) as g),
     points as (select (ST_DumpPoints(g)).geom as point from shape)
     select ST_CoveredBy(s.g, ST_Buffer(b.area, $2)) as within,
            farthest.distance as "outsideMetres", farthest.position as farthest
       from boundary b, shape s,
            lateral (select ST_Distance(p.point, b.area) as distance,
                            json_build_array(round(ST_X(ST_Transform(p.point, 4326))::numeric, 7), round(ST_Y(ST_Transform(p.point, 4326))::numeric, 7)) as position
                       from points p order by 1 desc limit 1) farthest
      where b.area is not null`,
    [JSON.stringify(geometry), marginMetres],
  );
  if (!row || row.within === null) return null;
  return { within: row.within, outsideMetres: row.outsideMetres, farthest: [Number(row.farthest[0]), Number(row.farthest[1])] };
}

/**
 * Points along a geometry for walking from it: its vertices and points every `spacingMetres`
 * of its outline (polygons) or lines, at most 2,000; and the estates it overlaps.
 */
export async function samplePointsOfGeometry(database: Queryable, geometry: Geometry, spacingMetres: number): Promise<{ points: [number, number][]; overlappedEstateKeys: string[] }> {
  const [row] = await database.query<{ points: [number, number][] | null; overlapped: string[] | null }>(
    `with shape as (select ${geometryFromText('$1')} as g),
     outline as (select case when ST_Dimension(g) = 2 then ST_Boundary(g) else g end as line from shape),
     dense as (select ST_Segmentize(line::geography, $2)::geometry as line from outline),
     points as (select (ST_DumpPoints(line)).geom as point from dense),
     numbered as (select point, row_number() over () as n, count(*) over () as total from points)
     select (select json_agg(json_build_array(ST_X(point), ST_Y(point)))
               from numbered where total <= 2000 or n % ceil(total / 2000.0)::int = 0) as points,
            (select array_agg(f.feature_key order by f.feature_key) from feature f, shape s
              where f.collection_id = 'neighbourhoods' and ST_Intersects(f.geometry, s.g)) as overlapped`,
    [JSON.stringify(geometry), spacingMetres],
  );
  return { points: row.points ?? [], overlappedEstateKeys: row.overlapped ?? [] };
}

/** A street counts as touched when its centreline is within this distance of the geometry. */
export const streetTouchMetres = 15;

/** The PostGIS half of the impact of a geometry (the walking half is in projects/walk-to-geometry.ts). */
export async function measureGeometryImpact(database: Queryable, geometry: Geometry): Promise<GeometryImpact> {
  const [row] = await database.query<{ impact: GeometryImpact }>(
    `with shape as (select ${geometryFromText('$1')} as g),
     estates as (
       select f.feature_key as id, coalesce(f.properties->>'name', f.feature_key) as name,
              coalesce((f.properties->>'residents')::float8, 0) as residents,
              case when ST_Dimension(s.g) = 2
                   then least(1, ST_Area(ST_Intersection(f.geometry, s.g)::geography) / nullif(ST_Area(f.geometry::geography), 0)) end as share
         from feature f, shape s where f.collection_id = 'neighbourhoods' and ST_Intersects(f.geometry, s.g)),
     buildings as (
       select f.feature_key as id, coalesce(f.properties->>'name', f.feature_key) as name, f.properties->>'building_type' as building_type,
              (f.properties->>'households')::float8 as households
         from feature f, shape s where f.collection_id = 'buildings' and ST_Intersects(f.geometry, s.g)),
     facilities as (
       select f.feature_key as id, coalesce(f.properties->>'name', f.feature_key) as name, f.properties->>'facility_type' as facility_type,
              coalesce(f.properties->>'placeholder', 'false') = 'true' as placeholder
         from feature f, shape s where f.collection_id = 'facilities' and ST_Intersects(f.geometry, s.g)),
     streets as (
       select f.feature_key as id, coalesce(f.properties->>'name', f.feature_key) as name, ST_Distance(f.geometry::geography, s.g::geography) as distance
         from feature f, shape s where f.collection_id = 'roads' and ST_DWithin(f.geometry::geography, s.g::geography, $2))
     select json_build_object(
       'geometryType', (select GeometryType(g) from shape),
       'areaSquareMetres', (select case when ST_Dimension(g) = 2 then round(ST_Area(g::geography)::numeric, 1) end from shape),
       'lengthMetres', (select case when ST_Dimension(g) = 1 then round(ST_Length(g::geography)::numeric, 1) end from shape),
       'estates', coalesce((select json_agg(json_build_object('id', id, 'name', name, 'residents', residents,
                      'overlapShare', case when share is null then null else round(share::numeric, 4) end) order by id) from estates), '[]'::json),
       'residentsOfEstatesTouched', coalesce((select sum(residents) from estates), 0),
       'residentsInOverlap', (select case when ST_Dimension(g) = 2 then (select round(coalesce(sum(residents * share), 0)::numeric, 1) from estates) end from shape),
       'buildings', json_build_object(
          'count', (select count(*) from buildings),
          'households', coalesce((select sum(households) from buildings), 0),
          'items', coalesce((select json_agg(json_build_object('id', id, 'name', name, 'buildingType', building_type, 'households', households) order by id) from buildings), '[]'::json)),
       'facilities', coalesce((select json_agg(json_build_object('id', id, 'name', name, 'facilityType', facility_type, 'placeholder', placeholder) order by id) from facilities), '[]'::json),
       'streets', coalesce((select json_agg(json_build_object('id', id, 'name', name, 'distanceMetres', round(distance::numeric, 1)) order by id) from streets), '[]'::json)
     ) as impact`,
    [JSON.stringify(geometry), streetTouchMetres],
  );
  return row.impact;
}

/**
 * The features named by a seed project's places (by name, by facility type, or all of a
 * collection), their union as one geometry, and the names not found.
 */
export async function resolvePlanPlaces(database: Queryable, places: { collection: string; names?: string[]; facilityType?: string; all?: boolean }[]) {
  const [row] = await database.query<{ geometry: Geometry | null; links: { collection_id: string; feature_key: string }[] | null; missing: string[] | null }>(
    `with place as (select value as place from jsonb_array_elements($1::jsonb)),
     wanted as (
       select place->>'collection' as collection_id, name.value as name, null::text as facility_type, false as everything
         from place, jsonb_array_elements_text(coalesce(place->'names', '[]'::jsonb)) name
       union all
       select place->>'collection', null, place->>'facilityType', false from place where place ? 'facilityType'
       union all
       select place->>'collection', null, null, true from place where (place->>'all')::boolean),
     found as (
       select distinct f.collection_id, f.feature_key, f.geometry
         from wanted w join feature f on f.collection_id = w.collection_id
          and (w.everything or f.properties->>'name' = w.name or f.properties->>'facility_type' = w.facility_type)),
     missing as (
       select w.collection_id || '/' || w.name as label from wanted w
        where w.name is not null and not exists (select 1 from feature f where f.collection_id = w.collection_id and f.properties->>'name' = w.name))
     select (select case when GeometryType(u) in ('POLYGON', 'MULTIPOLYGON', 'LINESTRING', 'MULTILINESTRING', 'POINT', 'MULTIPOINT')
                         then ST_AsGeoJSON(u, 7)::json end
               from (select ST_Union(geometry) as u from found) unioned) as geometry,
            (select json_agg(json_build_object('collection_id', collection_id, 'feature_key', feature_key) order by collection_id, feature_key) from found) as links,
            (select array_agg(label) from missing) as missing`,
    [JSON.stringify(places)],
  );
  return { geometry: row.geometry, links: row.links ?? [], missing: row.missing ?? [] };
}
