/**
 * The hostile corpus of issue 12: for one operation of the OpenAPI document, the requests an
 * attacker or a broken client sends, built from generators (each payload kind × each parameter,
 * text field or content type), so that the count per route is what the generators make, not a
 * hand-written list. Every case must be refused with a 4xx in the one error body, store nothing
 * and leave the server answering. Used by hostile-corpus.test.ts.
 */

export interface Operation {
  method: string;
  /** The document's template: /api/collections/{collectionId}/items/{featureId}. */
  template: string;
  pathParameters: string[];
  queryParameters: string[];
  headerParameters: string[];
  /** The content types of its request body, if it takes one. */
  bodyTypes: string[];
}

export interface HostileCase {
  name: string;
  method: string;
  /** Path and query, already encoded. */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer> | (() => ReadableStream<Uint8Array>);
}

/** Good values of each parameter, so that one hostile value at a time is what is wrong. */
export interface GoodValues {
  path: Record<string, string>;
  query: Record<string, string>;
  /** A good body of the operation (JSON text or file bytes) and its type; absent when it takes none. */
  body?: { text: string; contentType: string };
  /** Text fields of the JSON body, as paths (properties.title_zh), for the text payloads. */
  textFields: string[];
}

export const sqlPayloads = [
  "' OR '1'='1", "'; DROP TABLE feature; --", '1; SELECT pg_sleep(5)', "' UNION SELECT usename, passwd FROM pg_shadow --",
  '") OR 1=1 --', "1' AND (SELECT COUNT(*) FROM app_user) > 0 --", '$$; DELETE FROM project; $$', "'||(SELECT version())||'",
];
const moreSqlPayloads = [
  "admin'--", '1 OR 1=1', "' OR 1=1#", "')) OR (('1'='1", "' WAITFOR DELAY '0:0:5'--", '1 AND SLEEP(5)', "'; COPY app_user TO '/tmp/x'; --",
  "\\'; DROP TABLE project; --", '1; COMMIT; DROP SCHEMA public CASCADE', "' AND 1=CAST((SELECT current_user) AS int) --",
];
export const traversalPayloads = ['..', '..%2f..%2fetc%2fpasswd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '....%2f%2f....%2f%2fetc', '..%5c..%5cwindows%5cwin.ini', '%252e%252e%252fetc'];
export const scriptPayloads = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(document.cookie)'];
const unicodePayloads = ['ｐｇ_ｃａｔａｌｏｇ', 'ＦＡＣＩＬＩＴＩＥＳ', 'a\u202Eb', '\uFEFFprojects', 'ǅ', 'faciları', 'a\u200Db', 'pr\u0301ojects'];
const moreTraversalPayloads = ['%2fetc%2fpasswd', '..;%2f', '%c0%ae%c0%ae%2f', 'file:%2f%2f%2fetc%2fpasswd', '..%2f..%2f..%2f..%2fproc%2fself%2fenviron', '..%252f..%252fetc', '%5c..%5c..%5cetc', '.%2e%2f.%2e%2fapp_user'];
const numberPayloads = ['NaN', 'Infinity', '-Infinity', '1e309', '-1', '--1', '9'.repeat(40)];

/** Every hostile text for a parameter in the URL (already percent-encoded where needed). */
function urlPayloads(): [kind: string, encoded: string][] {
  return [
    ...[...sqlPayloads, ...moreSqlPayloads].map((payload): [string, string] => ['SQL', encodeURIComponent(payload)]),
    ...sqlPayloads.map((payload): [string, string] => ['SQL, encoded twice', encodeURIComponent(encodeURIComponent(payload))]),
    ...moreTraversalPayloads.map((payload): [string, string] => ['path traversal', payload]),
    ...traversalPayloads.map((payload): [string, string] => ['path traversal', payload]),
    ...scriptPayloads.map((payload): [string, string] => ['script', encodeURIComponent(payload)]),
    ...unicodePayloads.map((payload): [string, string] => ['Unicode trick', encodeURIComponent(payload)]),
    ...numberPayloads.map((payload): [string, string] => ['number edge', encodeURIComponent(payload)]),
    ['overlong text', 'x'.repeat(5000)],
    ['a NUL character', 'a%00b'],
    ['a lone surrogate', '%ED%A0%80'],
  ];
}

const malformedJson: [string, string][] = [
  ['truncated JSON', '{"type": "Feature", '], ['a trailing comma', '{"type": "Feature",}'], ['single quotes', "{'type': 'Feature'}"],
  ['a NaN literal', '{"type": "Feature", "geometry": {"type": "Point", "coordinates": [NaN, 31.22]}}'], ['a comment', '{"type": "Feature" /* hi */}'],
  ['an empty body', ''], ['only whitespace', '   \n\t '], ['a JSON array', '[1, 2, 3]'], ['a JSON string', '"Feature"'], ['a JSON number', '42'], ['a JSON null', 'null'],
  ['deeply nested arrays', '['.repeat(10_000) + ']'.repeat(10_000)], ['a duplicate-key trick', '{"type": "Feature", "type": "FeatureCollection"}'],
];

const square = (west: number, south: number, size = 0.001) => [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]];

