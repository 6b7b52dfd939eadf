import type { Position } from 'geojson';
import proj4 from 'proj4';

// Metric work on WGS 84 positions goes through UTM zone 51N (EPSG:32651), as everywhere in the
// dashboard: on the ellipsoid, with a scale error under 0.02 % in Shanghai (1.5° from its central
// meridian), where a sphere would make north–south lengths 0.3 % long.
const toUtm51 = proj4('WGS84', '+proj=utm +zone=51 +datum=WGS84 +units=m +no_defs');

/** Easting and northing in metres (UTM 51N) of a WGS 84 longitude/latitude. */
export function projectToMetres(position: Position): [number, number] {
  const [easting, northing] = toUtm51.forward([position[0], position[1]]);
  return [easting, northing];
}

/** WGS 84 longitude/latitude of an easting and northing in metres (UTM 51N). */
export function unprojectFromMetres(position: [number, number]): [number, number] {
  const [longitude, latitude] = toUtm51.inverse(position);
  return [longitude, latitude];
}

/** Metres between two WGS 84 positions a few kilometres apart. */
export function metresBetween(a: Position, b: Position): number {
  const [x1, y1] = projectToMetres(a);
  const [x2, y2] = projectToMetres(b);
  return Math.hypot(x2 - x1, y2 - y1);
}
