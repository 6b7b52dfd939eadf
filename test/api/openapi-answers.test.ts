import { Ajv, type ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serversUnderTest } from '../helpers/api.ts';
import { startPrivateServer } from '../helpers/private-server.ts';
import type { ServerUnderTest } from '../helpers/start-servers.ts';
import { firstAdmin, signIn, signInAs, type SignedIn } from './projects-sign-in.ts';

/**
 * The OpenAPI document against the real answers: every path and method the document lists is
 * asked at least once with a good request and once with a failing one, over HTTP, signed in
 * where the route needs it, and every answer's body must be allowed by the schema the document
 * gives for its status and content type (Ajv; OpenAPI 3.0's `nullable` is Ajv's own keyword). A
 * route in the document that no request here reaches fails the last test, and so does an
 * answer with a status or content type the document does not list.
 */

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components: Record<string, unknown>;
}

interface Ask {
  method?: string;
  path: string;
  body?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  /** The status this request must answer: the test is also a check that it was asked right. */
  status: number;
}

interface Answered {
  status: number;
  headers: Headers;
  body: any;
}

const documentId = 'https://lifecircle.local/api/openapi.json';

/**
 * OpenAPI 3.0's `nullable: true` beside a `$ref`, `allOf`, `anyOf` or `oneOf` as JSON Schema
 * says it: this, or null. Ajv reads `nullable` itself only beside a plain `type`, and would
 * still hold a null to the schemas of an `allOf`.
 */
function nullableAsJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(nullableAsJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const converted = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, nullableAsJsonSchema(value)]));
  const composed = ['$ref', 'allOf', 'anyOf', 'oneOf'].some((key) => key in converted);
  if (converted.nullable !== true || (converted.type !== undefined && !composed)) return converted;
  const { nullable: _nullable, ...rest } = converted;
  return { anyOf: [rest, { type: 'null' }] };
}
const json = (value: unknown) => JSON.stringify(value);
const square = (west: number, south: number, size = 0.001) => ({
  type: 'Polygon',
  coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]],
});
const projectProperties = {
  title_zh: '接口文档检查项目', action: 'built_form', item: 6, lead_unit: '城建中心（房管办）', status: 'planned',
  start_date: '2025-03-01', end_date: '2025-10-31', progress_percent: 0,
};