/** Geometries that are wrong in one way each: type, rings, axis order, range, size. */
export function hostileGeometries(): [kind: string, geometry: unknown][] {
  const ring = square(121.5195, 31.2195)[0];
  const hundredThousand = Array.from({ length: 100_000 }, (_, index) => {
    const angle = (2 * Math.PI * index) / 100_000;
    return [121.52 + 0.001 * Math.cos(angle), 31.22 + 0.001 * Math.sin(angle)];
  });
  hundredThousand.push(hundredThousand[0]);
  return [
    ['a geometry type that does not exist', { type: 'Circle', coordinates: [121.52, 31.22], radius: 100 }],
    ['a Feature where a geometry goes', { type: 'Feature', geometry: { type: 'Point', coordinates: [121.52, 31.22] } }],
    ['a FeatureCollection where a geometry goes', { type: 'FeatureCollection', features: [] }],
    ['coordinates as text', { type: 'Point', coordinates: ['121.52', '31.22'] }],
    ['a Polygon with Point coordinates', { type: 'Polygon', coordinates: [121.52, 31.22] }],
    ['an unclosed ring', { type: 'Polygon', coordinates: [ring.slice(0, 4)] }],
    ['a ring of three positions', { type: 'Polygon', coordinates: [[ring[0], ring[1], ring[0]]] }],
    ['a self-intersecting ring', { type: 'Polygon', coordinates: [[[121.52, 31.22], [121.521, 31.221], [121.521, 31.22], [121.52, 31.221], [121.52, 31.22]]] }],
    ['swapped coordinates (latitude, longitude)', { type: 'Polygon', coordinates: [ring.map(([longitude, latitude]) => [latitude, longitude])] }],
    ['a longitude out of range', { type: 'Point', coordinates: [200, 31.22] }],
    ['a latitude out of range', { type: 'Point', coordinates: [121.52, 100] }],
    ['an overflowing number (1e999 is Infinity)', { type: 'Point', coordinates: ['__infinity__', 31.22] }],
    ['a point far outside the subdistrict', { type: 'Point', coordinates: [116.39, 39.91] }],
    ['a point with one coordinate', { type: 'Point', coordinates: [121.52] }],
    ['an empty geometry collection', { type: 'GeometryCollection', geometries: [] }],
    ['a geometry with crs (RFC 7946 removed it)', { type: 'Point', coordinates: [121.52, 31.22], crs: { type: 'name', properties: { name: 'EPSG:3857' } } }],
    ['a 100 000-vertex polygon', { type: 'Polygon', coordinates: [hundredThousand] }],
  ];
}

const featureCollectionOf = (features: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'FeatureCollection', ...extra, features });
const pointFeature = (properties: Record<string, unknown>, coordinates: unknown = [121.52, 31.22]) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates } });

