import type { Queryable } from '../db/database.ts';
import type { MultiPolygon, Polygon } from 'geojson';

/**
 * Named SQL that reads what the walking analyses need out of the collections: the network's
 * edges, the facilities, the estates with their gates and residents, and the revision counters
 * that say when any of them changed.
 */

export const analysisCollections = ['walking_network', 'facilities', 'neighbourhoods'] as const;

export async function readAnalysisRevision(database: Queryable): Promise<string> {
  const rows = await database.query<{ name: string; revision: number }>(
    `select id as name, revision from collection where id = any($1::text[])
     union all select name, revision from analysis_revision order by name`,
    [analysisCollections],
  );
  return rows.map((row) => `${row.name}:${row.revision}`).join(',');
}

/**
 * Every collection's revision counter and the standards' in one text: an answer computed from the
 * stored data stays right while this is unchanged. A project's write rewrites its copy in the
 * projects collection, so it changes the text too. Wider than any one answer needs (an import
 * into an unrelated layer changes it), which costs a recomputation, never a stale answer.
 */
export async function readDataFingerprint(database: Queryable): Promise<string> {
  const [row] = await database.query<{ fingerprint: string }>(
    `select (select coalesce(string_agg(id || ':' || revision, ',' order by id), '') from collection)
            || '|' || (select coalesce(string_agg(name || ':' || revision, ',' order by name), '') from analysis_revision) as fingerprint`,
  );
  return row.fingerprint;
}

export interface NetworkEdgeRow {
  id: string;
  coordinates: number[][];
}

/** Every line of the walking network; a MultiLineString gives one edge per part. */
export async function readWalkingNetworkEdges(database: Queryable): Promise<NetworkEdgeRow[]> {
  return database.query<NetworkEdgeRow>(
    `select f.feature_key || case when count(*) over (partition by f.id) > 1 then '#' || part.path[1] else '' end as id,
            (ST_AsGeoJSON(part.geom, 8)::json)->'coordinates' as coordinates
       from feature f, lateral ST_Dump(f.geometry) part
      where f.collection_id = 'walking_network' and GeometryType(part.geom) = 'LINESTRING'
      order by f.feature_key, part.path[1]`,
  );
}

export interface FacilityRow {
  id: string;
  name: string;
  facilityType: string;
  longitude: number;
  latitude: number;
  openingYear: number | null;
  /** A marked stand-in where the type has no known site (`placeholder: true` in the data). */
  placeholder: boolean;
}

/** Facilities as points: a facility drawn as an area counts from its point on the surface. */
export async function readFacilities(database: Queryable): Promise<FacilityRow[]> {
  return database.query<FacilityRow>(
    `select f.feature_key as id, coalesce(f.properties->>'name', f.feature_key) as name,
            f.properties->>'facility_type' as "facilityType",
            ST_X(point) as longitude, ST_Y(point) as latitude,
            case when f.properties->>'opening_year' ~ '^\\d{4}$' then (f.properties->>'opening_year')::int end as "openingYear",
            coalesce(f.properties->>'placeholder', 'false') = 'true' as placeholder
       from feature f, lateral (select ST_PointOnSurface(f.geometry) as point) surface
      where f.collection_id = 'facilities' and f.properties ? 'facility_type'
      order by f.feature_key`,
  );
}

export interface EstateRow {
  id: string;
  name: string;
  residentsCommittee: string | null;
  residents: number;
  residentsAged60Plus: number;
  households: number;
  centre: [number, number];
  /** Gate positions; the estate's point on surface when it has none. */
  gates: number[][];
}

/**
 * Estates with their residents and gates. Figures that are not plain numbers (an imported
 * "约3000") count as 0 and gates that are not [longitude, latitude] pairs are dropped, so that one
 * malformed estate cannot stop the analysis of all the others; the estate then starts from its
 * point on surface.
 */
export async function readEstates(database: Queryable): Promise<EstateRow[]> {
  const rows = await database.query<EstateRow>(
    `select f.feature_key as id, coalesce(f.properties->>'name', f.feature_key) as name,
            f.properties->>'residents_committee' as "residentsCommittee",
            ${plainNumber('residents')} as residents,
            ${plainNumber('residents_aged_60_plus')} as "residentsAged60Plus",
            ${plainNumber('households')} as households,
            json_build_array(ST_X(surface.point), ST_Y(surface.point)) as centre,
            case when jsonb_typeof(f.properties->'gates') = 'array' then (f.properties->'gates')::json else '[]'::json end as gates
       from feature f, lateral (select ST_PointOnSurface(f.geometry) as point) surface
      where f.collection_id = 'neighbourhoods'
      order by f.feature_key`,
  );
  return rows.map((row) => {
    const gates = (Array.isArray(row.gates) ? row.gates : []).filter((gate): gate is number[] =>
      Array.isArray(gate) && gate.length >= 2 && gate.slice(0, 2).every((value) => typeof value === 'number' && Number.isFinite(value))
      && Math.abs(gate[0]) <= 180 && Math.abs(gate[1]) <= 90);
    return { ...row, gates: gates.length > 0 ? gates : [row.centre] };
  });
}

/** A numeric property, or 0 where it is missing or not a plain non-negative number. */
function plainNumber(property: string): string {
  return `case when f.properties->>'${property}' ~ '^[0-9]+(\\.[0-9]+)?$' then (f.properties->>'${property}')::float8 else 0 end`;
}

/** The subdistrict's outline (the boundary feature of kind 'subdistrict'), or null when the boundary is not loaded. */
export async function readSubdistrictArea(database: Queryable): Promise<Polygon | MultiPolygon | null> {
  const [row] = await database.query<{ geometry: Polygon | MultiPolygon | null }>(
    `select ST_AsGeoJSON(ST_Multi(ST_Union(geometry)), 8)::json as geometry from feature
      where collection_id = 'boundary' and properties->>'kind' = 'subdistrict'
        and GeometryType(geometry) in ('POLYGON', 'MULTIPOLYGON')`,
  );
  return row?.geometry ?? null;
}

/** Each estate drawn as an area, with its residents (0 where not a plain number, as in readEstates): for spreading them over a grid. */
export async function readEstateAreas(database: Queryable): Promise<{ id: string; residents: number; geometry: Polygon | MultiPolygon }[]> {
  return database.query(
    `select f.feature_key as id, ${plainNumber('residents')} as residents, ST_AsGeoJSON(f.geometry, 8)::json as geometry
       from feature f
      where f.collection_id = 'neighbourhoods' and GeometryType(f.geometry) in ('POLYGON', 'MULTIPOLYGON')
      order by f.feature_key`,
  );
}
