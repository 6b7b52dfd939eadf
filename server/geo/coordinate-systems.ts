/**
 * The coordinate systems a planning office's files come in, and how each becomes WGS 84.
 *
 * Longitude/latitude: WGS 84 (GPS, OpenStreetMap), GCJ-02 (火星坐标: Amap, Tencent), BD-09
 * (Baidu) and CGCS2000 (EPSG:4490, the national system since 2008). CGCS2000 and WGS 84 differ by
 * a few centimetres to decimetres (the realisations and epochs differ), far below what this
 * dashboard can draw or the data can tell, so CGCS2000 is treated as WGS 84.
 *
 * Projected, in metres, with proj4 definitions equal to those of the EPSG registry (checked
 * against PROJ in test/unit/geo/coordinate-systems.test.ts): CGCS2000 Gauss–Krüger in 6-degree
 * zones (EPSG:4491–4501, zone number in the easting, and 4502–4512, central meridian only) and
 * 3-degree zones (EPSG:4513–4533 with the zone number, e.g. 4528 = zone 40, easting 40 500 000;
 * and 4534–4554 without, e.g. 4549 = 120°E, the one Shanghai's surveys use most); WGS 84 / UTM
 * north (EPSG:32601–32660); Web Mercator (EPSG:3857).
 */

export type LonLatSystem = 'wgs84' | 'gcj02' | 'bd09' | 'cgcs2000';
export type ProjectedSystem = `epsg:${number}`;
export type SourceCoordinateSystem = LonLatSystem | ProjectedSystem;

export interface CoordinateSystemDescription {
  id: SourceCoordinateSystem;
  name: string;
  nameZh: string;
  /** proj4 definition of a projected system; longitude/latitude systems have none. */
  proj4?: string;
  /** The parameters of a transverse Mercator system, by which a .prj file without a code is recognised. */
  transverseMercator?: TransverseMercator;
}

export interface TransverseMercator {
  datum: 'wgs84' | 'cgcs2000';
  centralMeridian: number;
  falseEasting: number;
  scale: number;
}

const lonLatSystems: Record<LonLatSystem, CoordinateSystemDescription> = {
  wgs84: { id: 'wgs84', name: 'WGS 84 longitude/latitude (EPSG:4326)', nameZh: 'WGS 84 经纬度' },
  gcj02: { id: 'gcj02', name: 'GCJ-02 longitude/latitude (Amap, Tencent)', nameZh: 'GCJ-02 经纬度（高德、腾讯，火星坐标）' },
  bd09: { id: 'bd09', name: 'BD-09 longitude/latitude (Baidu)', nameZh: 'BD-09 经纬度（百度）' },
  cgcs2000: { id: 'cgcs2000', name: 'CGCS2000 longitude/latitude (EPSG:4490), taken as WGS 84', nameZh: 'CGCS2000 经纬度（EPSG:4490，按 WGS 84 处理）' },
};

const cgcs2000Ellipsoid = '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';

function gaussKruger(code: number, centralMeridian: number, zone: number | undefined, widthDegrees: 3 | 6): CoordinateSystemDescription {
  const falseEasting = (zone ?? 0) * 1_000_000 + 500_000;
  const band = widthDegrees === 3 ? '3-degree ' : '';
  const bandZh = widthDegrees === 3 ? '3度带' : '6度带';
  return {
    id: `epsg:${code}`,
    transverseMercator: { datum: 'cgcs2000', centralMeridian, falseEasting, scale: 1 },
    name: `CGCS2000 / ${band}Gauss-Kruger ${zone === undefined ? `CM ${centralMeridian}E` : `zone ${zone}`} (EPSG:${code})`,
    nameZh: `CGCS2000 高斯-克吕格${bandZh}${zone === undefined ? `，中央经线 ${centralMeridian}°E` : ` ${zone} 带（中央经线 ${centralMeridian}°E，横坐标带带号）`}（EPSG:${code}）`,
    proj4: `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 ${cgcs2000Ellipsoid}`,
  };
}

function listProjectedSystems(): CoordinateSystemDescription[] {
  const systems: CoordinateSystemDescription[] = [];
  for (let zone = 13; zone <= 23; zone++) systems.push(gaussKruger(4491 + zone - 13, zone * 6 - 3, zone, 6));
  for (let zone = 13; zone <= 23; zone++) systems.push(gaussKruger(4502 + zone - 13, zone * 6 - 3, undefined, 6));
  for (let zone = 25; zone <= 45; zone++) systems.push(gaussKruger(4513 + zone - 25, zone * 3, zone, 3));
  for (let zone = 25; zone <= 45; zone++) systems.push(gaussKruger(4534 + zone - 25, zone * 3, undefined, 3));
  for (let zone = 1; zone <= 60; zone++) {
    systems.push({
      id: `epsg:${32600 + zone}`,
      transverseMercator: { datum: 'wgs84', centralMeridian: zone * 6 - 183, falseEasting: 500_000, scale: 0.9996 },
      name: `WGS 84 / UTM zone ${zone}N (EPSG:${32600 + zone})`,
      nameZh: `WGS 84 UTM ${zone}N 带（EPSG:${32600 + zone}）`,
      proj4: `+proj=utm +zone=${zone} +datum=WGS84 +units=m +no_defs`,
    });
  }
  systems.push({
    id: 'epsg:3857',
    name: 'Web Mercator (EPSG:3857)',
    nameZh: 'Web 墨卡托（EPSG:3857）',
    proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
  });
  return systems;
}

const projectedSystems = new Map(listProjectedSystems().map((system) => [system.id, system]));

/** Every projected system known here, e.g. for a list the user picks from. */
export function listCoordinateSystems(): CoordinateSystemDescription[] {
  return [...Object.values(lonLatSystems), ...projectedSystems.values()];
}

export function describeCoordinateSystem(id: SourceCoordinateSystem): CoordinateSystemDescription {
  const description = id in lonLatSystems ? lonLatSystems[id as LonLatSystem] : projectedSystems.get(id);
  if (!description) throw new Error(`${id} is not a coordinate system known here`);
  return description;
}

export function isProjected(id: SourceCoordinateSystem): id is ProjectedSystem {
  return id.startsWith('epsg:');
}

/**
 * A coordinate system as a person or a file names it: wgs84, gcj02, bd09, cgcs2000, or an EPSG
 * code ("EPSG:4549", "epsg:4549", "4549"). EPSG:4326 is wgs84 and EPSG:4490 cgcs2000. Undefined
 * when the name is not a system known here.
 */
export function readCoordinateSystem(name: string): SourceCoordinateSystem | undefined {
  const trimmed = name.trim().toLowerCase();
  if (trimmed in lonLatSystems) return trimmed as LonLatSystem;
  const code = /^(?:epsg:?)?(\d{4,5})$/.exec(trimmed)?.[1];
  if (code === undefined) return undefined;
  if (code === '4326') return 'wgs84';
  if (code === '4490') return 'cgcs2000';
  const id: ProjectedSystem = `epsg:${Number(code)}`;
  return projectedSystems.has(id) ? id : undefined;
}
