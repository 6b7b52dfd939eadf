import type { Geometry } from '../contract/geojson.ts';
import type { Queryable } from '../db/database.ts';

/**
 * Widens reached street lines into one area, in metres (UTM zone 51N, EPSG:32651, which covers
 * Shanghai), and returns it as WGS 84 GeoJSON; an empty polygon when nothing was reached. Each
 * line is widened on its own and the areas merged: the embedded PostGIS (PGlite) answers no row
 * at all for the buffer of some multi-lines as a whole (the 10-minute walk from the health
 * centre on the network carried past the boundary), while line by line it never fails.
 */
export async function bufferLinesToArea(database: Queryable, lines: number[][][], widthMetres: number): Promise<Geometry> {
  if (lines.length === 0) return { type: 'MultiPolygon', coordinates: [] };
  const [row] = await database.query<{ area: Geometry }>(
    `select ST_AsGeoJSON(ST_Transform(ST_Union(ST_Buffer(part.geom, $2, 'quad_segs=4')), 4326), 7)::json as area
       from ST_Dump(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), 32651)) part`,
    [JSON.stringify({ type: 'MultiLineString', coordinates: lines }), widthMetres],
  );
  return row.area;
}
