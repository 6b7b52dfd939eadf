import { createHash } from 'node:crypto';
import type { Feature, Geometry, Position } from 'geojson';
import { importLimits, type CoordinateSystem } from '../contract/import.ts';
import { RequestError } from '../errors.ts';
import { findGeometryProblems } from '../geo/check-geojson.ts';
import { convertToWgs84 } from '../geo/convert-coordinates.ts';
import type { ParsedRow } from './parsed-file.ts';

/** A row ready to load: its stable key and its feature in WGS 84 with `source` and `source_detail`. */
export interface PreparedRow extends ParsedRow {
  key?: string;
  prepared?: Feature & { id: string };
}

// 潍坊新村街道, roughly its centre: a file far from it probably has a wrong CRS or swapped columns.
const subdistrictCentre: Position = [121.525, 31.225];
const farKilometres = 100;

/**
 * Checks each parsed row's structure and size, drops heights (the database stores 2D), converts
 * it to WGS 84, adds provenance and gives it a stable key: the file's own id, else a hash of its
 * content, so that importing the same file again finds the same features. A row that repeats an
 * earlier one's key is bad. Rows are returned in file order with their problems.
 */
export function prepareFeatures(rows: ParsedRow[], options: { crs: CoordinateSystem; fileName: string }): { rows: PreparedRow[]; warnings: string[] } {
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

  const prepared = rows.map((row): PreparedRow => {
    if (row.problems.length > 0 || !row.feature) return row;
    const problems = findGeometryProblems(row.feature.geometry);
    if (problems.length > 0) return { ...row, problems };
    const geometry = row.feature.geometry as Geometry;
    const vertices = countVertices(geometry);
    if (vertices > importLimits.verticesPerFeature) {
      return { ...row, problems: [`has ${vertices} vertices; at most ${importLimits.verticesPerFeature} are allowed per feature (simplify it)`] };
    }
    const { geometry: flatGeometry, hadHeights } = dropHeights(geometry);
    if (hadHeights) rowsWithHeights += 1;
    const wgs84Geometry = convertToWgs84(flatGeometry, options.crs);
    const convertedProblems = findGeometryProblems(wgs84Geometry);
    if (convertedProblems.length > 0) return { ...row, problems: convertedProblems.map((problem) => `after conversion from ${options.crs}: ${problem}`) };
    if (distanceKilometres(firstPosition(wgs84Geometry), subdistrictCentre) > farKilometres) rowsFarAway += 1;

    const ownProperties = (row.feature.properties ?? {}) as Record<string, unknown>;
    const key = row.fileId ?? `h-${hashOf({ geometry, properties: ownProperties }).slice(0, 16)}`;
    const first = firstLocationOfKey.get(key);
    if (first !== undefined) {
      return { ...row, problems: [row.fileId ? `has the id "${key}" that ${first} already has` : `is an exact copy of ${first}`] };
    }
    firstLocationOfKey.set(key, row.location);
    const properties = {
      ...ownProperties,
      source: isText(ownProperties.source) ? ownProperties.source : 'imported',
      source_detail: isText(ownProperties.source_detail) ? ownProperties.source_detail : `imported from ${options.fileName}`,
    };
    return { ...row, key, prepared: { type: 'Feature', id: key, properties, geometry: wgs84Geometry } };
  });

  if (rowsWithHeights > 0) warnings.push(`${rowsWithHeights} feature(s) had heights (a third coordinate); they were dropped, only longitude and latitude are stored`);
  if (rowsFarAway > 0) {
    warnings.push(`${rowsFarAway} feature(s) lie more than ${farKilometres} km from 潍坊新村街道: check the coordinate system and that longitude and latitude are not swapped`);
  }
  return { rows: prepared, warnings };
}

/** Positions in a geometry, whatever shape it is in (it may not have been checked yet). */
function countVertices(geometry: unknown): number {
  const count = (value: unknown): number => {
    if (!Array.isArray(value)) return 0;
    if (typeof value[0] === 'number') return 1;
    let sum = 0;
    for (const item of value) sum += count(item);
    return sum;
  };
  if (!geometry || typeof geometry !== 'object') return 0;
  const { coordinates, geometries } = geometry as { coordinates?: unknown; geometries?: unknown };
  return count(coordinates) + (Array.isArray(geometries) ? geometries.reduce((sum: number, part) => sum + countVertices(part), 0) : 0);
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
