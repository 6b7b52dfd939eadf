import type { Position } from 'geojson';
import { describeCoordinateSystem, isProjected, listCoordinateSystems, type SourceCoordinateSystem } from '../geo/coordinate-systems.ts';
import { convertPositionToWgs84 } from '../geo/convert-coordinates.ts';
import { metresBetween, projectToMetres, unprojectFromMetres } from '../geo/measure-metres.ts';

/** The ground the dashboard covers: a WGS 84 box around the subdistrict, with a margin. */
export interface CoveredArea {
  name: string;
  west: number;
  south: number;
  east: number;
  north: number;
}

export type LocationCause =
  | 'swapped' | 'looks-like-gcj02' | 'looks-like-bd09' | 'looks-like-wgs84'
  | 'projected-without-prj' | 'other-projection' | 'degrees-not-metres' | 'unknown-metres' | 'another-place';

export interface LocationCheck {
  /** inside: most rows fall in the covered area (and match their addresses, where known). */
  verdict: 'inside' | 'refused';
  cause?: LocationCause;
  message?: string;
  messageZh?: string;
  /** How to read the file so that it fits, when one way was found. */
  suggestion?: { crs: SourceCoordinateSystem; swapAxes: boolean };
  /** Indexes of rows outside the area in a file that is otherwise inside: bad rows, not a bad file. */
  rowsOutside: number[];
  /** Median metres between rows and the known positions of their addresses, when there were any. */
  referenceOffsetMetres?: number;
}

export interface LocationReference {
  /** The row's index in `positions`. */
  index: number;
  /** Where the row's address is known to be (WGS 84). */
  expected: Position;
}

interface Reading {
  crs: SourceCoordinateSystem;
  swapAxes: boolean;
}

// A file is the wrong way round when most of it is outside; a reading fits when nearly all is inside.
const insideToAccept = 0.5;
const insideToSuggest = 0.9;
// Beyond this median offset from known addresses a file is suspect; a reading that explains it must
// come within the second figure (geocodes of one address differ by some tens of metres).
const suspectOffsetMetres = 150;
const explainedOffsetMetres = 100;
const sampleSize = 200;

/** The box around a boundary ring with `marginMetres` on every side. */
export function coveredAreaAround(ring: Position[], name: string, marginMetres: number): CoveredArea {
  const metres = ring.map(projectToMetres);
  const [west, south] = unprojectFromMetres([Math.min(...metres.map((point) => point[0])) - marginMetres, Math.min(...metres.map((point) => point[1])) - marginMetres]);
  const [east, north] = unprojectFromMetres([Math.max(...metres.map((point) => point[0])) + marginMetres, Math.max(...metres.map((point) => point[1])) + marginMetres]);
  return { name, west, south, east, north };
}

/**
 * Checks that a file's rows land where the dashboard works, read in `crs`, and when they do not,
 * finds the likely cause by trying the usual mistakes: longitude and latitude swapped, GCJ-02 or
 * BD-09 taken for WGS 84, Gauss–Krüger or UTM metres without a .prj (every zone known here, in
 * both axis orders), degrees taken for metres, or simply another city. Rows whose address the
 * locator found exactly (`references`) also catch an offset too small to leave the area: GCJ-02's
 * ~500 m. `positions` holds one position per row in the file's own coordinates (undefined for a
 * row without one).
 */
