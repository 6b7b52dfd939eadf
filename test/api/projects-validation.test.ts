import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, serversUnderTest } from '../helpers/api.ts';
import { startPrivateServer } from '../helpers/private-server.ts';
import type { ServerUnderTest } from '../helpers/start-servers.ts';
import { signInAs, type SignedIn } from './projects-sign-in.ts';

let editor: SignedIn | undefined;

const items = '/api/collections/projects/items';
const square = (west = 121.5195, south = 31.2195, size = 0.001) => ({
  type: 'Polygon',
  coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]],
});
const properties = (overrides: Record<string, unknown> = {}) => ({
  title_zh: '校验测试', action: 'built_form', item: 6, lead_unit: '城建中心（房管办）', status: 'planned',
  start_date: '2025-03-01', end_date: '2025-10-31', progress_percent: 0, ...overrides,
});
const feature = (overrides: Record<string, unknown> = {}, geometry: unknown = square()) => ({ type: 'Feature', geometry, properties: properties(overrides) });

async function post(server: ServerUnderTest, body: unknown, path = items, method = 'POST', headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method, body: method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...editor?.headers, ...headers },
  });
  const text = await response.text();
  let json: any = text;
  try {
    json = JSON.parse(text);
  } catch {
    // kept as text
  }
  return { status: response.status, body: json, etag: response.headers.get('etag') };
}

// A self-intersecting "bow tie" over 潍坊四村.
const bowTie = { type: 'Polygon', coordinates: [[[121.52, 31.22], [121.521, 31.221], [121.521, 31.22], [121.52, 31.221], [121.52, 31.22]]] };

