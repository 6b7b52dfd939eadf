import gcoord from 'gcoord';
import type { GeoJSON } from 'geojson';
import type { CoordinateSystem } from '../contract/import.ts';

// GCJ-02 (火星坐标: Amap, Tencent, most Chinese web maps) and BD-09 (Baidu) are offset from WGS 84
// by a few hundred metres in Shanghai; gcoord implements the published formulas.

const gcoordSystem = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/**
 * Returns a copy of `geojson` with every position converted from `from` to WGS 84 by gcoord
 * (outside China GCJ-02 equals WGS 84, and gcoord leaves such positions as they are). The input
 * is not changed. Heights, where present, are kept.
 */
export function convertToWgs84<Value extends GeoJSON>(geojson: Value, from: CoordinateSystem): Value {
  const copy = structuredClone(geojson);
  if (from === 'wgs84') return copy;
  return gcoord.transform(copy as never, gcoordSystem[from], gcoord.WGS84) as unknown as Value;
}

/** Converts one [longitude, latitude] position to WGS 84. */
export function convertPositionToWgs84(position: [number, number], from: CoordinateSystem): [number, number] {
  if (from === 'wgs84') return [position[0], position[1]];
  const [longitude, latitude] = gcoord.transform([position[0], position[1]], gcoordSystem[from], gcoord.WGS84);
  return [longitude, latitude];
}