export function checkFileLocation(positions: (Position | undefined)[], crs: SourceCoordinateSystem, area: CoveredArea, references: LocationReference[] = []): LocationCheck {
  const indexes = positions.flatMap((position, index) => (position ? [index] : []));
  if (indexes.length === 0) return { verdict: 'inside', rowsOutside: [] };
  const sample = indexes.filter((_, order) => order % Math.ceil(indexes.length / sampleSize) === 0);
  const read = (reading: Reading, index: number) => readPosition(positions[index]!, reading);
  const shareInside = (reading: Reading) => sample.filter((index) => isInside(read(reading, index), area)).length / sample.length;

  const declared: Reading = { crs, swapAxes: false };
  if (shareInside(declared) >= insideToAccept) {
    const rowsOutside = indexes.filter((index) => !isInside(read(declared, index), area));
    if (references.length < 3) return { verdict: 'inside', rowsOutside };
    const offset = (reading: Reading) => median(references.map((reference) => {
      const position = read(reading, reference.index);
      return position ? metresBetween(position, reference.expected) : Infinity;
    }));
    const referenceOffsetMetres = offset(declared);
    if (referenceOffsetMetres <= suspectOffsetMetres || isProjected(crs)) return { verdict: 'inside', rowsOutside, referenceOffsetMetres };
    for (const alternative of (['gcj02', 'bd09', 'wgs84'] as const).filter((system) => system !== crs && !(system === 'wgs84' && crs === 'cgcs2000'))) {
      const alternativeOffset = offset({ crs: alternative, swapAxes: false });
      if (alternativeOffset < explainedOffsetMetres && alternativeOffset < referenceOffsetMetres / 3) {
        return refuse(`looks-like-${alternative}`, { crs: alternative, swapAxes: false }, crs, area, { offset: referenceOffsetMetres, alternativeOffset }, rowsOutside);
      }
    }
    return { verdict: 'inside', rowsOutside, referenceOffsetMetres };
  }

  const values = sample.map((index) => positions[index]!);
  const looksLikeDegrees = values.every((position) => Math.abs(position[0]) <= 180 && Math.abs(position[1]) <= 180);
  const candidates: [LocationCause, Reading][] = [[isProjected(crs) && looksLikeDegrees ? 'degrees-not-metres' : 'swapped', { crs, swapAxes: true }]];
  if (looksLikeDegrees) {
    const lonLat = isProjected(crs) ? 'degrees-not-metres' : undefined;
    for (const system of ['wgs84', 'gcj02', 'bd09'] as const) {
      if (system === crs) continue;
      for (const swapAxes of [false, true]) candidates.push([lonLat ?? (swapAxes ? 'swapped' : `looks-like-${system}`), { crs: system, swapAxes }]);
    }
  } else {
    for (const system of listCoordinateSystems().filter((candidate) => candidate.proj4 && candidate.id !== crs)) {
      for (const swapAxes of [false, true]) candidates.push([isProjected(crs) ? 'other-projection' : 'projected-without-prj', { crs: system.id, swapAxes }]);
    }
  }
  for (const [cause, reading] of candidates) {
    if (shareInside(reading) >= insideToSuggest) return refuse(cause, reading, crs, area, {}, []);
  }
  if (!looksLikeDegrees) return refuse('unknown-metres', undefined, crs, area, {}, []);
  const landed = sample.map((index) => read(declared, index)).filter((position): position is Position => position !== undefined);
  return refuse('another-place', undefined, crs, area, { landed: landed.length > 0 ? medianPosition(landed) : undefined }, []);
}

function readPosition(position: Position, { crs, swapAxes }: Reading): Position | undefined {
  const [first, second] = swapAxes ? [position[1], position[0]] : [position[0], position[1]];
  if (!Number.isFinite(first) || !Number.isFinite(second)) return undefined;
  if (!isProjected(crs) && (Math.abs(first) > 180 || Math.abs(second) > 90)) return undefined;
  try {
    const converted = convertPositionToWgs84([first, second], crs);
    return converted.every(Number.isFinite) ? converted : undefined;
  } catch {
    return undefined;
  }
}

