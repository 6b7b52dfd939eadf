import gcoord, { type GeoJSON as GcoordGeoJSON } from 'gcoord';
import type { GeoJSON, Position } from 'geojson';
import proj4 from 'proj4';
import { describeCoordinateSystem, isProjected, type SourceCoordinateSystem } from './coordinate-systems.ts';

// GCJ-02 (火星坐标: Amap, Tencent, most Chinese web maps) and BD-09 (Baidu) are offset from WGS 84
// by a few hundred metres in Shanghai; gcoord implements the published formulas. Projected
// systems (CGCS2000 Gauss–Krüger zones, UTM) go through proj4. CGCS2000 longitude/latitude is
// taken as WGS 84 (see coordinate-systems.ts).

const gcoordSystem = { gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/**
 * Returns a copy of `geojson` with every position converted from `from` to WGS 84 (outside China
 * GCJ-02 equals WGS 84, and gcoord leaves such positions as they are). The input is not changed.
 * Heights, where present, are kept.
 */
export function convertToWgs84<Value extends GeoJSON>(geojson: Value, from: SourceCoordinateSystem): Value {
  const copy = structuredClone(geojson);
  if (from === 'wgs84' || from === 'cgcs2000') return copy;
  if (from === 'gcj02' || from === 'bd09') return gcoord.transform(copy as GcoordGeoJSON, gcoordSystem[from], gcoord.WGS84) as unknown as Value;
  const convert = projectedToWgs84(from);
  return mapPositions(copy, (position) => [...convert([position[0], position[1]]), ...position.slice(2)]);
}

/** Converts one position (longitude/latitude, or easting/northing of a projected system) to WGS 84. */
export function convertPositionToWgs84(position: [number, number], from: SourceCoordinateSystem): [number, number] {
  if (from === 'wgs84' || from === 'cgcs2000') return [position[0], position[1]];
  if (from === 'gcj02' || from === 'bd09') {
    const [longitude, latitude] = gcoord.transform([position[0], position[1]], gcoordSystem[from], gcoord.WGS84);
    return [longitude, latitude];
  }
  return projectedToWgs84(from)(position);
}

const converters = new Map<string, (position: [number, number]) => [number, number]>();

function projectedToWgs84(from: SourceCoordinateSystem): (position: [number, number]) => [number, number] {
  if (!isProjected(from)) throw new Error(`${from} is not a projected coordinate system`);
  let convert = converters.get(from);
  if (!convert) {
    const converter = proj4(describeCoordinateSystem(from).proj4!, 'WGS84');
    convert = (position) => {
      const [longitude, latitude] = converter.forward([position[0], position[1]]);
      return [longitude, latitude];
    };
    converters.set(from, convert);
  }
  return convert;
}

/** Applies `change` to every position of a GeoJSON object, in place, and returns it. */
function mapPositions<Value extends GeoJSON>(geojson: Value, change: (position: Position) => Position): Value {
  const mapCoordinates = (value: unknown): unknown =>
    Array.isArray(value) && typeof value[0] === 'number' ? change(value as Position) : Array.isArray(value) ? value.map(mapCoordinates) : value;
  const visit = (object: Record<string, unknown> | null | undefined): void => {
    if (!object) return;
    if (object.type === 'FeatureCollection') (object.features as Record<string, unknown>[]).forEach(visit);
    else if (object.type === 'Feature') visit(object.geometry as Record<string, unknown> | null);
    else if (object.type === 'GeometryCollection') (object.geometries as Record<string, unknown>[]).forEach(visit);
    else if ('coordinates' in object) object.coordinates = mapCoordinates(object.coordinates);
  };
  visit(geojson as unknown as Record<string, unknown>);
  return geojson;
}
