import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serversUnderTest } from '../helpers/api.ts';
import { startPrivateServer } from '../helpers/private-server.ts';
import type { ServerUnderTest } from '../helpers/start-servers.ts';
import { hostileCases, scriptPayloads, type GoodValues, type HostileCase, type Operation } from './hostile-corpus.ts';
import { firstAdmin, signIn, signInAs, type SignedIn } from './projects-sign-in.ts';

/**
 * Issue 12, item 8. Every write route and every query route of the OpenAPI document gets at least
 * 60 hostile requests from the generators of hostile-corpus.ts, signed in as someone allowed to
 * use it; each must answer a 4xx (never a 5xx, never a hang) with the one error body, nothing may
 * be stored, and the server must still answer afterwards. A few parameters take free text by
 * design (a file name, a collection's title, a filter by name): there a hostile text may be
 * answered 2xx, as text, if nothing is stored (imports run as dry runs). Then the route walk:
 * every non-GET route of the document refuses an anonymous caller (401) and a viewer (403).
 */

interface OpenApiDocument {
  paths: Record<string, Record<string, {
    parameters?: { name: string; in: string }[];
    requestBody?: { content: Record<string, unknown> };
  }>>;
}

/** Routes any caller may use on purpose: signing in and out, and the impact question the drawing tools ask (read-only, rate-limited). */
const openWrites = new Set(['POST /api/session', 'DELETE /api/session', 'POST /api/impact']);
/**
 * Routes that refuse every caller whatever the role: projects are never imported (409), so the
 * route has nothing to guard.
 */
const refusedForEveryone = new Set(['POST /api/collections/projects/import']);
/** Routes for anyone signed in, viewers included (one's own password): only the anonymous caller is refused. */
const signedInWrites = new Set(['PUT /api/session/password']);
/** Not in the corpus: signing out has no input, and would end the corpus's own session. */
const outsideCorpus = new Set(['DELETE /api/session']);
/** Parameters that take free text by design: a hostile text there is text, answered as such. */
const freeTextParameters = new Set(['layer', 'sheet', 'fileName', 'title', 'columns', 'facility', 'committee', 'leadUnit', 'facilityType', 'action', 'status']);

/**
 * Routes whose only input is a small JSON body of two or three fields, where the generators make
 * fewer than 60 cases; and the projects' import, which takes nothing and answers 409 to every request.
 */
const belowSixty = new Set(['POST /api/session', 'POST /api/users', 'PUT /api/session/password', 'POST /api/collections/projects/import']);

const concurrency = 4;
const projectBody = {
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: [[[121.5195, 31.2195], [121.5205, 31.2195], [121.5205, 31.2205], [121.5195, 31.2205], [121.5195, 31.2195]]] },
  properties: {
    title_zh: '恶意输入测试', action: 'built_form', item: 6, lead_unit: '城建中心（房管办）', status: 'planned',
    start_date: '2025-03-01', end_date: '2025-10-31', progress_percent: 0, description: '说明',
  },
};
const csvFile = 'name,longitude,latitude\n恶意输入测试,121.52,31.22\n';

function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([template, operations]) => Object.entries(operations).map(([method, operation]) => ({
    method: method.toUpperCase(),
    template,
    pathParameters: (operation.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name),
    queryParameters: (operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name),
    headerParameters: (operation.parameters ?? []).filter((parameter) => parameter.in === 'header').map((parameter) => parameter.name),
    bodyTypes: Object.keys(operation.requestBody?.content ?? {}),
  })));
}

const keyOf = (operation: Operation) => `${operation.method} ${operation.template}`;