function isInside(position: Position | undefined, area: CoveredArea): boolean {
  return position !== undefined && position[0] >= area.west && position[0] <= area.east && position[1] >= area.south && position[1] <= area.north;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const medianPosition = (positions: Position[]): Position => [median(positions.map((position) => position[0])), median(positions.map((position) => position[1]))];

function refuse(cause: LocationCause, reading: Reading | undefined, crs: SourceCoordinateSystem, area: CoveredArea, figures: { offset?: number; alternativeOffset?: number; landed?: Position }, rowsOutside: number[]): LocationCheck {
  const declared = describeCoordinateSystem(crs);
  const suggested = reading ? describeCoordinateSystem(reading.crs) : undefined;
  const metres = (value = 0) => Math.round(value).toLocaleString('en');
  const [message, messageZh] = ((): [string, string] => {
    switch (cause) {
      case 'swapped':
        return [`The coordinates look like latitude and longitude swapped: read as ${declared.name} they land outside ${area.name}; swapped, they fall inside. Swap the two columns (经度 is longitude, about 121.5; 纬度 latitude, about 31.2)`,
          `坐标疑似经纬度颠倒：按${declared.nameZh}解读落在${area.name}范围外，交换后落在范围内。请交换两列（经度约 121.5，纬度约 31.2）`];
      case 'looks-like-gcj02':
      case 'looks-like-bd09':
      case 'looks-like-wgs84':
        if (figures.offset === undefined) {
          return [`The coordinates look like ${suggested!.name}, not ${declared.name}: read that way they fall inside ${area.name}. Choose ${suggested!.name} as the coordinate system`,
            `坐标疑似${suggested!.nameZh}，而非${declared.nameZh}：按此解读落在${area.name}范围内。请选择该坐标系`];
        }
        return [`The coordinates look like ${suggested!.name}, not ${declared.name}: they lie about ${metres(figures.offset)} m from the known positions of their addresses, and read as ${suggested!.name} within ${metres(figures.alternativeOffset)} m. Choose ${suggested!.name} as the coordinate system`,
          `坐标疑似${suggested!.nameZh}，而非${declared.nameZh}：与地址的已知位置相差约 ${metres(figures.offset)} 米，按${suggested!.nameZh}解读则只差 ${metres(figures.alternativeOffset)} 米。请选择该坐标系`];
      case 'projected-without-prj':
      case 'other-projection':
        return [`The coordinates look like projected metres ${cause === 'other-projection' ? `in another system than ${declared.name}` : 'without a .prj'}: read as ${suggested!.name}${reading!.swapAxes ? ' with the axes swapped (X northing, Y easting, as surveyors write them)' : ''} they fall inside ${area.name}. Choose that coordinate system${cause === 'projected-without-prj' ? ', or add the .prj file' : ''}`,
          `坐标疑似投影坐标（米）${cause === 'other-projection' ? `，但不是${declared.nameZh}` : '，缺少 .prj'}：按${suggested!.nameZh}${reading!.swapAxes ? '（X 为北坐标、Y 为东坐标）' : ''}解读落在${area.name}范围内。请选择该坐标系${cause === 'projected-without-prj' ? '或补上 .prj 文件' : ''}`];
      case 'degrees-not-metres':
        return [`The coordinates look like longitude/latitude in degrees, not ${declared.name} metres: read as ${suggested!.name}${reading!.swapAxes ? ' with longitude and latitude swapped' : ''} they fall inside ${area.name}`,
          `坐标疑似经纬度（度），而非${declared.nameZh}（米）：按${suggested!.nameZh}${reading!.swapAxes ? '并交换经纬度' : ''}解读落在${area.name}范围内`];
      case 'unknown-metres':
        return [`The coordinates are metres in a coordinate system not known here (no CGCS2000 Gauss–Krüger zone or UTM zone puts them in ${area.name}); a local system such as Shanghai's city survey grid cannot be converted without its parameters. Ask for a CGCS2000 or WGS 84 copy`,
          `坐标为未知坐标系下的米制坐标（任何 CGCS2000 高斯-克吕格投影带或 UTM 带都无法使其落在${area.name}范围内）；上海城建坐标等地方坐标系没有参数无法转换。请索取 CGCS2000 或 WGS 84 版本`];
      case 'another-place': {
        const where = figures.landed ? describeWhere(figures.landed, area) : undefined;
        return [`The coordinates land outside ${area.name}${where ? `, ${where.english}` : ''}: another city, or the wrong file or coordinate system?`,
          `坐标落在${area.name}范围外${where ? `，${where.chinese}` : ''}：是其他城市的数据，还是选错了文件或坐标系？`];
      }
    }
  })();
  return { verdict: 'refused', cause, message, messageZh, suggestion: reading, rowsOutside };
}

const compass = [['north', '北'], ['north-east', '东北'], ['east', '东'], ['south-east', '东南'], ['south', '南'], ['south-west', '西南'], ['west', '西'], ['north-west', '西北']] as const;

/** "about 1,070 km north-west (near 116.40°E 39.90°N)", on a local flat approximation: direction and rough distance only. */
function describeWhere(position: Position, area: CoveredArea): { english: string; chinese: string } {
  const centre = [(area.west + area.east) / 2, (area.south + area.north) / 2];
  const latitude = ((position[1] + centre[1]) / 2) * (Math.PI / 180);
  const east = (position[0] - centre[0]) * Math.cos(latitude) * 111.3;
  const north = (position[1] - centre[1]) * 111.1;
  const kilometres = Math.round(Math.hypot(east, north)).toLocaleString('en');
  const [english, chinese] = compass[Math.round(((Math.atan2(east, north) * 180) / Math.PI + 360) / 45) % 8];
  const near = `${position[0].toFixed(2)}°E ${position[1].toFixed(2)}°N`;
  return { english: `about ${kilometres} km ${english} of it (near ${near})`, chinese: `在其${chinese}方向约 ${kilometres} 公里处（约 ${near}）` };
}
