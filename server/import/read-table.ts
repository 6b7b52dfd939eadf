import type { Feature } from 'geojson';
import type { CoordinateSystem } from '../contract/import.ts';
import { RequestError } from '../errors.ts';
import type { SourceCoordinateSystem } from '../geo/coordinate-systems.ts';
import { quoteId, type ParsedFile, type ParsedRow } from './parsed-file.ts';

/**
 * The rows of a table (a CSV file, a spreadsheet) as parsed rows: longitude and latitude columns
 * found by their header (lon/lng/longitude/x/经度 and lat/latitude/y/纬度, any case, optionally
 * tagged with a coordinate system: gcj02_lng, lat_wgs84, 经度(bd09)) make each row a point; an
 * `id` (or 编号) column gives stable ids; every other column becomes a property.
 */

export type TableCell = string | number | boolean | null;

export interface TableRecord {
  cells: TableCell[];
  /** The row's line (CSV) or row number (spreadsheet), as the person's editor shows it. */
  line: number;
  /** What is wrong with the record as a whole (too many fields); its cells are not read. */
  problem?: string;
}

export interface TableOptions {
  /** "The CSV file", "The sheet “设施”": the subject of messages, in English and Chinese. */
  what: string;
  whatZh: string;
  /** How a row's place is said: "line 12" in a text file, "row 12" in a spreadsheet. */
  rowWord: 'line' | 'row';
  crs?: SourceCoordinateSystem;
  /**
   * required: a table without coordinate columns is refused (rows must be points).
   * optional: such a table, and a row whose coordinates are both empty, gives rows without a
   * geometry, which a later step places by their address.
   */
  coordinates: 'required' | 'optional';
}

const longitudeNames = new Set(['lon', 'lng', 'long', 'longitude', 'x', '经度']);
const latitudeNames = new Set(['lat', 'latitude', 'y', '纬度']);
// A column that gives each row its stable id (and is not kept as a property).
const idNames = new Set(['id', '编号']);
const crsTags: Record<string, CoordinateSystem> = {
  wgs84: 'wgs84', wgs: 'wgs84', gcj02: 'gcj02', gcj: 'gcj02', bd09: 'bd09', bd: 'bd09', baidu: 'bd09',
};

interface CoordinateColumn {
  index: number;
  name: string;
  /** The coordinate system the column name states (gcj02_lng), or undefined (lng). */
  crs?: CoordinateSystem;
}

/** Rows of a table whose first record is its header; `columns` is the header in table order. */
export function readTable(headerCells: TableCell[], records: TableRecord[], options: TableOptions): ParsedFile {
  const header = headerCells.map((name, index) => String(name ?? '').trim() || `column_${index + 1}`);
  const duplicate = header.find((name, index) => header.indexOf(name) !== index);
  if (duplicate) throw new RequestError(400, 'UnreadableFile', `${options.what}'s header names the column "${duplicate}" twice`, `${options.whatZh}表头中“${duplicate}”列出现两次`);
  const coordinates = chooseCoordinateColumns(header, options);
  const idIndex = header.findIndex((name) => idNames.has(name.toLowerCase()));

  const rows = records.map(({ cells, line, problem }): ParsedRow => {
    const row: ParsedRow = { location: `${options.rowWord} ${line}`, line, problems: [] };
    if (problem) {
      row.problems.push(problem);
      return row;
    }
    const cell = (index: number) => cells[index] ?? null;
    const properties: Record<string, unknown> = {};
    header.forEach((name, index) => {
      if (index !== coordinates?.longitude.index && index !== coordinates?.latitude.index && index !== idIndex) properties[name] = readValue(cell(index));
    });
    const id = idIndex === -1 ? '' : String(cell(idIndex) ?? '').trim();
    if (id !== '') {
      row.fileId = id;
      row.location = `${options.rowWord} ${line} (id ${quoteId(id)})`;
    }
    if (!coordinates) {
      row.feature = { type: 'Feature', properties, geometry: null } satisfies Feature<null>;
      return row;
    }
    const { longitude, latitude } = coordinates;
    if (options.coordinates === 'optional' && isEmpty(cell(longitude.index)) && isEmpty(cell(latitude.index))) {
      row.feature = { type: 'Feature', properties, geometry: null } satisfies Feature<null>;
      return row;
    }
    const lon = readCoordinate(cell(longitude.index), longitude.name, row.problems);
    const lat = readCoordinate(cell(latitude.index), latitude.name, row.problems);
    if (lon !== undefined && lat !== undefined) {
      row.feature = { type: 'Feature', properties, geometry: { type: 'Point', coordinates: [lon, lat] } } satisfies Feature;
    }
    return row;
  });
  const warnings = coordinates && (coordinates.longitude.crs || coordinates.latitude.crs)
    ? [`coordinates read from the columns ${coordinates.longitude.name} and ${coordinates.latitude.name}`]
    : [];
  return { rows, declaredCrs: coordinates?.longitude.crs, warnings, columns: header };
}

