import { parse } from 'csv-parse/sync';
import type { Feature } from 'geojson';
import type { CoordinateSystem } from '../contract/import.ts';
import { RequestError } from '../errors.ts';
import { quoteId, type ParsedFile, type ParsedRow } from './parsed-file.ts';

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

/**
 * Reads a CSV file with one point per row: longitude and latitude columns found by their header
 * (lon/lng/longitude/x/经度 and lat/latitude/y/纬度, any case, optionally tagged with a
 * coordinate system: gcj02_lng, lat_wgs84, 经度(bd09)); an `id` (or 编号) column gives stable ids; every other
 * column becomes a property. Rows are located by their line in the file (the header is line 1).
 */
export function parseCsvFile(text: string, requestedCrs?: CoordinateSystem): ParsedFile {
  // One line ending everywhere, so that line numbers are those an editor shows.
  const normalised = text.replace(/\r\n?/g, '\n');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(normalised, {
      bom: true, info: true, relax_column_count: true, skip_empty_lines: true, delimiter: guessDelimiter(normalised),
    }) as unknown as typeof records;
  } catch (error) {
    const { message, lines } = error as Error & { lines?: number };
    throw new RequestError(400, 'UnreadableFile', `The CSV file cannot be read${lines ? ` (line ${lines})` : ''}: ${message}`, 'CSV 文件无法读取');
  }
  if (records.length === 0) throw new RequestError(400, 'EmptyFile', 'The CSV file is empty', 'CSV 文件是空的');

  const header = records[0].record.map((name, index) => name.trim() || `column_${index + 1}`);
  const duplicate = header.find((name, index) => header.indexOf(name) !== index);
  if (duplicate) throw new RequestError(400, 'UnreadableFile', `The CSV header names the column "${duplicate}" twice`, `CSV 表头中“${duplicate}”列出现两次`);
  const { longitude, latitude } = chooseCoordinateColumns(header, requestedCrs);
  const idIndex = header.findIndex((name) => idNames.has(name.toLowerCase()));

  const rows = records.slice(1).map(({ record, info }): ParsedRow => {
    // info.lines is the line where the record ends; a quoted value may span lines.
    const line = info.lines - record.reduce((count, value) => count + (value.match(/\n/g)?.length ?? 0), 0);
    const row: ParsedRow = { location: `line ${line}`, line, problems: [] };
    if (record.length !== header.length) {
      row.problems.push(`has ${record.length} field(s); the header has ${header.length}`);
      return row;
    }
    const lon = readCoordinate(record[longitude.index], longitude.name, row.problems);
    const lat = readCoordinate(record[latitude.index], latitude.name, row.problems);
    const properties: Record<string, unknown> = {};
    header.forEach((name, index) => {
      if (index !== longitude.index && index !== latitude.index && index !== idIndex) properties[name] = readValue(record[index]);
    });
    if (idIndex !== -1 && record[idIndex].trim() !== '') {
      row.fileId = record[idIndex].trim();
      row.location = `line ${line} (id ${quoteId(row.fileId)})`;
    }
    if (lon !== undefined && lat !== undefined) {
      row.feature = { type: 'Feature', properties, geometry: { type: 'Point', coordinates: [lon, lat] } } satisfies Feature;
    }
    return row;
  });
  const warnings = longitude.crs || latitude.crs
    ? [`coordinates read from the columns ${longitude.name} and ${latitude.name}`]
    : [];
  return { rows, declaredCrs: longitude.crs, warnings };
}

function chooseCoordinateColumns(header: string[], requestedCrs?: CoordinateSystem): { longitude: CoordinateColumn; latitude: CoordinateColumn } {
  const longitudes = findCoordinateColumns(header, longitudeNames);
  const latitudes = findCoordinateColumns(header, latitudeNames);
  if (longitudes.length === 0 || latitudes.length === 0) {
    throw new RequestError(400, 'NoCoordinateColumns',
      `The CSV file needs a longitude column (lon, lng, longitude, x or 经度) and a latitude column (lat, latitude, y or 纬度); its columns are: ${header.join(', ')}`,
      'CSV 文件需要经度列（lon、lng、longitude、x 或 经度）和纬度列（lat、latitude、y 或 纬度）');
  }
  // Pair the columns by the coordinate system their names state; untagged columns pair together.
  const tags = [...new Set(longitudes.map((column) => column.crs))].filter((tag) => latitudes.some((column) => column.crs === tag));
  const pick = (tag: CoordinateSystem | undefined) => {
    const longitude = longitudes.filter((column) => column.crs === tag);
    const latitude = latitudes.filter((column) => column.crs === tag);
    if (longitude.length > 1 || latitude.length > 1) {
      const names = [...longitude, ...latitude].map((column) => column.name).join(', ');
      throw new RequestError(400, 'AmbiguousCoordinateColumns', `The CSV file has more than one candidate coordinate column: ${names}; keep one longitude and one latitude column`,
        `CSV 文件中有多个可能的坐标列：${names}`);
    }
    return { longitude: longitude[0], latitude: latitude[0] };
  };
  if (tags.length === 0) {
    throw new RequestError(400, 'NoCoordinateColumns',
      `The CSV file's coordinate columns do not pair up: longitude ${longitudes.map((column) => column.name).join(', ')}, latitude ${latitudes.map((column) => column.name).join(', ')}`,
      'CSV 文件的经纬度列无法配对');
  }
  if (requestedCrs) {
    if (tags.includes(requestedCrs)) return pick(requestedCrs);
    if (tags.includes(undefined)) return pick(undefined);
    throw new RequestError(400, 'CrsMismatch',
      `The coordinate columns say ${tags.join(' / ')} but the import asks for ${requestedCrs}; leave out the crs option or give the one the columns name`,
      `坐标列标明为 ${tags.join(' / ')}，与指定的 ${requestedCrs} 不符`);
  }
  if (tags.includes('wgs84')) return pick('wgs84');
  if (tags.includes(undefined)) return pick(undefined);
  if (tags.length === 1) return pick(tags[0]);
  throw new RequestError(400, 'AmbiguousCoordinateColumns', `The CSV file has coordinate columns in ${tags.join(' and ')}; say which to use with crs`,
    `CSV 文件含有 ${tags.join(' 和 ')} 两套坐标列，请用 crs 指定`);
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

function readCoordinate(text: string, column: string, problems: string[]): number | undefined {
  const trimmed = text.trim();
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
function readValue(text: string): string | number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(trimmed) && String(Number(trimmed)) === trimmed) return Number(trimmed);
  return trimmed;
}

/** Comma unless the header line has more semicolons or tabs (as some spreadsheet exports write). */
function guessDelimiter(text: string): string {
  const headerLine = text.replace(/^\uFEFF/, '').split('\n', 1)[0];
  const counts = [',', ';', '\t'].map((delimiter) => [delimiter, headerLine.split(delimiter).length - 1] as const);
  return counts.reduce((best, candidate) => (candidate[1] > best[1] ? candidate : best))[0];
}