describe.each(serversUnderTest())('validation of project writes on the $database database', (shared) => {
  let server: ServerUnderTest & { stop: () => Promise<void> };
  let boundaryEast: [number, number];
  beforeAll(async () => {
    server = await startPrivateServer(shared, 'projects_validation');
    editor = await signInAs(server, 'editor');
    const boundary = (await getJson(server, '/api/collections/boundary/items')).body.features.find((item: any) => item.properties.kind === 'subdistrict');
    const ring: [number, number][] = boundary.geometry.type === 'Polygon' ? boundary.geometry.coordinates[0] : boundary.geometry.coordinates[0][0];
    boundaryEast = ring.reduce((east, position) => (position[0] > east[0] ? position : east));
  });
  afterAll(async () => {
    await server?.stop();
  });

  const projectCount = async () => (await getJson(server, '/api/collections/projects')).body.featureCount as number;

  it.each([
    ['malformed JSON', '{"type": "Feature", ', 400, 'MalformedJson', null],
    ['a JSON array', '[1, 2]', 400, 'MalformedJson', null],
    ['a JSON string', '"Feature"', 400, 'MalformedJson', null],
    ['not a Feature', { ...feature(), type: 'FeatureCollection' }, 422, 'InvalidProject', 'type'],
    ['properties that are a string', { ...feature(), properties: 'x' }, 422, 'InvalidProject', 'properties'],
    ['an item that is text', feature({ item: 'six' }), 422, 'InvalidProject', 'properties.item'],
    ['a fractional item', feature({ item: 6.5 }), 422, 'InvalidProject', 'properties.item'],
    ['no title', { ...feature(), properties: { ...properties(), title_zh: undefined } }, 422, 'InvalidProject', 'properties.title_zh'],
    ['a blank title', feature({ title_zh: '   ' }), 422, 'InvalidProject', 'properties.title_zh'],
    ['a title of 201 characters', feature({ title_zh: '长'.repeat(201) }), 422, 'InvalidProject', 'properties.title_zh'],
    ['a NUL character in the title', feature({ title_zh: 'a\u0000b' }), 422, 'InvalidProject', 'properties.title_zh'],
    ['a NUL character in the description', feature({ description: '\u0000' }), 422, 'InvalidProject', 'properties.description'],
    ['a description of 5001 characters', feature({ description: 'x'.repeat(5001) }), 422, 'InvalidProject', 'properties.description'],
    ['an unknown action', feature({ action: 'beautification' }), 422, 'InvalidProject', 'properties.action'],
    ['an item outside 1–16', feature({ item: 17 }), 422, 'InvalidProject', 'properties.item'],
    ['an item of another action', feature({ item: 2 }), 422, 'InvalidProject', 'properties.item'],
    ['an unknown status', feature({ status: 'done' }), 422, 'InvalidProject', 'properties.status'],
    ['an impossible date', feature({ start_date: '2025-02-30' }), 422, 'InvalidProject', 'properties.start_date'],
    ['a date in another format', feature({ end_date: '31/10/2025' }), 422, 'InvalidProject', 'properties.end_date'],
    ['an end before the start', feature({ start_date: '2025-06-01', end_date: '2025-01-01' }), 422, 'InvalidProject', 'properties.end_date'],
    ['progress over 100', feature({ progress_percent: 101 }), 422, 'InvalidProject', 'properties.progress_percent'],
    ['a crs member (RFC 7946 removed it)', { ...feature(), crs: { type: 'name', properties: { name: 'EPSG:3857' } } }, 422, 'InvalidProject', 'crs'],
    ['a crs member in the geometry', feature({}, { ...square(), crs: { type: 'name', properties: { name: 'EPSG:3857' } } }), 422, 'InvalidProject', 'geometry.crs'],
    ['completed at 50 %', feature({ status: 'completed', progress_percent: 50 }), 422, 'InvalidProject', 'properties.progress_percent'],
    ['completed with an end date after today', feature({ status: 'completed', progress_percent: 100, end_date: '2099-12-31' }), 422, 'InvalidProject', 'properties.end_date'],
    ['a negative budget', feature({ budget_ten_thousand_yuan: -1 }), 422, 'InvalidProject', 'properties.budget_ten_thousand_yuan'],
    ['an unknown lead unit', feature({ lead_unit: '某某公司' }), 422, 'InvalidProject', 'properties.lead_unit'],
    ['an unknown partner unit', feature({ partner_units: ['党建办', '某某公司'] }), 422, 'InvalidProject', 'properties.partner_units.1'],
    ['an unknown property', feature({ colour: 'red' }), 422, 'InvalidProject', 'properties.colour'],
    ['an unknown assumption', feature({ assumptions: ['title_zh'] }), 422, 'InvalidProject', 'properties.assumptions.0'],
    ['a bad code', feature({ code: '../etc' }), 422, 'InvalidProject', 'properties.code'],
    ['a link to a missing feature', feature({ linked_features: [{ collection_id: 'neighbourhoods', feature_key: 'estate-nowhere' }] }), 422, 'InvalidProject', 'properties.linked_features.0'],
    ['a link to a missing collection', feature({ linked_features: [{ collection_id: 'no_such', feature_key: 'x' }] }), 422, 'InvalidProject', 'properties.linked_features.0'],
    ['no geometry', { type: 'Feature', properties: properties() }, 422, 'InvalidProject', 'geometry'],
    ['a GeometryCollection', feature({}, { type: 'GeometryCollection', geometries: [] }), 422, 'InvalidProject', 'geometry.type'],
    ['an unclosed ring', feature({}, { type: 'Polygon', coordinates: [[[121.52, 31.22], [121.521, 31.22], [121.521, 31.221], [121.52, 31.2211]]] }), 422, 'InvalidProject', 'geometry.coordinates[0]'],
    ['a longitude of 200', feature({}, { type: 'Point', coordinates: [200, 31.22] }), 422, 'InvalidProject', 'geometry.coordinates'],
    ['coordinates that are text', feature({}, { type: 'Point', coordinates: ['121.52', '31.22'] }), 422, 'InvalidProject', 'geometry.coordinates'],
    ['a line of one position', feature({}, { type: 'LineString', coordinates: [[121.52, 31.22]] }), 422, 'InvalidProject', 'geometry.coordinates'],
    ['a place in Beijing', feature({}, { type: 'Point', coordinates: [116.39, 39.9] }), 422, 'InvalidProject', 'geometry'],
    ['5,001 vertices', feature({}, { type: 'LineString', coordinates: Array.from({ length: 5001 }, (_, index) => [121.518 + index * 0.000001, 31.22]) }), 422, 'InvalidProject', 'geometry.coordinates'],
  ])('refuses %s (%s %s, naming %s), storing nothing', async (_name, body, status, code, field) => {
    const before = await projectCount();
    const response = await post(server, body);
    expect(response.status, JSON.stringify(response.body).slice(0, 500)).toBe(status);
    expect(response.body.code).toBe(code);
    expect(response.body.message.length).toBeGreaterThan(0);
    expect(response.body.messageZh).toMatch(/[\u4e00-\u9fff]/);
    if (field) {
      expect(response.body.problems.map((problem: any) => problem.field)).toContain(field);
      for (const problem of response.body.problems) expect(problem.messageZh).toMatch(/\S/);
      expect(response.body.message).toContain(field);
    }
    expect(await projectCount()).toBe(before);
  });

  it('explains a self-intersection with its place and offers ST_MakeValid\'s repair, which is accepted', async () => {
    const response = await post(server, feature({}, bowTie));
    expect(response.status).toBe(422);
    expect(response.body.problems[0].field).toBe('geometry');
    expect(response.body.message).toMatch(/Self-intersection at 121\.5205, 31\.2205/);
    expect(response.body.messageZh).toMatch(/自相交/);
    expect(response.body.suggestedGeometry.type).toBe('MultiPolygon');
    const repaired = await post(server, feature({ code: 'T-REPAIRED' }, response.body.suggestedGeometry));
    expect(repaired.status, JSON.stringify(repaired.body)).toBe(201);
  });

  it('accepts a point 190 m outside the boundary and refuses one 950 m outside (the margin is 500 m)', async () => {
    const [east, north] = boundaryEast;
    const near = await post(server, feature({ code: 'T-MARGIN' }, { type: 'Point', coordinates: [east + 0.002, north] }));
    expect(near.status, JSON.stringify(near.body)).toBe(201);
    const far = await post(server, feature({}, { type: 'Point', coordinates: [east + 0.01, north] }));
    expect(far.status).toBe(422);
    expect(far.body.message).toMatch(/\d+ m outside/);
    expect(far.body.messageZh).toMatch(/米/);
  });

  it('refuses a body over 1 MB with 413', async () => {
    // On a connection of its own: the server closes it without reading the rest of the body.
    const huge = JSON.stringify(feature({ description: 'x'.repeat(1_100_000) }));
    const { status, text } = await new Promise<{ status: number; text: string }>((resolveResponse, reject) => {
      const request = httpRequest(`${server.url}${items}`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...editor?.headers } }, (response) => {
        let text = '';
        response.on('data', (chunk) => { text += chunk; });
        response.on('end', () => resolveResponse({ status: response.statusCode ?? 0, text }));
      });
      request.on('error', reject);
      request.end(huge);
    });
    expect(status).toBe(413);
    expect(JSON.parse(text).messageZh).toMatch(/1 MB/);
  });

  it('refuses a write that is not JSON with 415 (text/plain, a form, no content type), changing nothing', async () => {
    const before = await projectCount();
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', '']) {
      const response = await post(server, feature({ code: 'T-PLAIN' }), items, 'POST', { 'content-type': contentType });
      expect(response.status, contentType).toBe(415);
      expect(response.body.code).toBe('UnsupportedMediaType');
      expect(response.body.messageZh).toMatch(/application\/json/);
    }
    expect(await projectCount()).toBe(before);
    expect((await post(server, feature({ code: 'T-GEOJSON' }), items, 'POST', { 'content-type': 'application/geo+json' })).status).toBe(201);
  });

  it('stores SQL-looking text as text', async () => {
    const title = "x'); drop table project; --";
    const response = await post(server, feature({ code: 'T-SQL', title_zh: title, description: "' or 1=1 --" }));
    expect(response.status).toBe(201);
    expect(response.body.properties.title_zh).toBe(title);
    expect((await getJson(server, `${items}/T-SQL`)).body.properties.description).toBe("' or 1=1 --");
  });

  it('refuses a PATCH that changes the code or adds unknown members, and a PUT whose body breaks a rule, changing nothing', async () => {
    const created = await post(server, feature({ code: 'T-RULES' }));
    const path = `${items}/T-RULES`;
    const headers = { 'if-match': created.etag! };
    const changeCode = await post(server, { properties: { code: 'T-OTHER' } }, path, 'PATCH', headers);
    expect(changeCode.status).toBe(422);
    expect(changeCode.body.problems[0].field).toBe('properties.code');
    const unknown = await post(server, { colour: 'red' }, path, 'PATCH', headers);
    expect(unknown.status).toBe(422);
    const removeRequired = await post(server, { properties: { title_zh: null } }, path, 'PATCH', headers);
    expect(removeRequired.status).toBe(422);
    expect(removeRequired.body.problems[0].field).toBe('properties.title_zh');
    const badPut = await post(server, feature({ end_date: '2020-01-01' }), path, 'PUT', headers);
    expect(badPut.status).toBe(422);
    const now = await getJson(server, path);
    expect(now.body.properties.version).toBe(1);
    expect((await getJson(server, `${path}/history`)).body.versions).toHaveLength(1);
  });

  it('answers no 500 to anything a user can send', async () => {
    const bodies: unknown[] = [
      '', 'null', 'true', '{}', '{"type":"Feature"}', '\u0000', '{"a":"\\u0000"}', '{"properties":{"\\u0000":1}}',
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: 5 }, properties: properties() },
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[1e309, 0]]] }, properties: properties() },
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[121.52, 31.22], [121.52, 31.22], [121.52, 31.22], [121.52, 31.22]]] }, properties: properties() },
      { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [[[[121.52, 31.22]]]] }, properties: properties() },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [121.52, 31.22, 5, 6] }, properties: properties() },
      feature({ linked_features: 'all' }), feature({ linked_features: [{ collection_id: "x'; drop table feature; --", feature_key: 'y' }] }),
      feature({ partner_units: Array.from({ length: 30 }, () => '党建办') }), feature({ budget_ten_thousand_yuan: 'lots' }),
    ];
    await post(server, feature({ code: 'T-FUZZ' }));
    for (const body of bodies) {
      for (const [method, path, headers] of [
        ['POST', items, {}], ['PUT', `${items}/T-FUZZ`, { 'if-match': '*' }], ['PATCH', `${items}/T-FUZZ`, { 'if-match': '*' }], ['POST', '/api/impact', {}],
      ] as const) {
        const response = await post(server, body, path, method, headers);
        expect(response.status, `${method} ${path} ${JSON.stringify(body).slice(0, 80)}: ${JSON.stringify(response.body).slice(0, 200)}`).toBeLessThan(500);
        // An empty merge patch is a valid PATCH, and /impact reads only the geometry; everything else here is refused.
        if (path !== '/api/impact' && !(method === 'PATCH' && response.status === 200)) expect(response.status, `${method} ${JSON.stringify(body).slice(0, 80)}`).toBeGreaterThanOrEqual(400);
      }
    }
    for (const path of [`${items}/${encodeURIComponent("x' or '1'='1")}`, `${items}/${'a'.repeat(300)}`, `${items}/T-FUZZ/history/abc/restore`]) {
      const response = await post(server, '', path, path.endsWith('restore') ? 'POST' : 'GET', { 'if-match': '*' });
      expect(response.status, path).toBeLessThan(500);
    }
  });
});