const isEmpty = (cell: TableCell) => cell === null || (typeof cell === 'string' && cell.trim() === '');

function chooseCoordinateColumns(header: string[], options: TableOptions): { longitude: CoordinateColumn; latitude: CoordinateColumn } | undefined {
  const { what, whatZh, crs: requestedCrs } = options;
  const longitudes = findCoordinateColumns(header, longitudeNames);
  const latitudes = findCoordinateColumns(header, latitudeNames);
  if (options.coordinates === 'optional' && longitudes.length === 0 && latitudes.length === 0) return undefined;
  if (longitudes.length === 0 || latitudes.length === 0) {
    throw new RequestError(400, 'NoCoordinateColumns',
      `${what} needs a longitude column (lon, lng, longitude, x or 经度) and a latitude column (lat, latitude, y or 纬度); its columns are: ${header.join(', ')}`,
      `${whatZh}需要经度列（lon、lng、longitude、x 或 经度）和纬度列（lat、latitude、y 或 纬度）`);
  }
  // Pair the columns by the coordinate system their names state; untagged columns pair together.
  const tags = [...new Set(longitudes.map((column) => column.crs))].filter((tag) => latitudes.some((column) => column.crs === tag));
  const pick = (tag: CoordinateSystem | undefined) => {
    const longitude = longitudes.filter((column) => column.crs === tag);
    const latitude = latitudes.filter((column) => column.crs === tag);
    if (longitude.length > 1 || latitude.length > 1) {
      const names = [...longitude, ...latitude].map((column) => column.name).join(', ');
      throw new RequestError(400, 'AmbiguousCoordinateColumns', `${what} has more than one candidate coordinate column: ${names}; keep one longitude and one latitude column`,
        `${whatZh}中有多个可能的坐标列：${names}`);
    }
    return { longitude: longitude[0], latitude: latitude[0] };
  };
  if (tags.length === 0) {
    throw new RequestError(400, 'NoCoordinateColumns',
      `${what}'s coordinate columns do not pair up: longitude ${longitudes.map((column) => column.name).join(', ')}, latitude ${latitudes.map((column) => column.name).join(', ')}`,
      `${whatZh}的经纬度列无法配对`);
  }
  if (requestedCrs) {
    const requestedTag = tags.find((tag) => tag === requestedCrs);
    if (requestedTag) return pick(requestedTag);
    if (tags.includes(undefined)) return pick(undefined);
    throw new RequestError(400, 'CrsMismatch',
      `The coordinate columns say ${tags.join(' / ')} but the import asks for ${requestedCrs}; leave out the crs option or give the one the columns name`,
      `坐标列标明为 ${tags.join(' / ')}，与指定的 ${requestedCrs} 不符`);
  }
  if (tags.includes('wgs84')) return pick('wgs84');
  if (tags.includes(undefined)) return pick(undefined);
  if (tags.length === 1) return pick(tags[0]);
  throw new RequestError(400, 'AmbiguousCoordinateColumns', `${what} has coordinate columns in ${tags.join(' and ')}; say which to use with crs`,
    `${whatZh}含有 ${tags.join(' 和 ')} 两套坐标列，请用 crs 指定`);
}

/** Columns named like a coordinate: exactly `lng`, or `lng` plus one coordinate-system tag. */
function findCoordinateColumns(header: string[], names: Set<string>): CoordinateColumn[] {
  const columns: CoordinateColumn[] = [];
  header.forEach((name, index) => {
    const words = name.toLowerCase().split(/[\s_\-.()（）[\]]+/).filter(Boolean);
    const coordinateWords = words.filter((word) => names.has(word));
    const tagWords = words.filter((word) => word in crsTags);
    if (coordinateWords.length === 1 && coordinateWords.length + tagWords.length === words.length && tagWords.length <= 1) {
      columns.push({ index, name, crs: tagWords.length === 1 ? crsTags[tagWords[0]] : undefined });
    }
  });
  return columns;
}

function readCoordinate(cell: TableCell, column: string, problems: string[]): number | undefined {
  if (typeof cell === 'number') return cell;
  const trimmed = String(cell ?? '').trim();
  if (trimmed === '') {
    problems.push(`${column} is empty`);
    return undefined;
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value) || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) {
    problems.push(`${column} "${trimmed}" is not a number`);
    return undefined;
  }
  return value;
}

/**
 * A cell as a property: numbers that read back the same become numbers (so 1200 is a number but
 * a code like 007 or 310115007001 with more digits than a double keeps stays text); empty is null.
 */
function readValue(cell: TableCell): TableCell {
  if (typeof cell !== 'string') return cell;
  const trimmed = cell.trim();
  if (trimmed === '') return null;
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(trimmed) && String(Number(trimmed)) === trimmed) return Number(trimmed);
  return trimmed;
}