/** Files that are wrong in one way each, with the content type and format they are sent as. */
export function hostileFiles(): [kind: string, bytes: Uint8Array<ArrayBuffer>, contentType: string, format: string][] {
  const text = (value: string) => new TextEncoder().encode(value) as Uint8Array<ArrayBuffer>;
  const random = new Uint8Array(4096).map((_, index) => (index * 7919 + 13) % 256);
  const csv = (body: string) => text(`name,longitude,latitude\n${body}\n`);
  return [
    ['an empty file', new Uint8Array(0), 'text/csv', 'csv'],
    ['a CSV header without rows', text('name,longitude,latitude\n'), 'text/csv', 'csv'],
    ['a 5 MB CSV field', csv(`${'y'.repeat(5 * 1024 * 1024)},121.52,31.22`), 'text/csv', 'csv'],
    ['an unclosed CSV quote', csv('"never closed,121.52,31.22\nnext,121.52,31.22'), 'text/csv', 'csv'],
    ['NaN coordinates in a CSV', csv('a,NaN,NaN'), 'text/csv', 'csv'],
    ['swapped coordinates in a CSV', csv('a,31.22,121.52'), 'text/csv', 'csv'],
    ['out-of-range coordinates in a CSV', csv('a,221.52,131.22'), 'text/csv', 'csv'],
    ['coordinates as words in a CSV', csv('a,east,north'), 'text/csv', 'csv'],
    ['binary bytes as CSV', random, 'text/csv', 'csv'],
    ['binary bytes as a workbook', random, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
    ['a zip header and nothing else', text('PK\u0003\u0004 not really a zip'), 'application/zip', 'shapefile-zip'],
    ['an SQLite header and nothing else', text('SQLite format 3\u0000 not a GeoPackage'), 'application/geopackage+sqlite3', 'gpkg'],
    ['KML that is not XML', text('<kml><Placemark><Point><coordinates>121.52,31.22'), 'application/vnd.google-earth.kml+xml', 'kml'],
    ['OSM XML with a DOCTYPE entity', text('<?xml version="1.0"?><!DOCTYPE osm [<!ENTITY x "xxxxxxxxxx">]><osm><node id="1" lat="31.22" lon="121.52"><tag k="name" v="&x;&x;"/></node></osm>'), 'application/vnd.openstreetmap.data+xml', 'osm'],
    ['malformed GeoJSON', text('{"type": "FeatureCollection", "features": [ '), 'application/geo+json', 'geojson'],
    ['GeoJSON with crs (RFC 7946 removed it)', text(featureCollectionOf([pointFeature({ name: 'a' })], { crs: { type: 'name', properties: { name: 'EPSG:3857' } } })), 'application/geo+json', 'geojson'],
    ['a GeoJSON geometry type that does not exist', text(featureCollectionOf([{ type: 'Feature', properties: {}, geometry: { type: 'Circle', coordinates: [121.52, 31.22] } }])), 'application/geo+json', 'geojson'],
    ['a GeoJSON ring that is not closed', text(featureCollectionOf([{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[121.52, 31.22], [121.521, 31.22], [121.521, 31.221]]] } }])), 'application/geo+json', 'geojson'],
    ['swapped GeoJSON coordinates', text(featureCollectionOf([pointFeature({ name: 'a' }, [31.22, 121.52])])), 'application/geo+json', 'geojson'],
    ['a GeoJSON text property of 30 000 characters', text(featureCollectionOf([pointFeature({ name: 'a', note: 'z'.repeat(30_000) })])), 'application/geo+json', 'geojson'],
    ['a GeoJSON property name of 300 characters', text(featureCollectionOf([pointFeature({ ['k'.repeat(300)]: 'a' })])), 'application/geo+json', 'geojson'],
    ['a GeoJSON feature with 600 properties', text(featureCollectionOf([pointFeature(Object.fromEntries(Array.from({ length: 600 }, (_, index) => [`p${index}`, index])))])), 'application/geo+json', 'geojson'],
    ['a GeoJSON property with a NUL character', text(featureCollectionOf([pointFeature({ name: 'a\u0000b' })])), 'application/geo+json', 'geojson'],
    ['a GeoJSON id of 5000 characters', text(featureCollectionOf([{ ...pointFeature({ name: 'a' }), id: 'i'.repeat(5000) }])), 'application/geo+json', 'geojson'],
    ['a Feature instead of a FeatureCollection with no geometry', text(JSON.stringify({ type: 'Feature', properties: {} })), 'application/geo+json', 'geojson'],
  ];
}

