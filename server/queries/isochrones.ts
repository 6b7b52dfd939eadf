import type { Geometry } from 'geojson';
import type { Queryable } from '../db/database.ts';

/**
 * Widens reached street lines into one area, in metres (UTM zone 51N, EPSG:32651, which covers
 * Shanghai), and returns it as WGS 84 GeoJSON; an empty polygon when nothing was reached.
 */
export async function bufferLinesToArea(database: Queryable, lines: number[][][], widthMetres: number): Promise<Geometry> {
  if (lines.length === 0) return { type: 'MultiPolygon', coordinates: [] };
  const [row] = await database.query<{ area: Geometry }>(
    `select ST_AsGeoJSON(ST_Transform(ST_Buffer(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), 32651), $2, 'quad_segs=4'), 4326), 7)::json as area`,
    [JSON.stringify({ type: 'MultiLineString', coordinates: lines }), widthMetres],
  );
  return row.area;
}
