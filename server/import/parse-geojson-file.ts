import type { Feature } from 'geojson';
import { RequestError } from '../errors.ts';
import { quoteId, type ParsedFile, type ParsedRow } from './parsed-file.ts';

// The 2008 GeoJSON `crs` member names that mean plain longitude/latitude on WGS 84 (or CGCS2000,
// the same within a metre here). Any other named CRS is refused rather than loaded in the wrong place.
const lonLatCrsNames = /^(urn:ogc:def:crs:OGC:1\.3:CRS84|urn:ogc:def:crs:EPSG::(4326|4490)|EPSG:(4326|4490)|http:\/\/www\.opengis\.net\/def\/crs\/OGC\/1\.3\/CRS84)$/i;

/** Reads a GeoJSON FeatureCollection or Feature: one row per feature, located by its index. */
export function parseGeojsonFile(text: string): ParsedFile {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new RequestError(400, 'UnreadableFile', `The file is not valid JSON: ${describeJsonError(text, error as Error)}`, '文件不是有效的 JSON');
  }
  if (!isObject(document)) throw notGeojson(`a JSON ${Array.isArray(document) ? 'array' : typeof document}`);

  const crsName = (document.crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (crsName !== undefined && !(typeof crsName === 'string' && lonLatCrsNames.test(crsName))) {
    throw new RequestError(400, 'UnsupportedCrs',
      `The file declares the coordinate system ${JSON.stringify(crsName)}; only longitude/latitude files can be imported (WGS 84, GCJ-02 or BD-09). Reproject it to WGS 84 (EPSG:4326) first`,
      `文件声明的坐标系 ${JSON.stringify(crsName)} 不受支持：请先转换为 WGS 84 经纬度（EPSG:4326）`);
  }

  if (document.type === 'Feature') return { rows: [readFeature(document, 0, 'the feature')], warnings: [] };
  if (document.type !== 'FeatureCollection') throw notGeojson(typeof document.type === 'string' ? `a GeoJSON ${document.type}` : 'an object without a GeoJSON type');
  if (!Array.isArray(document.features)) throw notGeojson('a FeatureCollection without a features array');
  return { rows: document.features.map((feature, index) => readFeature(feature, index, `features[${index}]`)), warnings: [] };
}

function readFeature(value: unknown, index: number, location: string): ParsedRow {
  const row: ParsedRow = { location, featureIndex: index, problems: [] };
  if (!isObject(value) || value.type !== 'Feature') {
    row.problems.push('is not a GeoJSON Feature (needs "type": "Feature")');
    return row;
  }
  const id = value.id;
  if (typeof id === 'string' && id.trim() !== '') row.fileId = id.trim();
  else if (typeof id === 'number' && Number.isFinite(id)) row.fileId = String(id);
  else if (id !== undefined && id !== null && id !== '') row.problems.push('id must be a string or a number');
  if (row.fileId) row.location = `${location} (id ${quoteId(row.fileId)})`;
  if (value.geometry === null || value.geometry === undefined) row.problems.push('has no geometry');
  if (value.properties !== undefined && value.properties !== null && !isObject(value.properties)) row.problems.push('properties must be an object or null');
  row.feature = value as unknown as Feature;
  return row;
}

function notGeojson(what: string): RequestError {
  return new RequestError(400, 'UnreadableFile', `A GeoJSON file must be a FeatureCollection or a Feature; this one is ${what}`,
    'GeoJSON 文件必须是 FeatureCollection 或 Feature');
}

/**
 * JSON.parse's message names no position in recent Node versions, and a person wants the line and
 * column: scan the text (JSON's grammar, no values built) to the first place it goes wrong.
 */
function describeJsonError(text: string, error: Error): string {
  const offset = findJsonSyntaxError(text);
  if (offset === undefined) return error.message;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const found = offset >= text.length ? 'the end of the file' : JSON.stringify(text[offset]);
  return `unexpected ${found} at line ${line}, column ${column}`;
}

function findJsonSyntaxError(text: string): number | undefined {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = (): never => {
    throw at;
  };
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
  };
  const expect = (character: string) => (text[at] === character ? at++ : fail());
  const value = (): void => {
    skipSpace();
    const character = text[at];
    if (character === '{') {
      at++;
      skipSpace();
      if (text[at] === '}') return void at++;
      for (;;) {
        skipSpace();
        string();
        skipSpace();
        expect(':');
        value();
        skipSpace();
        if (text[at] === ',') at++;
        else return void expect('}');
      }
    }
    if (character === '[') {
      at++;
      skipSpace();
      if (text[at] === ']') return void at++;
      for (;;) {
        value();
        skipSpace();
        if (text[at] === ',') at++;
        else return void expect(']');
      }
    }
    if (character === '"') return string();
    const literal = text.slice(at).match(/^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?)/);
    if (!literal) fail();
    at += literal![0].length;
  };
  const string = () => {
    expect('"');
    while (at < text.length && text[at] !== '"') {
      if (text[at] === '\\') {
        const escape = text.slice(at, at + 6).match(/^\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/);
        if (!escape) fail();
        at += escape![0].length;
      } else if (text.charCodeAt(at) < 0x20) fail();
      else at++;
    }
    expect('"');
  };
  try {
    value();
    skipSpace();
    if (at < text.length) fail();
  } catch (position) {
    // Anything else (a stack overflow on absurd nesting) leaves JSON.parse's own message.
    return typeof position === 'number' ? position : undefined;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