describe.each(serversUnderTest())('a hostile corpus against every write and query route on the $database database', (shared) => {
  let server: ServerUnderTest & { stop: () => Promise<void> };
  let admin: SignedIn;
  let editor: SignedIn;
  let viewer: SignedIn;
  let operations: Operation[];
  let project: { code: string; etag: string };
  let standard: { facilityType: string; etag: string };
  let estate: { estateKey: string; etag: string };

  beforeAll(async () => {
    server = await startPrivateServer(shared, 'hostile');
    admin = await signIn(server, firstAdmin.username, firstAdmin.password);
    editor = await signInAs(server, 'editor', 'hostile-editor');
    viewer = await signInAs(server, 'viewer', 'hostile-viewer');
    operations = operationsOf(await (await fetch(`${server.url}/api/openapi.json`)).json() as OpenApiDocument);
    const code = (await (await fetch(`${server.url}/api/collections/projects/items?limit=1`)).json()).features[0].id as string;
    project = { code, etag: (await fetch(`${server.url}/api/collections/projects/items/${code}`)).headers.get('etag')! };
    const facilityType = (await (await fetch(`${server.url}/api/facility-standards`)).json()).standards[0].facilityType as string;
    standard = { facilityType, etag: (await fetch(`${server.url}/api/facility-standards/${facilityType}`)).headers.get('etag')! };
    const estateKey = (await (await fetch(`${server.url}/api/renovation`)).json()).estates[0].estateKey as string;
    estate = { estateKey, etag: (await fetch(`${server.url}/api/renovation/${estateKey}`)).headers.get('etag')! };
  }, 360_000);
  afterAll(async () => {
    await server?.stop();
  });

  /** What the server holds: collections and their counts, the projects, standards, renovation records, people and imports. */
  async function snapshot(): Promise<Record<string, string>> {
    const paths = ['/api/collections', '/api/collections/projects/items?limit=10000', '/api/facility-standards', '/api/renovation', '/api/users', '/api/data-completeness'];
    // Without the answer's own timeStamp (OGC API - Features), which changes with every request.
    const texts = await Promise.all(paths.map(async (path) => (await fetch(`${server.url}${path}`, { headers: admin.headers })).text()));
    texts.forEach((text, index) => {
      texts[index] = text.replace(/"timeStamp":"[^"]*"/g, '');
    });
    return Object.fromEntries(paths.map((path, index) => [path, createHash('sha256').update(texts[index]).digest('hex').slice(0, 16)]));
  }

  /** Good values of each operation's parameters and body, and who may call it. */
  function goodValuesOf(operation: Operation): { good: GoodValues; caller: Record<string, string>; bodyBytes: number } {
    const path: Record<string, string> = {
      projectCode: project.code, version: '1', collectionId: operation.template.includes('/import') ? 'hostile_corpus' : 'facilities', featureId: 'x',
      estateId: 'estate-weifang-4', estateKey: estate.estateKey, facilityType: standard.facilityType, file: 'projects.csv',
    };
    const query: Record<string, string> = {};
    if (operation.template.includes('/import') && operation.template.includes('{collectionId}')) Object.assign(query, { format: 'csv', dryRun: 'true' });
    if (operation.template.endsWith('/schedule/import')) query.dryRun = 'true';
    if (operation.template === '/api/isochrones') query.type = 'community_health_center';
    if (operation.template === '/api/coverage/point') Object.assign(query, { longitude: '121.52', latitude: '31.22' });
    const ifMatch = operation.template.startsWith('/api/facility-standards') ? standard.etag : operation.template.startsWith('/api/renovation') ? estate.etag : project.etag;
    const caller: Record<string, string> = { ...(operation.template === '/api/users' ? admin.headers : editor.headers) };
    if (operation.headerParameters.includes('if-match')) caller['if-match'] = ifMatch;
    const key = keyOf(operation);
    const bodies: Record<string, { body: GoodValues['body']; textFields: string[] }> = {
      'POST /api/collections/projects/items': { body: { text: JSON.stringify(projectBody), contentType: 'application/geo+json' }, textFields: ['properties.title_zh', 'properties.lead_unit', 'properties.description', 'properties.code'] },
      'PUT /api/collections/projects/items/{projectCode}': { body: { text: JSON.stringify(projectBody), contentType: 'application/geo+json' }, textFields: ['properties.title_zh', 'properties.lead_unit', 'properties.description'] },
      'PATCH /api/collections/projects/items/{projectCode}': { body: { text: JSON.stringify({ properties: { progress_percent: 5 } }), contentType: 'application/merge-patch+json' }, textFields: ['properties.title_zh', 'properties.lead_unit', 'properties.status'] },
      'POST /api/impact': { body: { text: JSON.stringify({ geometry: projectBody.geometry }), contentType: 'application/json' }, textFields: ['geometry.type'] },
      'PATCH /api/facility-standards/{facilityType}': { body: { text: JSON.stringify({ maxWalkMetres: 700 }), contentType: 'application/json' }, textFields: ['maxWalkMetres'] },
      'PATCH /api/renovation/{estateKey}': { body: { text: JSON.stringify({ note: '备注' }), contentType: 'application/merge-patch+json' }, textFields: ['note'] },
      'POST /api/session': { body: { text: JSON.stringify({ username: 'nobody', password: 'not-the-password' }), contentType: 'application/json' }, textFields: ['username', 'password'] },
      'POST /api/users': { body: { text: JSON.stringify({ username: 'hostile-new', password: 'x', role: 'viewer' }), contentType: 'application/json' }, textFields: ['username', 'password', 'role'] },
    };
    const fileRoute = operation.template.includes('/import');
    const body = bodies[key]?.body ?? (fileRoute ? { text: csvFile, contentType: 'text/csv' } : operation.method === 'GET' || operation.method === 'DELETE' ? undefined : { text: '{}', contentType: 'application/json' });
    const bodyBytes = fileRoute ? (operation.template.endsWith('/schedule/import') ? 5 * 1024 * 1024 : 10 * 1024 * 1024) : key.includes('/session') ? 10_000 : key.includes('/renovation') ? 64 * 1024 : 1024 * 1024;
    return { good: { path, query, body, textFields: bodies[key]?.textFields ?? [] }, caller, bodyBytes };
  }

  /** Write routes, and query routes: the GETs that take a parameter. */
  const corpusOperations = () => operations.filter((operation) => !outsideCorpus.has(keyOf(operation))
    && (operation.method !== 'GET' || operation.pathParameters.length + operation.queryParameters.length > 0));

  async function send(hostile: HostileCase): Promise<{ status: number; contentType: string; text: string }> {
    const body = typeof hostile.body === 'function' ? hostile.body() : hostile.body;
    const response = await fetch(`${server.url}${hostile.path}`, {
      method: hostile.method, headers: hostile.headers, body: hostile.method === 'GET' ? undefined : body,
      signal: AbortSignal.timeout(30_000), ...(typeof hostile.body === 'function' ? { duplex: 'half' } : {}),
    } as RequestInit);
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
  }

  it('at least 60 hostile requests per write and query route: each a clear 4xx, nothing stored, the server still answering', async () => {
    const counts: Record<string, number> = {};
    const failures: string[] = [];
    for (const operation of corpusOperations()) {
      const key = keyOf(operation);
      const { good, caller, bodyBytes } = goodValuesOf(operation);
      const cases = hostileCases(operation, good, caller, { bodyBytes });
      counts[key] = cases.length;
      const before = await snapshot();
      const queue = [...cases];
      await Promise.all(Array.from({ length: concurrency }, async () => {
        for (let hostile = queue.shift(); hostile; hostile = queue.shift()) {
          const answer = await send(hostile).catch((error: Error) => ({ status: 0, contentType: '', text: error.message }));
          const parameter = /parameter (\w+)/.exec(hostile.name)?.[1];
          const freeText = parameter !== undefined && freeTextParameters.has(parameter);
          const refused = answer.status >= 400 && answer.status < 500;
          if (refused) {
            let body: any = null;
            try {
              body = JSON.parse(answer.text);
            } catch {
              // reported below
            }
            if (!answer.contentType.startsWith('application/json') || typeof body?.code !== 'string' || typeof body?.message !== 'string' || typeof body?.messageZh !== 'string') {
              failures.push(`${key} · ${hostile.name}: ${answer.status} without the error body: ${answer.text.slice(0, 120)}`);
            }
          } else if (!(freeText && answer.status >= 200 && answer.status < 300 && !/text\/html/.test(answer.contentType))) {
            failures.push(`${key} · ${hostile.name}: answered ${answer.status} ${answer.text.slice(0, 160)}`);
          }
        }
      }));
      const after = await snapshot();
      for (const path of Object.keys(before)) if (after[path] !== before[path]) failures.push(`${key}: the hostile corpus changed ${path}`);
      expect((await fetch(`${server.url}/api`)).status, `${key}: the server stopped answering`).toBe(200);
    }
    console.log(`hostile corpus on ${server.database}: ${Object.values(counts).reduce((sum, count) => sum + count, 0)} cases over ${Object.keys(counts).length} routes\n`
      + Object.entries(counts).map(([key, count]) => `  ${count.toString().padStart(4)}  ${key}`).join('\n'));
    expect(failures, failures.slice(0, 40).join('\n')).toEqual([]);
    for (const [key, count] of Object.entries(counts)) {
      if (!belowSixty.has(key)) expect(count, `${key} has only ${count} hostile cases`).toBeGreaterThanOrEqual(60);
    }
  }, 600_000);

  it('script in a project\'s text fields is stored and answered as JSON text, verbatim, never as HTML', async () => {
    for (const [index, payload] of scriptPayloads.entries()) {
      const properties = { ...projectBody.properties, title_zh: payload, description: payload, code: `X-SCRIPT-${index}` };
      const created = await fetch(`${server.url}/api/collections/projects/items`, {
        method: 'POST', headers: { ...editor.headers, 'content-type': 'application/geo+json' }, body: JSON.stringify({ ...projectBody, properties }),
      });
      const text = await created.text();
      expect(created.status, text.slice(0, 300)).toBe(201);
      expect(created.headers.get('content-type')).toMatch(/^application\/(geo\+)?json/);
      const read = await fetch(`${server.url}/api/collections/projects/items/X-SCRIPT-${index}`);
      expect(read.headers.get('content-type')).toMatch(/^application\/(geo\+)?json/);
      expect(read.headers.get('x-content-type-options')).toBe('nosniff');
      const feature = await read.json();
      expect([feature.properties.title_zh, feature.properties.description]).toEqual([payload, payload]);
      const removed = await fetch(`${server.url}/api/collections/projects/items/X-SCRIPT-${index}`, { method: 'DELETE', headers: { ...editor.headers, 'if-match': read.headers.get('etag')! } });
      expect(removed.status).toBeLessThan(300);
    }
  });

  it('every route that changes something refuses an anonymous caller (401) and a viewer (403), before it reads the request, and stores nothing', async () => {
    const writes = operations.filter((operation) => operation.method !== 'GET' && !openWrites.has(keyOf(operation)) && !refusedForEveryone.has(keyOf(operation)));
    // The document must list the writes the server has: at least the ones known today.
    expect(writes.length).toBeGreaterThanOrEqual(12);
    const before = await snapshot();
    const failures: string[] = [];
    for (const operation of writes) {
      const { good } = goodValuesOf(operation);
      const path = operation.template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(good.path[name]));
      const query = Object.entries(good.query).map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
      // A body that would be valid: the refusal must be the caller's, not the request's.
      const body = good.body?.text;
      const headers: Record<string, string> = good.body ? { 'content-type': good.body.contentType } : {};
      const callers = [['anonymous', {}, 401], ['viewer', viewer.headers, 403]] as const;
      for (const [who, credentials, status] of callers.filter(([who]) => who === 'anonymous' || !signedInWrites.has(keyOf(operation)))) {
        const response = await fetch(`${server.url}${path}${query ? `?${query}` : ''}`, { method: operation.method, headers: { ...headers, ...credentials, 'if-match': '"any"' }, body });
        const text = await response.text();
        if (response.status !== status) failures.push(`${keyOf(operation)} as ${who}: ${response.status} ${text.slice(0, 160)}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });
});