describe.each(serversUnderTest())('every answer of every route matches the OpenAPI document on the $database database', (shared) => {
  let server: ServerUnderTest & { stop: () => Promise<void> };
  let document: OpenApiDocument;
  let admin: SignedIn;
  let editor: SignedIn;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const validators = new Map<string, ValidateFunction>();
  const asked = new Set<string>();

  beforeAll(async () => {
    server = await startPrivateServer(shared, 'openapi');
    document = await (await fetch(`${server.url}/api/openapi.json`)).json() as OpenApiDocument;
    // The components under one id, so that every "#/components/…" of the document resolves.
    ajv.addSchema({ $id: documentId, components: nullableAsJsonSchema(document.components) });
    admin = await signIn(server, firstAdmin.username, firstAdmin.password);
    editor = await signInAs(server, 'editor', 'openapi-editor');
  }, 360_000);
  afterAll(async () => {
    await server?.stop();
  });

  /**
   * The operation of the document a concrete path answers to: /api/renovation/x → /api/renovation/{estateKey}.
   * Where two templates match, the most specific wins (/collections/projects/items/{projectCode}
   * over /collections/{collectionId}/items/{featureId}), as the server's routing does.
   */
  function operationOf(method: string, path: string) {
    const bare = path.split('?')[0];
    const fixedLength = (template: string) => template.replace(/\{[^}]+\}/g, '').length;
    const [template] = Object.keys(document.paths)
      .filter((candidate) => document.paths[candidate][method] !== undefined && new RegExp(`^${candidate.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare))
      .sort((a, b) => fixedLength(b) - fixedLength(a));
    return template ? { key: `${method.toUpperCase()} ${template}`, operation: document.paths[template][method] } : null;
  }

  function validatorFor(schema: unknown): ValidateFunction {
    const text = json(schema).replaceAll('"#/components/', `"${documentId}#/components/`);
    let validate = validators.get(text);
    if (!validate) {
      validate = ajv.compile(nullableAsJsonSchema(JSON.parse(text)) as object);
      validators.set(text, validate);
    }
    return validate;
  }

  /** Asks, and checks the answer against the document: its status, its content type and its body. */
  async function ask({ method = 'GET', path, body, headers = {}, status }: Ask): Promise<Answered> {
    const response = await fetch(`${server.url}${path}`, { method, body, headers });
    const text = await response.text();
    const described = operationOf(method.toLowerCase(), path);
    expect(described, `${method} ${path} is not in the OpenAPI document`).not.toBeNull();
    asked.add(described!.key);
    expect(response.status, `${method} ${path}: ${text.slice(0, 300)}`).toBe(status);
    const answer = described!.operation.responses[String(response.status)] ?? described!.operation.responses.default;
    expect(answer, `${described!.key} answered ${response.status}, which the document does not list`).toBeDefined();
    if (!answer.content) {
      expect(text, `${described!.key} ${response.status} has no body in the document`).toBe('');
      return { status: response.status, headers: response.headers, body: null };
    }
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0].trim();
    const media = answer.content[mediaType];
    expect(media, `${described!.key} ${response.status} answered ${mediaType}; the document lists ${Object.keys(answer.content).join(', ')}`).toBeDefined();
    const value = mediaType.endsWith('json') ? JSON.parse(text) : text;
    const validate = validatorFor(media.schema);
    const valid = validate(value);
    expect(valid, `${described!.key} ${response.status}: ${ajv.errorsText(validate.errors)}; body ${text.slice(0, 300)}`).toBe(true);
    return { status: response.status, headers: response.headers, body: value };
  }

  /** GET requests in order, each with the status it must answer. */
  async function askEach(requests: [path: string, status: number][]) {
    for (const [path, status] of requests) await ask({ path, status });
  }

  const withJson = (who: SignedIn | null, extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', ...who?.headers, ...extra });
  const nul = '?x=%00';

  it('the landing page, conformance, health and settings', async () => {
    for (const path of ['/api', '/api/conformance', '/api/health', '/api/config']) {
      await ask({ path, status: 200 });
      await ask({ path: `${path}${nul}`, status: 400 });
    }
  });

  it('the collections and their features', async () => {
    await askEach([
      ['/api/collections', 200],
      [`/api/collections${nul}`, 400],
      ['/api/collections/facilities', 200],
      ['/api/collections/nothing_here', 404],
      ['/api/collections/neighbourhoods/items?limit=3', 200],
      ['/api/collections/projects/items?limit=3', 200],
      ['/api/collections/facilities/items?bbox=121.51,31.21,121.53,31.23&limit=5&offset=1', 200],
      ['/api/collections/facilities/items?limit=0', 400],
      ['/api/collections/nothing_here/items', 404],
      ['/api/collections/neighbourhoods/items/estate-weifang-4', 200],
      ['/api/collections/neighbourhoods/items/no-such-estate', 404],
    ]);
  }, 60_000);

  it('import of a file, by the admin token or an editor\'s session, and its preview', async () => {
    const importPath = '/api/collections/openapi_parks/import?format=geojson';
    const file = (geometry: unknown) => json({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 'p1', properties: { name: '检查绿地' }, geometry }] });
    const bearer = { authorization: `Bearer ${server.adminToken}` };
    await ask({ method: 'POST', path: importPath, body: file(square(121.52, 31.22)), headers: bearer, status: 200 });
    await ask({ method: 'POST', path: importPath, body: file({ type: 'Point', coordinates: [200, 31] }), headers: bearer, status: 422 });
    await ask({ method: 'POST', path: importPath, body: file(square(121.52, 31.22)), status: 401 });
    await ask({ method: 'POST', path: '/api/collections/Not-Snake/import?format=geojson', body: file(square(121.52, 31.22)), headers: bearer, status: 400 });
    await ask({ method: 'POST', path: '/api/collections/projects/import', body: '{}', headers: bearer, status: 409 });

    // Issue 10: an editor's session imports too; a preview (dryRun, or …/import/preview) writes nothing.
    const list = '名称,地址\n潍坊社区卫生服务中心,浦东新区崂山路639号\n无处可寻,浦东新区不存在路1号\n';
    const columns = `columns=${encodeURIComponent('{"name":"名称","address":"地址"}')}`;
    await ask({ method: 'POST', path: `/api/collections/openapi_office/import?format=csv&${columns}`, body: list, headers: editor.headers, status: 422 });
    await ask({ method: 'POST', path: `/api/collections/openapi_office/import?format=csv&keepGoodRows=true&${columns}`, body: list, headers: editor.headers, status: 200 });
    const dryRun = await ask({ method: 'POST', path: `/api/collections/openapi_office/import?format=csv&dryRun=true&${columns}`, body: list, headers: editor.headers, status: 200 });
    expect(dryRun.body.features).toHaveLength(2);
    const preview = '/api/collections/openapi_office/import/preview';
    const previewed = await ask({ method: 'POST', path: `${preview}?format=csv&${columns}`, body: list, headers: editor.headers, status: 200 });
    expect(previewed.body.features[1].row.problems[0].messageZh).toMatch(/未能定位/);
    await ask({ method: 'POST', path: `${preview}?format=csv&${columns}`, body: list, headers: bearer, status: 200 });
    await ask({ method: 'POST', path: `${preview}?format=csv`, body: list, status: 401 });
    await ask({ method: 'POST', path: `${preview}?format=csv`, body: list, headers: { cookie: editor.cookie }, status: 403 });
    await ask({ method: 'POST', path: `${preview}?format=csv&columns=%7B`, body: list, headers: editor.headers, status: 400 });
    await ask({ method: 'POST', path: `${preview}?format=csv`, body: 'x'.repeat(10 * 1024 * 1024 + 1), headers: editor.headers, status: 413 });
    // Coordinates of 北京 in a file for 潍坊新村: the whole file is refused, the cause named.
    await ask({ method: 'POST', path: '/api/collections/openapi_office/import?format=csv', body: 'lng,lat\n116.40,39.90\n116.41,39.91\n', headers: editor.headers, status: 422 });
  }, 60_000);

  it('the projects: write, read, history, restore, impact, delete', async () => {
    const items = '/api/collections/projects/items';
    const feature = { type: 'Feature', geometry: square(121.5195, 31.2195), properties: projectProperties };
    await ask({ method: 'POST', path: items, body: json(feature), headers: withJson(null), status: 401 });
    await ask({ method: 'POST', path: items, body: '{"type": "Feature",', headers: withJson(editor), status: 400 });
    const invalid = await ask({ method: 'POST', path: items, body: json({ ...feature, properties: { ...projectProperties, item: 99 } }), headers: withJson(editor), status: 422 });
    expect(invalid.body.problems.length).toBeGreaterThan(0);
    const selfCrossing = { type: 'Polygon', coordinates: [[[121.519, 31.219], [121.521, 31.221], [121.521, 31.219], [121.519, 31.221], [121.519, 31.219]]] };
    const repaired = await ask({ method: 'POST', path: items, body: json({ ...feature, geometry: selfCrossing }), headers: withJson(editor), status: 422 });
    expect(repaired.body.suggestedGeometry).toBeDefined();
    const created = await ask({ method: 'POST', path: items, body: json(feature), headers: withJson(editor), status: 201 });
    const code = created.body.properties.code as string;
    const item = `${items}/${encodeURIComponent(code)}`;
    await ask({ method: 'POST', path: items, body: json({ ...feature, properties: { ...projectProperties, code } }), headers: withJson(editor), status: 409 });

    const read = await ask({ path: item, status: 200 });
    await ask({ path: `${items}/NO-SUCH-PROJECT`, status: 404 });
    const firstTag = read.headers.get('etag')!;
    await ask({ method: 'PUT', path: item, body: json(feature), headers: withJson(editor), status: 428 });
    const replaced = await ask({ method: 'PUT', path: item, body: json({ ...feature, properties: { ...projectProperties, progress_percent: 10 } }), headers: withJson(editor, { 'if-match': firstTag }), status: 200 });
    const stale = await ask({ method: 'PUT', path: item, body: json(feature), headers: withJson(editor, { 'if-match': firstTag }), status: 412 });
    expect(stale.body.current.properties.code).toBe(code);
    const patched = await ask({ method: 'PATCH', path: item, body: json({ properties: { progress_percent: 20 } }), headers: withJson(editor, { 'if-match': replaced.headers.get('etag')! }), status: 200 });
    await ask({ method: 'PATCH', path: item, body: json({ colour: 'red' }), headers: withJson(editor, { 'if-match': patched.headers.get('etag')! }), status: 422 });

    const history = await ask({ path: `${item}/history`, status: 200 });
    expect(history.body.versions.length).toBe(3);
    await ask({ path: `${items}/NO-SUCH-PROJECT/history`, status: 404 });
    const restored = await ask({ method: 'POST', path: `${item}/history/1/restore`, headers: { ...editor.headers, 'if-match': patched.headers.get('etag')! }, status: 200 });
    await ask({ method: 'POST', path: `${item}/history/99/restore`, headers: { ...editor.headers, 'if-match': restored.headers.get('etag')! }, status: 404 });

    await ask({ path: `${item}/impact`, status: 200 });
    await ask({ path: `${items}/NO-SUCH-PROJECT/impact`, status: 404 });
    await ask({ method: 'DELETE', path: item, headers: editor.headers, status: 428 });
    await ask({ method: 'DELETE', path: item, headers: { ...editor.headers, 'if-match': restored.headers.get('etag')! }, status: 204 });
  }, 120_000);

  it('the impact of a drawn geometry, and the project vocabulary', async () => {
    await ask({ method: 'POST', path: '/api/impact', body: json({ geometry: square(121.5195, 31.2195) }), headers: withJson(null), status: 200 });
    await ask({ method: 'POST', path: '/api/impact', body: json({ geometry: { type: 'Point', coordinates: [121.52] } }), headers: withJson(null), status: 422 });
    await ask({ method: 'POST', path: '/api/impact', body: 'not json', headers: withJson(null), status: 400 });
    await ask({ path: '/api/projects/vocabulary', status: 200 });
    await ask({ path: `/api/projects/vocabulary${nul}`, status: 400 });
  }, 60_000);

  it('the project schedule workbook: the download, a preview, the write, and its refusals', async () => {
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    await ask({ path: '/api/projects/schedule/template.xlsx', status: 200 });
    await ask({ path: '/api/data-completeness', status: 200 });
    const workbook = new Uint8Array(await (await fetch(`${server.url}/api/projects/schedule/template.xlsx`)).arrayBuffer());
    const upload = (query: string, body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string>, status: number, contentType = xlsx) =>
      ask({ method: 'POST', path: `/api/projects/schedule/import${query}`, body, headers: { 'content-type': contentType, ...headers }, status });
    await upload('?dryRun=true', workbook, editor.headers, 200);
    await upload('', workbook, editor.headers, 200);
    await upload('?dryRun=true', workbook, {}, 401);
    await upload('?dryRun=true', workbook, { cookie: editor.cookie }, 403);
    await upload('?dryRun=true', '名称\n潍坊四村\n', editor.headers, 400, 'text/csv');
    await upload('?dryRun=true', 'x'.repeat(5 * 1024 * 1024 + 1), editor.headers, 413, 'text/csv');
    await upload('', `编号,版本,状态\n${'P06-01'},p0-v0,差不多了\n`, editor.headers, 422, 'text/csv');
  }, 60_000);

  it('the life circle: coverage, one estate, a point, isochrones', async () => {
    await askEach([
      ['/api/coverage?types=community_health_center,wet_market&asOf=2024-12-31', 200],
      ['/api/coverage?mode=straight-line&speed=0.9', 200],
      ['/api/coverage?speed=9', 400],
      ['/api/coverage/estates/estate-weifang-4', 200],
      ['/api/coverage/estates/no-such-estate', 404],
      ['/api/coverage/point?longitude=121.52&latitude=31.225', 200],
      ['/api/coverage/point?longitude=120&latitude=30', 400],
      ['/api/coverage/hex-grid?type=community_health_center&asOf=2024-12-31', 200],
      ['/api/coverage/hex-grid?type=space_port', 400],
      ['/api/isochrones?type=community_health_center&minutes=5,10', 200],
      ['/api/isochrones?point=121.52,31.225&minutes=5', 200],
      ['/api/isochrones?minutes=5', 400],
      ['/api/isochrones?facility=no-such-facility', 404],
    ]);
  }, 120_000);

  it('the standards: read by anyone, edited and reset by editors', async () => {
    await ask({ path: '/api/facility-standards', status: 200 });
    await ask({ path: `/api/facility-standards${nul}`, status: 400 });
    const standard = '/api/facility-standards/wet_market';
    await ask({ method: 'PATCH', path: standard, body: json({ maxWalkMetres: 600 }), headers: withJson(null), status: 401 });
    await ask({ method: 'PATCH', path: standard, body: json({ maxWalkMetres: 'far' }), headers: withJson(editor), status: 400 });
    await ask({ method: 'PATCH', path: '/api/facility-standards/space_port', body: json({ maxWalkMetres: 600 }), headers: withJson(editor), status: 404 });
    await ask({ method: 'PATCH', path: standard, body: json({ maxWalkMetres: 600 }), headers: withJson(editor), status: 428 });
    const read = await ask({ path: standard, status: 200 });
    await ask({ method: 'PATCH', path: standard, body: json({ maxWalkMetres: 600 }), headers: { ...withJson(editor), 'if-match': '"standard-wet_market-0"' }, status: 412 });
    const edited = await ask({ method: 'PATCH', path: standard, body: json({ maxWalkMetres: 600 }), headers: { ...withJson(editor), 'if-match': read.headers.get('etag')! }, status: 200 });
    await ask({ method: 'DELETE', path: `${standard}/edit`, headers: { ...editor.headers, 'if-match': edited.headers.get('etag')! }, status: 200 });
    await ask({ path: `${standard}/history`, status: 200 });
    await ask({ path: '/api/facility-standards/space_port/history', status: 404 });
    await ask({ method: 'DELETE', path: '/api/facility-standards/space_port/edit', headers: editor.headers, status: 404 });
  }, 60_000);

  it('the renovation records: read, history, and an edit with If-Match', async () => {
    await ask({ path: '/api/renovation', status: 200 });
    await ask({ path: `/api/renovation${nul}`, status: 400 });
    const record = '/api/renovation/estate-weifang-4';
    const read = await ask({ path: record, status: 200 });
    await ask({ path: '/api/renovation/no-such-estate', status: 404 });
    const headers = (etag?: string) => ({ 'content-type': 'application/merge-patch+json', ...editor.headers, ...(etag ? { 'if-match': etag } : {}) });
    const tag = read.headers.get('etag')!;
    await ask({ method: 'PATCH', path: record, body: json({ note: '接口文档检查' }), headers: headers(), status: 428 });
    await ask({ method: 'PATCH', path: record, body: json({ colour: 'red' }), headers: headers(tag), status: 422 });
    await ask({ method: 'PATCH', path: record, body: json({ note: '接口文档检查' }), headers: headers(tag), status: 200 });
    const stale = await ask({ method: 'PATCH', path: record, body: json({ note: '又一次' }), headers: headers(tag), status: 412 });
    expect(stale.body.current.estateKey).toBe('estate-weifang-4');
    await ask({ path: `${record}/history`, status: 200 });
    await ask({ path: '/api/renovation/no-such-estate/history', status: 404 });
  }, 60_000);

  it('the leaders\' summary and the exports', async () => {
    await askEach([
      ['/api/leaders/summary?asOf=2024-12-31', 200],
      ['/api/leaders/summary?asOf=2024-02-30', 400],
      ['/api/exports/estates.csv?asOf=2024-12-31', 200],
      ['/api/exports/projects.geojson?action=culture', 200],
      ['/api/exports/facilities.geojson?status=not_open', 200],
      ['/api/exports/estates.xls', 404],
      ['/api/exports/projects.csv?status=done', 400],
    ]);
  }, 180_000);

  it('sign-in, the session, and the people who can sign in', async () => {
    await ask({ method: 'POST', path: '/api/session', body: json({ username: firstAdmin.username, password: 'not the password' }), headers: withJson(null), status: 401 });
    await ask({ method: 'POST', path: '/api/session', body: json({ username: '' }), headers: withJson(null), status: 400 });
    const signedIn = await ask({ method: 'POST', path: '/api/session', body: json(firstAdmin), headers: withJson(null), status: 200 });
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
    const session = await ask({ path: '/api/session', headers: { cookie }, status: 200 });
    expect(session.body.signedIn).toBe(true);
    await ask({ path: '/api/session', status: 200 });
    await ask({ path: `/api/session${nul}`, status: 400 });
    await ask({ method: 'DELETE', path: '/api/session', headers: { cookie }, status: 204 });
    await ask({ method: 'DELETE', path: `/api/session${nul}`, status: 400 });

    await ask({ path: '/api/users', headers: admin.headers, status: 200 });
    await ask({ path: '/api/users', status: 401 });
    const person = { username: 'openapi-viewer', password: 'a-long-password-for-the-check', role: 'viewer' };
    await ask({ method: 'POST', path: '/api/users', body: json(person), headers: withJson(admin), status: 201 });
    await ask({ method: 'POST', path: '/api/users', body: json(person), headers: withJson(admin), status: 409 });

    // The admin page: a role, disabled, sessions, history; and one's own password.
    const personPath = `/api/users/${person.username}`;
    await ask({ method: 'PATCH', path: personPath, body: json({ role: 'editor' }), headers: withJson(admin), status: 200 });
    await ask({ method: 'PATCH', path: personPath, body: json({}), headers: withJson(admin), status: 400 });
    await ask({ method: 'PATCH', path: '/api/users/nobody-at-all', body: json({ role: 'editor' }), headers: withJson(admin), status: 404 });
    await ask({ method: 'PATCH', path: `/api/users/${firstAdmin.username}`, body: json({ disabled: true }), headers: withJson(admin), status: 409 });
    await ask({ method: 'PATCH', path: personPath, body: json({ role: 'admin' }), headers: withJson(null), status: 401 });
    await ask({ method: 'PATCH', path: personPath, body: json({ role: 'admin' }), headers: withJson(editor), status: 403 });
    const personSession = await ask({ method: 'POST', path: '/api/session', body: json(person), headers: withJson(null), status: 200 });
    const personHeaders = { cookie: (personSession.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': personSession.body.csrfToken };
    const change = (body: unknown, headers: Record<string, string>, status: number) => ask({ method: 'PUT', path: '/api/session/password', body: json(body), headers: { 'content-type': 'application/json', ...headers }, status });
    await change({ currentPassword: 'not the password', newPassword: 'another-long-password' }, personHeaders, 403);
    await change({ currentPassword: person.password, newPassword: 'short' }, personHeaders, 400);
    await change({ currentPassword: person.password, newPassword: 'another-long-password' }, {}, 401);
    await change({ currentPassword: person.password, newPassword: 'another-long-password' }, personHeaders, 200);
    await ask({ method: 'DELETE', path: `${personPath}/sessions`, headers: admin.headers, status: 200 });
    await ask({ method: 'DELETE', path: '/api/users/nobody-at-all/sessions', headers: admin.headers, status: 404 });
    await ask({ method: 'DELETE', path: `${personPath}/sessions`, status: 401 });
    await ask({ method: 'DELETE', path: `${personPath}/sessions`, headers: editor.headers, status: 403 });
    await ask({ method: 'PATCH', path: personPath, body: json({ disabled: true }), headers: withJson(admin), status: 200 });
    await ask({ method: 'POST', path: '/api/session', body: json({ username: person.username, password: 'another-long-password' }), headers: withJson(null), status: 403 });
    await ask({ path: `${personPath}/history`, headers: admin.headers, status: 200 });
    await ask({ path: '/api/users/nobody-at-all/history', headers: admin.headers, status: 404 });
    await ask({ path: `${personPath}/history`, status: 401 });
  }, 60_000);

  it('asked every path and method of the document', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.length).toBeGreaterThan(30);
    expect(documented.filter((operation) => !asked.has(operation))).toEqual([]);
  });
});
