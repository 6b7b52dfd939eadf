import proj4 from 'proj4';
import { listCoordinateSystems, readCoordinateSystem, type SourceCoordinateSystem } from './coordinate-systems.ts';

export type Recognised = { crs: SourceCoordinateSystem } | { problem: string; problemZh: string };

interface ParsedDefinition {
  name?: string;
  srsCode?: string;
  projName?: string;
  datumCode?: string;
  a?: number;
  rf?: number;
  long0?: number;
  lat0?: number;
  x0?: number;
  y0?: number;
  k0?: number;
}

const reprojectAdvice = 'Reproject it to CGCS2000 (EPSG:4490 or a Gauss-Kruger zone such as EPSG:4549) or WGS 84 (EPSG:4326) first, or choose the coordinate system by hand';
const reprojectAdviceZh = '请先转换为 CGCS2000（EPSG:4490 或高斯-克吕格投影，如 EPSG:4549）或 WGS 84（EPSG:4326），或手动选择坐标系';

/**
 * The coordinate system a .prj file (WKT 1, ESRI or OGC flavour, or WKT 2) describes: by its EPSG
 * code when it carries one, else by its datum and projection parameters, so that the many names
 * of one system (CGCS2000_3_Degree_GK_CM_120E, "CGCS2000 / 3-degree Gauss-Kruger CM 120E")
 * all come out as EPSG:4549. Xian 1980 and Beijing 1954 are refused: reaching WGS 84 from them
 * needs the local seven-parameter transformation, which the file does not carry.
 */
export function recogniseWkt(wkt: string): Recognised {
  const text = wkt.trim();
  if (text === '') return { problem: 'The .prj file is empty', problemZh: '.prj 文件是空的' };
  // The last EPSG authority of WKT 1 and the last ID of WKT 2 belong to the whole system.
  const codes = [...text.matchAll(/(?:AUTHORITY|ID)\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  const byCode = codes.length > 0 ? readCoordinateSystem(codes.at(-1)![1]) : undefined;
  if (byCode) return { crs: byCode };

  let definition: ParsedDefinition;
  try {
    definition = proj4.Proj(text) as unknown as ParsedDefinition;
  } catch (error) {
    return { problem: `The .prj file cannot be read as a coordinate system (${(error as Error).message})`, problemZh: '.prj 文件无法识别为坐标系' };
  }
  return recogniseDefinition(definition, text);
}

/** The coordinate system of a GeoPackage layer, from its row of gpkg_spatial_ref_sys. */
export function recogniseGeopackageSystem(system: { srsId: number; organization: string; organizationCode: number; definition: string }): Recognised {
  if (system.srsId === -1 || system.srsId === 0) {
    return { problem: 'The GeoPackage layer has an undefined coordinate system (srs_id ' + system.srsId + ')', problemZh: 'GeoPackage 图层未定义坐标系' };
  }
  if (system.organization.toUpperCase() === 'EPSG') {
    const known = readCoordinateSystem(String(system.organizationCode));
    if (known) return { crs: known };
  }
  if (system.definition && system.definition.toLowerCase() !== 'undefined') return recogniseWkt(system.definition);
  return { problem: `The GeoPackage layer's coordinate system ${system.organization}:${system.organizationCode} is not known here. ${reprojectAdvice}`, problemZh: `GeoPackage 图层的坐标系 ${system.organization}:${system.organizationCode} 无法识别。${reprojectAdviceZh}` };
}

const degrees = (radians: number | undefined) => ((radians ?? 0) * 180) / Math.PI;
const near = (value: number | undefined, expected: number, tolerance = 1e-6) => value !== undefined && Math.abs(value - expected) <= tolerance * Math.max(1, Math.abs(expected));

function recogniseDefinition(definition: ParsedDefinition, text: string): Recognised {
  const name = definition.name ?? definition.srsCode ?? 'unnamed';
  const datum = findDatum(definition, text);
  if (datum === 'xian1980' || datum === 'beijing1954') {
    const label = datum === 'xian1980' ? 'Xian 1980 (西安80)' : 'Beijing 1954 (北京54)';
    return {
      problem: `The file is in ${name}, on the ${label} datum: converting it to WGS 84 needs the local seven-parameter transformation, which the file does not carry. Ask the surveyor for a CGCS2000 copy, or reproject it with the parameters first`,
      problemZh: `文件坐标系为 ${name}（${datum === 'xian1980' ? '西安80' : '北京54'}），转换到 WGS 84 需要当地七参数，文件中没有。请向测绘单位索取 CGCS2000 版本，或先用七参数转换`,
    };
  }
  const unknown = {
    problem: `The coordinate system "${name}" is not one the dashboard can convert. ${reprojectAdvice}`,
    problemZh: `坐标系“${name}”无法转换。${reprojectAdviceZh}`,
  };
  const projection = (definition.projName ?? '').toLowerCase();
  // Web Mercator's WKT often names no datum at all, only the sphere's radius.
  if ((projection === 'merc' || projection.includes('mercator_auxiliary_sphere') || projection.includes('pseudo')) && near(definition.a, 6378137)) return { crs: 'epsg:3857' };
  if (datum === undefined) return unknown;
  if (projection === 'longlat') return { crs: datum === 'cgcs2000' ? 'cgcs2000' : 'wgs84' };
  if (['transverse_mercator', 'gauss_kruger', 'tmerc', 'utm'].includes(projection) && near(definition.lat0 ?? 0, 0) && near(definition.y0 ?? 0, 0)) {
    const centralMeridian = degrees(definition.long0);
    const match = listCoordinateSystems().find(({ transverseMercator: parameters }) =>
      parameters !== undefined && parameters.datum === datum && near(parameters.centralMeridian, centralMeridian, 1e-9)
        && near(parameters.falseEasting, definition.x0 ?? 0) && near(parameters.scale, definition.k0 ?? 1));
    return match ? { crs: match.id } : unknown;
  }
  return unknown;
}

type Datum = 'wgs84' | 'cgcs2000' | 'xian1980' | 'beijing1954';

function findDatum(definition: ParsedDefinition, text: string): Datum | undefined {
  const code = (definition.datumCode ?? '').toLowerCase();
  if (code === 'wgs84' || (/WGS[_ ]?(19)?84/i.test(text) && near(definition.rf, 298.257223563))) return 'wgs84';
  if (code === 'china_2000' || /CGCS ?2000|China[_ ]2000|China Geodetic Coordinate System 2000/i.test(text)) return 'cgcs2000';
  if (code.includes('xian') || /xian[_ ]?1980/i.test(text) || hasSemiMajorAxis(definition, 6378140)) return 'xian1980';
  if (code.includes('beijing') || /beijing[_ ]?1954/i.test(text) || hasSemiMajorAxis(definition, 6378245)) return 'beijing1954';
  return undefined;
}

/** Krassowsky (Beijing 1954) and IAG 1975 (Xian 1980) differ from WGS 84's 6378137 m by metres: compare to the metre. */
function hasSemiMajorAxis(definition: ParsedDefinition, metres: number): boolean {
  return definition.a !== undefined && Math.abs(definition.a - metres) < 0.5;
}