/** JSON text, with the overflowing-number marker written as the literal 1e999. */
const json = (value: unknown) => JSON.stringify(value).replaceAll('"__infinity__"', '1e999');

function setAt(target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(target);
  const parts = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]] = value;
  return copy;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => values[name]);
}

function withQuery(path: string, query: Record<string, string>): string {
  const entries = Object.entries(query);
  return entries.length === 0 ? path : `${path}?${entries.map(([name, value]) => `${name}=${value}`).join('&')}`;
}

/**
 * The hostile cases of one operation. `signedIn` are the headers of a session allowed to use it
 * (cookie and X-CSRF-Token, or the bearer token of an import), so that the refusal is the
 * payload's and not the caller's.
 */
export function hostileCases(operation: Operation, good: GoodValues, signedIn: Record<string, string>, limits: { bodyBytes: number }): HostileCase[] {
  const cases: HostileCase[] = [];
  const goodQuery = Object.fromEntries(Object.entries(good.query).map(([name, value]) => [name, encodeURIComponent(value)]));
  const goodPath = Object.fromEntries(Object.entries(good.path).map(([name, value]) => [name, encodeURIComponent(value)]));
  const bodyHeaders: Record<string, string> = good.body ? { 'content-type': good.body.contentType } : {};
  const base = { method: operation.method, headers: { ...signedIn, ...bodyHeaders }, body: good.body?.text };

  for (const parameter of operation.pathParameters) {
    for (const [kind, payload] of urlPayloads()) {
      cases.push({ ...base, name: `${kind} in path parameter ${parameter}: ${payload.slice(0, 40)}`, path: withQuery(fill(operation.template, { ...goodPath, [parameter]: payload }), goodQuery) });
    }
  }
  for (const parameter of operation.queryParameters) {
    for (const [kind, payload] of urlPayloads().filter(([kind]) => kind !== 'path traversal' || operation.queryParameters.length < 3)) {
      cases.push({ ...base, name: `${kind} in query parameter ${parameter}: ${payload.slice(0, 40)}`, path: withQuery(fill(operation.template, goodPath), { ...goodQuery, [parameter]: payload }) });
    }
  }
  const goodUrl = withQuery(fill(operation.template, goodPath), goodQuery);
  for (const header of operation.headerParameters) {
    // Not `*`: it is If-Match's own "any version" (RFC 9110), which the routes honour.
    for (const payload of [...sqlPayloads, ...scriptPayloads, 'x'.repeat(5000), 'W/"weak"', '""', '"1", "2"']) {
      cases.push({ ...base, name: `hostile ${header}: ${payload.slice(0, 40)}`, path: goodUrl, headers: { ...base.headers, [header]: payload } });
    }
  }
  if (operation.bodyTypes.length === 0) return cases;

  const isJson = good.body === undefined || /json/.test(good.body.contentType);
  const jsonHeaders = { ...signedIn, 'content-type': operation.bodyTypes.find((type) => /json/.test(type)) ?? 'application/json' };
  // Wrong content types: a JSON route answers 415; a file route refuses forms (415).
  const wrongTypes = isJson
    ? ['text/plain', 'text/html', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/javascript', 'image/png', '']
    : ['multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'Multipart/Form-Data; boundary=y'];
  for (const type of wrongTypes) {
    const headers: Record<string, string> = { ...signedIn };
    if (type) headers['content-type'] = type;
    cases.push({ name: `content type ${type || '(none)'}`, method: operation.method, path: goodUrl, headers, body: good.body?.text ?? '{}' });
  }
  // Bodies over the limit: declared by Content-Length, and chunked (no length) past it.
  const overLimit = new Uint8Array(limits.bodyBytes + 1024).fill(0x20);
  cases.push({ name: `a body over the limit (${limits.bodyBytes} bytes) with Content-Length`, method: operation.method, path: goodUrl, headers: isJson ? jsonHeaders : { ...signedIn, 'content-type': good.body?.contentType ?? 'text/csv' }, body: overLimit });
  cases.push({
    name: 'a chunked body past the limit', method: operation.method, path: goodUrl, headers: isJson ? jsonHeaders : { ...signedIn, 'content-type': good.body?.contentType ?? 'text/csv' },
    body: () => new ReadableStream<Uint8Array>({
      start(controller) {
        for (let sent = 0; sent <= limits.bodyBytes; sent += 256 * 1024) controller.enqueue(new Uint8Array(256 * 1024).fill(0x20));
        controller.close();
      },
    }),
  });
  if (!isJson) {
    // A preview of a bad file answers 200 with its bad rows, by design: the files go to the imports.
    const hostileFileCases = operation.template.endsWith('/preview') ? [] : hostileFiles();
    for (const [kind, bytes, contentType, format] of hostileFileCases) {
      // Not a dry run (which answers the bad rows in a 200 preview): a bad file loads nothing (4xx).
      const { dryRun: _dryRun, ...withoutDryRun } = goodQuery;
      const query = 'format' in good.query ? { ...withoutDryRun, format } : goodQuery;
      cases.push({ name: `file: ${kind}`, method: operation.method, path: withQuery(fill(operation.template, goodPath), query), headers: { ...signedIn, 'content-type': contentType }, body: bytes });
    }
    return cases;
  }

  for (const [kind, text] of malformedJson) cases.push({ name: `malformed: ${kind}`, method: operation.method, path: goodUrl, headers: jsonHeaders, body: text });
  const goodBody = good.body ? JSON.parse(good.body.text) as Record<string, unknown> : {};
  // GeoJSON allows foreign members beside type, geometry and properties (RFC 7946 §6.1): only other bodies must refuse them.
  if (!('geometry' in goodBody)) cases.push({ name: 'unknown top-level fields', method: operation.method, path: goodUrl, headers: jsonHeaders, body: json({ ...goodBody, isAdmin: true, __unknown: 1 }) });
  if ('properties' in goodBody) {
    cases.push({ name: 'an unknown property', method: operation.method, path: goodUrl, headers: jsonHeaders, body: json(setAt(goodBody, 'properties.is_admin', true)) });
    cases.push({ name: 'a prototype pollution property', method: operation.method, path: goodUrl, headers: jsonHeaders, body: json({ ...goodBody, properties: {} }).replace('"properties":{', '"properties":{"__proto__":{"polluted":true}') });
  }
  if ('geometry' in goodBody || operation.template.endsWith('/impact')) {
    for (const [kind, geometry] of hostileGeometries()) {
      cases.push({ name: `geometry: ${kind}`, method: operation.method, path: goodUrl, headers: jsonHeaders, body: json({ ...goodBody, geometry }) });
    }
    for (const [kind, geometry] of hostileGeometries()) {
      cases.push({ name: `geometry as a GeoJSON Feature: ${kind}`, method: operation.method, path: goodUrl, headers: { ...signedIn, 'content-type': 'application/geo+json' }, body: json({ type: 'Feature', properties: goodBody.properties ?? {}, geometry }) });
    }
    cases.push({ name: 'a crs member on the Feature', method: operation.method, path: goodUrl, headers: jsonHeaders, body: json({ ...goodBody, crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } } }) });
  }
  for (const field of good.textFields) {
    for (const [kind, value] of [['overlong text', 'x'.repeat(20_000)], ['a NUL character', 'a\u0000b'], ['a number for text', 12345], ['an object for text', { $ne: null }], ['an array for text', ['x']]] as const) {
      cases.push({ name: `${kind} in ${field}`, method: operation.method, path: goodUrl, headers: jsonHeaders, body: json(setAt(goodBody, field, value)) });
    }
  }
  return cases;
}
