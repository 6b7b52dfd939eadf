import { createHash } from 'node:crypto';
import type { Feature, Geometry, Position } from 'geojson';
import { importLimits } from '../contract/import.ts';
import { RequestError } from '../errors.ts';
import { findGeometryProblems } from '../geo/check-geojson.ts';
import { isProjected, type SourceCoordinateSystem } from '../geo/coordinate-systems.ts';
import { convertToWgs84 } from '../geo/convert-coordinates.ts';
import { checkAnalysisProperties } from './check-analysis-properties.ts';
import { quoteId, type ParsedRow } from './parsed-file.ts';

/** A row ready to load: its stable key and its feature in WGS 84 with `source` and `source_detail`. */
export interface PreparedRow extends ParsedRow {
  key?: string;
  prepared?: Feature & { id: string };
}

// 潍坊新村街道, roughly its centre: a file far from it probably has a wrong CRS or swapped columns.
const subdistrictCentre: Position = [121.525, 31.225];
const farKilometres = 100;
const outOfDegrees = /: (longitude|latitude) \S+ is outside -(180…180|90…90)$/;

/**
 * Checks each parsed row's structure and size, drops heights (the database stores 2D), converts
 * it to WGS 84, adds provenance and gives it a stable key: the file's own id, else a hash of its
 * content, so that importing the same file again finds the same features. A row that repeats an
 * earlier one's key is bad. Rows are returned in file order with their problems.
 */
export function prepareFeatures(
  rows: ParsedRow[], options: { crs: SourceCoordinateSystem; fileName: string },
): { rows: PreparedRow[]; warnings: string[] } {
  const warnings: string[] = [];
  const firstLocationOfKey = new Map<string, string>();
  let rowsWithHeights = 0;
  let rowsFarAway = 0;

  // Counted before any other work, so that an oversized file is refused at once.
  const totalVertices = rows.reduce((sum, row) => sum + countVertices(row.feature?.geometry), 0);
  if (totalVertices > importLimits.vertices) {
    throw new RequestError(413, 'PayloadTooLarge', `The file has ${totalVertices.toLocaleString('en')} vertices, more than ${importLimits.vertices.toLocaleString('en')}; split it into smaller files`,
      `文件有 ${totalVertices} 个顶点，超过 ${importLimits.vertices}，请拆分后导入`);
  }

  const prepareRow = (row: ParsedRow): PreparedRow => {
    if (row.problems.length > 0 || !row.feature) return row;
    const storageProblems = findStorageProblems(row);
    if (storageProblems.length > 0) return { ...row, problems: storageProblems };
    const crs = row.crs ?? options.crs;
    // Metres of a projected system (Gauss–Krüger eastings of 40 500 000) are out of the degrees'
    // range by nature: only the structure is checked now, the range after conversion.
    const problems = findGeometryProblems(row.feature.geometry).filter((problem) => !(isProjected(crs) && outOfDegrees.test(problem)));
    if (problems.length > 0) return { ...row, problems };
    const geometry = row.feature.geometry as Geometry;
    const vertices = countVertices(geometry);
    if (vertices > importLimits.verticesPerFeature) {
      return { ...row, problems: [`has ${vertices} vertices; at most ${importLimits.verticesPerFeature} are allowed per feature (simplify it)`] };
    }
    const { geometry: flatGeometry, hadHeights } = dropHeights(geometry);
    if (hadHeights) rowsWithHeights += 1;
    let wgs84Geometry: Geometry;
    try {
      wgs84Geometry = convertToWgs84(flatGeometry, crs);
    } catch (error) {
      return { ...row, problems: [`cannot be converted from ${crs}: ${(error as Error).message}`] };
    }
    const convertedProblems = findGeometryProblems(wgs84Geometry);
    if (convertedProblems.length > 0) return { ...row, problems: convertedProblems.map((problem) => `after conversion from ${crs}: ${problem}`) };
    if (distanceKilometres(firstPosition(wgs84Geometry), subdistrictCentre) > farKilometres) rowsFarAway += 1;

    const fileProperties = (row.feature.properties ?? {}) as Record<string, unknown>;
    const { properties: ownProperties, problems: propertyProblems } = checkAnalysisProperties(fileProperties, crs);
    if (propertyProblems.length > 0) return { ...row, problems: propertyProblems };
    const key = row.fileId ?? `h-${hashOf({ geometry, properties: fileProperties }).slice(0, 16)}`;
    const first = firstLocationOfKey.get(key);
    if (first !== undefined) {
      return { ...row, problems: [row.fileId ? `has the id ${quoteId(key)} that ${first} already has` : `is an exact copy of ${first}`] };
    }
    firstLocationOfKey.set(key, row.location);
    const properties = {
      ...ownProperties,
      source: isText(ownProperties.source) ? ownProperties.source : 'imported',
      ...describeImport(ownProperties, options.fileName),
    };
    return { ...row, key, prepared: { type: 'Feature', id: key, properties, geometry: wgs84Geometry } };
  };
  const prepared = rows.map((row): PreparedRow => {
    try {
      return prepareRow(row);
    } catch (error) {
      // Absurdly deep nesting (a GeometryCollection inside itself thousands of times) overflows
      // the checks' recursion: that row is bad, the server is fine.
      if (error instanceof RangeError) return { ...row, problems: ['is nested too deeply to read'] };
      throw error;
    }
  });

  if (rowsWithHeights > 0) warnings.push(`${rowsWithHeights} feature(s) had heights (a third coordinate); they were dropped, only longitude and latitude are stored`);
  if (rowsFarAway > 0) {
    warnings.push(`${rowsFarAway} feature(s) lie more than ${farKilometres} km from 潍坊新村街道: check the coordinate system and that longitude and latitude are not swapped`);
  }
  return { rows: prepared, warnings };
}

/**
 * Positions in a geometry, whatever shape it is in (it has not been checked yet). Nesting deeper
 * than any GeoJSON geometry has is not followed; the structural check reports it.
 */
function countVertices(geometry: unknown, depth = 0): number {
  const count = (value: unknown, level: number): number => {
    if (!Array.isArray(value) || level > 4) return 0;
    if (typeof value[0] === 'number') return 1;
    let sum = 0;
    for (const item of value) sum += count(item, level + 1);
    return sum;
  };
  if (!geometry || typeof geometry !== 'object' || depth > 8) return 0;
  const { coordinates, geometries } = geometry as { coordinates?: unknown; geometries?: unknown };
  return count(coordinates, 0) + (Array.isArray(geometries) ? geometries.reduce((sum: number, part) => sum + countVertices(part, depth + 1), 0) : 0);
}

const maximumIdLength = 200;
const maximumPropertyDepth = 32;
/**
 * Bounds on one feature's attributes, far above what an office's table holds (a long 备注 is a few
 * hundred characters), so that one row cannot fill the database or the browser that shows it.
 */
export const propertyLimits = { nameCharacters: 200, textCharacters: 10_000, names: 500, jsonCharacters: 100_000 } as const;
// PostgreSQL text and jsonb cannot hold NUL, nor a lone half of a UTF-16 surrogate pair (which a
// JSON file can spell as "\ud800").
const unstorableCharacter = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What the database could not store: an overlong or unstorable id, unstorable or too deeply nested properties. */
function findStorageProblems(row: ParsedRow): string[] {
  const problems: string[] = [];
  if (row.fileId !== undefined) {
    if (row.fileId.length > maximumIdLength) problems.push(`id is ${row.fileId.length} characters long; at most ${maximumIdLength} are allowed`);
    if (unstorableCharacter.test(row.fileId)) problems.push('id contains a NUL character or a broken \\u escape, which cannot be stored');
  }
  const properties = row.feature?.properties;
  if (typeof properties === 'object' && properties !== null) {
    const names = Object.keys(properties).length;
    if (names > propertyLimits.names) problems.push(`has ${names} properties; at most ${propertyLimits.names} are allowed`);
    const jsonCharacters = JSON.stringify(properties).length;
    if (jsonCharacters > propertyLimits.jsonCharacters) problems.push(`its properties take ${jsonCharacters} characters as JSON; at most ${propertyLimits.jsonCharacters} are allowed`);
  }
  const visit = (value: unknown, path: string, depth: number): void => {
    if (problems.length >= 5) return;
    if (typeof value === 'string') {
      if (unstorableCharacter.test(value)) problems.push(`${path} contains a NUL character or a broken \\u escape, which cannot be stored`);
      if (value.length > propertyLimits.textCharacters) problems.push(`${path} is ${value.length} characters long; at most ${propertyLimits.textCharacters} are allowed`);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (depth > maximumPropertyDepth) {
      problems.push(`${path} is nested more than ${maximumPropertyDepth} levels deep`);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      const itemPath = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key.replace(unstorableCharacter, '?')}`;
      if (!Array.isArray(value) && unstorableCharacter.test(key)) problems.push(`${itemPath}: the property name contains a NUL character or a broken \\u escape`);
      if (!Array.isArray(value) && key.length > propertyLimits.nameCharacters) {
        problems.push(`${path}: a property name is ${key.length} characters long; at most ${propertyLimits.nameCharacters} are allowed`);
        continue;
      }
      visit(item, itemPath, depth + 1);
    }
  };
  visit(properties, 'properties', 0);
  return problems;
}

function dropHeights(geometry: Geometry): { geometry: Geometry; hadHeights: boolean } {
  let hadHeights = false;
  const flatten = (value: unknown): unknown => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      if (value.length > 2) hadHeights = true;
      return [value[0], value[1]];
    }
    return Array.isArray(value) ? value.map(flatten) : value;
  };
  const flattenGeometry = (part: Geometry): Geometry =>
    part.type === 'GeometryCollection'
      ? { type: 'GeometryCollection', geometries: part.geometries.map(flattenGeometry) }
      : ({ type: part.type, coordinates: flatten(part.coordinates) } as Geometry);
  const flat = flattenGeometry(geometry);
  return { geometry: flat, hadHeights };
}

function firstPosition(geometry: Geometry): Position {
  if (geometry.type === 'GeometryCollection') return firstPosition(geometry.geometries[0]);
  let value: unknown = geometry.coordinates;
  while (Array.isArray(value) && Array.isArray(value[0])) value = value[0];
  return value as Position;
}

function distanceKilometres([longitudeA, latitudeA]: Position, [longitudeB, latitudeB]: Position): number {
  const x = (longitudeA - longitudeB) * Math.cos(((latitudeA + latitudeB) / 2) * (Math.PI / 180));
  return Math.hypot(x, latitudeA - latitudeB) * 111.2;
}

/** sha256 of a value's JSON with object keys sorted, so that key order in the file does not matter. */
function hashOf(value: unknown): string {
  const canonical = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(canonical);
    if (item && typeof item === 'object') {
      return Object.fromEntries(Object.keys(item).sort().map((key) => [key, canonical((item as Record<string, unknown>)[key])]));
    }
    return item;
  };
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex');
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * The provenance note of an imported row, in English and Chinese: the file's own note if it has
 * one (a row placed by its address has its basis), else the file it came from. Who imported it is
 * the import's record (feature_import), not the note: the same file brought in again by someone
 * else changes nothing.
 */
function describeImport(properties: Record<string, unknown>, fileName: string): { source_detail: string; source_detail_zh?: string } {
  const ownDetail = isText(properties.source_detail) ? properties.source_detail : undefined;
  const ownDetailZh = isText(properties.source_detail_zh) ? properties.source_detail_zh : undefined;
  // A note the file wrote only in English is not guessed into Chinese: the panel then shows the English.
  const detailZh = ownDetailZh ?? (ownDetail === undefined ? `从 ${fileName} 导入` : undefined);
  return { source_detail: ownDetail ?? `imported from ${fileName}`, ...(detailZh === undefined ? {} : { source_detail_zh: detailZh }) };
}
