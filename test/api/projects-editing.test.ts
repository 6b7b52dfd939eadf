import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, serversUnderTest } from '../helpers/api.ts';
import { startPrivateServer } from '../helpers/private-server.ts';
import type { ServerUnderTest } from '../helpers/start-servers.ts';
import { signInAs, type SignedIn } from './projects-sign-in.ts';

const items = '/api/collections/projects/items';
// A square inside 潍坊四村's part of the subdistrict.
const square = (west = 121.5195, south = 31.2195, size = 0.001) => ({
  type: 'Polygon',
  coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]],
});
const validProperties = () => ({
  title_zh: '测试项目：潍坊四村口袋花园',
  action: 'built_form',
  item: 6,
  lead_unit: '城建中心（房管办）',
  partner_units: ['自治办', '潍坊四村居民区党组织'],
  status: 'planned',
  start_date: '2025-03-01',
  end_date: '2025-10-31',
  progress_percent: 0,
  budget_ten_thousand_yuan: 120,
  description: '口袋花园改造',
  linked_features: [{ collection_id: 'neighbourhoods', feature_key: 'estate-weifang-4' }],
});
const validFeature = (overrides: Record<string, unknown> = {}, geometry: unknown = square()) => ({
  type: 'Feature', geometry, properties: { ...validProperties(), ...overrides },
});

// The editor whose session every write of these tests uses.
let editor: SignedIn | undefined;

function send(server: ServerUnderTest, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...editor?.headers, ...headers },
  });
}

async function sendJson(server: ServerUnderTest, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await send(server, method, path, body, headers);
  const text = await response.text();
  let json: any = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: response.status, etag: response.headers.get('etag'), location: response.headers.get('location'), body: json };
}

describe.each(serversUnderTest())('editing projects (OGC API - Features Part 4) on the $database database', (shared) => {
  let server: ServerUnderTest & { stop: () => Promise<void> };
  beforeAll(async () => {
    server = await startPrivateServer(shared, 'projects_edit');
    editor = await signInAs(server, 'editor', 'editor-wang');
  });
  afterAll(async () => {
    await server?.stop();
  });

  const projectCount = async () => (await getJson(server, '/api/collections/projects')).body.featureCount as number;
  const create = async (overrides: Record<string, unknown> = {}, geometry?: unknown) => {
    const created = await sendJson(server, 'POST', items, validFeature(overrides, geometry));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created;
  };

  it('creates a project: 201 with Location and a strong ETag, readable at the Location and in the collection', async () => {
    const before = await projectCount();
    const created = await create({ code: 'T-CREATE' });
    expect(created.location).toMatch(/\/api\/collections\/projects\/items\/T-CREATE$/);
    expect(created.etag).toMatch(/^"p\d+-v1"$/);
    expect(created.body.properties).toMatchObject({ code: 'T-CREATE', version: 1, action_name_zh: '形态改善', item: 6, budget_ten_thousand_yuan: 120 });
    const read = await fetch(created.location!);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(created.etag);
    expect(await projectCount()).toBe(before + 1);
    const listed = await getJson(server, `${items}?limit=1000`);
    expect(listed.body.features.map((feature: any) => feature.id)).toContain('T-CREATE');
  });

  it('generates a code from the item when none is given, and refuses a code already taken (409)', async () => {
    const generated = await create();
    expect(generated.body.id).toMatch(/^P06-\d+$/);
    const again = await sendJson(server, 'POST', items, validFeature({ code: 'T-CREATE' }));
    expect(again.status).toBe(409);
    expect(again.body.problems[0].field).toBe('properties.code');
  });

  it('gives simultaneous creates without a code distinct codes, all created (the database claims each code)', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => sendJson(server, 'POST', items, validFeature())));
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(201));
    const codes = answers.map((answer) => answer.body.id as string);
    expect(new Set(codes).size).toBe(8);
    for (const code of codes) expect(code).toMatch(/^P06-\d+$/);
  });

  it('refuses a write without If-Match (428) and with a stale one (412), changing nothing', async () => {
    const created = await create({ code: 'T-LOCK' });
    const path = `${items}/T-LOCK`;
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const body = method === 'DELETE' ? undefined : method === 'PUT' ? validFeature({ title_zh: '改' }) : { properties: { title_zh: '改' } };
      const missing = await sendJson(server, method, path, body);
      expect(missing.status, method).toBe(428);
      expect(missing.body.messageZh).toMatch(/If-Match/);
    }
    const updated = await sendJson(server, 'PATCH', path, { properties: { progress_percent: 10 } }, { 'if-match': created.etag! });
    expect(updated.status).toBe(200);
    expect(updated.etag).not.toBe(created.etag);
    expect(updated.body.properties.version).toBe(2);
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const body = method === 'DELETE' ? undefined : method === 'PUT' ? validFeature({ title_zh: '改' }) : { properties: { title_zh: '改' } };
      const stale = await sendJson(server, method, path, body, { 'if-match': created.etag! });
      expect(stale.status, method).toBe(412);
      expect(stale.body.currentVersion).toBe(2);
      expect(stale.body.current.properties.progress_percent).toBe(10);
      // A weak tag never matches (strong comparison).
      const weak = await sendJson(server, method, path, body, { 'if-match': `W/${updated.etag}` });
      expect(weak.status, method).toBe(412);
    }
    const after = await sendJson(server, 'GET', path);
    expect(after.etag).toBe(updated.etag);
    expect(after.body.properties).toMatchObject({ version: 2, title_zh: validProperties().title_zh, progress_percent: 10 });
    const history = await getJson(server, `${path}/history`);
    expect(history.body.versions.map((version: any) => version.version)).toEqual([1, 2]);
  });

  it('replaces with PUT, merges with PATCH (null removes, geometry optional) and deletes with DELETE', async () => {
    const created = await create({ code: 'T-EDIT' });
    const path = `${items}/T-EDIT`;
    const replaced = await sendJson(server, 'PUT', path, validFeature({ title_zh: '整体替换', status: 'in_progress', progress_percent: 40 }, square(121.52, 31.22)), { 'if-match': created.etag! });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body.properties).toMatchObject({ title_zh: '整体替换', status: 'in_progress', version: 2 });
    expect(replaced.body.geometry.coordinates[0][0]).toEqual([121.52, 31.22]);
    const patched = await sendJson(server, 'PATCH', path, { properties: { budget_ten_thousand_yuan: null, description: '只改说明' } }, { 'if-match': replaced.etag!, 'content-type': 'application/merge-patch+json' });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.properties).toMatchObject({ title_zh: '整体替换', description: '只改说明', budget_ten_thousand_yuan: null, version: 3 });
    expect(patched.body.geometry).toEqual(replaced.body.geometry);
    const moved = await sendJson(server, 'PATCH', path, { geometry: { type: 'Point', coordinates: [121.5205, 31.2205] } }, { 'if-match': patched.etag! });
    expect(moved.body.geometry).toEqual({ type: 'Point', coordinates: [121.5205, 31.2205] });
    const deleted = await send(server, 'DELETE', path, undefined, { 'if-match': moved.etag! });
    expect(deleted.status).toBe(204);
    expect((await sendJson(server, 'GET', path)).status).toBe(404);
    expect((await getJson(server, `${items}?limit=1000`)).body.features.map((feature: any) => feature.id)).not.toContain('T-EDIT');
  });

  it('writes no version for a patch that changes nothing, and refuses a patch of another type or with a member named __proto__', async () => {
    const created = await create({ code: 'T-NOOP' });
    const path = `${items}/T-NOOP`;
    const empty = await sendJson(server, 'PATCH', path, {}, { 'if-match': created.etag! });
    expect(empty.status, JSON.stringify(empty.body)).toBe(200);
    expect(empty.etag).toBe(created.etag);
    expect(empty.body.properties.version).toBe(1);
    // JSON.parse keeps the last of two members of one name: this patch says it is a FeatureCollection.
    const otherType = await send(server, 'PATCH', path, '{"type":"Feature","type":"FeatureCollection"}', { 'if-match': created.etag!, 'content-type': 'application/json' });
    expect(otherType.status).toBe(422);
    const prototype = await send(server, 'PATCH', path, '{"properties":{"__proto__":{"is_admin":true}}}', { 'if-match': created.etag!, 'content-type': 'application/json' });
    expect(prototype.status).toBe(422);
    expect(JSON.stringify(await prototype.json())).toContain('__proto__');
    const history = await getJson(server, `${path}/history`);
    expect(history.body.versions.map((version: any) => version.version)).toEqual([1]);
  });

  it('accepts If-Match: * (any current version), as RFC 9110 says', async () => {
    await create({ code: 'T-STAR' });
    const updated = await sendJson(server, 'PATCH', `${items}/T-STAR`, { properties: { progress_percent: 5 } }, { 'if-match': '*' });
    expect(updated.status).toBe(200);
  });

  it('clears an assumption when a person sets the field, unless the patch says which fields are assumed', async () => {
    const seeded = await sendJson(server, 'GET', `${items}/P06-02`);
    expect(seeded.body.properties.assumptions).toEqual(expect.arrayContaining(['status', 'start_date', 'end_date', 'budget_ten_thousand_yuan']));
    const patched = await sendJson(server, 'PATCH', `${items}/P06-02`, { properties: { status: 'completed', progress_percent: 100 } }, { 'if-match': seeded.etag! });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.properties.assumptions).not.toContain('status');
    expect(patched.body.properties.assumptions).not.toContain('progress_percent');
    expect(patched.body.properties.assumptions).toContain('start_date');
    const history = await getJson(server, `${items}/P06-02/history`);
    expect(history.body.versions.at(-1)).toMatchObject({ version: 2, operation: 'update', actor: 'editor-wang' });
  });

  it('keeps an audit record of every write (who, when, version, before, after) and restores an earlier version as a new one', async () => {
    const created = await create({ code: 'T-HISTORY', title_zh: '第一版' }, undefined);
    const path = `${items}/T-HISTORY`;
    const second = await sendJson(server, 'PATCH', path, { properties: { title_zh: '第二版' } }, { 'if-match': created.etag! });
    const third = await sendJson(server, 'PATCH', path, { properties: { title_zh: '第三版' }, geometry: square(121.521, 31.221) }, { 'if-match': second.etag! });
    const failed = await sendJson(server, 'PATCH', path, { properties: { progress_percent: 500 } }, { 'if-match': third.etag! });
    expect(failed.status).toBe(422);
    const history = await getJson(server, `${path}/history`);
    expect(history.status).toBe(200);
    const versions = history.body.versions;
    expect(versions.map((version: any) => [version.version, version.operation])).toEqual([[1, 'create'], [2, 'update'], [3, 'update']]);
    expect(versions[0].before).toBeNull();
    expect(versions[1]).toMatchObject({ actor: 'editor-wang', before: { properties: { title_zh: '第一版' } }, after: { properties: { title_zh: '第二版' } } });
    expect(Date.parse(versions[1].recordedAt)).toBeGreaterThan(Date.now() - 10 * 60_000);

    const staleRestore = await sendJson(server, 'POST', `${path}/history/1/restore`, undefined, { 'if-match': second.etag! });
    expect(staleRestore.status).toBe(412);
    const noPrecondition = await sendJson(server, 'POST', `${path}/history/1/restore`);
    expect(noPrecondition.status).toBe(428);
    const restored = await sendJson(server, 'POST', `${path}/history/1/restore`, undefined, { 'if-match': third.etag! });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.body.properties).toMatchObject({ title_zh: '第一版', version: 4 });
    expect(restored.body.geometry).toEqual(created.body.geometry);
    const after = (await getJson(server, `${path}/history`)).body.versions;
    expect(after.map((version: any) => version.operation)).toEqual(['create', 'update', 'update', 'restore']);
    expect((await sendJson(server, 'POST', `${path}/history/99/restore`, undefined, { 'if-match': restored.etag! })).status).toBe(404);
  });

  it('lets viewers read but not write (403), refuses writes without a session (401) or without the CSRF token (403)', async () => {
    const created = await create({ code: 'T-ROLES' });
    const viewer = await signInAs(server, 'viewer');
    const path = `${items}/T-ROLES`;
    const asViewer = await sendJson(server, 'PATCH', path, { properties: { progress_percent: 1 } }, { ...viewer.headers, 'if-match': created.etag! });
    expect(asViewer.status).toBe(403);
    expect(asViewer.body.messageZh).toMatch(/editor/);
    expect((await sendJson(server, 'POST', items, validFeature(), viewer.headers)).status).toBe(403);
    expect((await sendJson(server, 'GET', path, undefined, viewer.headers)).status).toBe(200);
    const anonymous = await fetch(`${server.url}${path}`, { method: 'DELETE', headers: { 'if-match': created.etag! } });
    expect(anonymous.status).toBe(401);
    const noCsrf = await sendJson(server, 'PATCH', path, { properties: { progress_percent: 1 } }, { 'x-csrf-token': '', 'if-match': created.etag! });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.code).toBe('CsrfTokenInvalid');
    const wrongCsrf = await sendJson(server, 'PATCH', path, { properties: { progress_percent: 1 } }, { 'x-csrf-token': viewer.csrfToken, 'if-match': created.etag! });
    expect(wrongCsrf.status).toBe(403);
    expect((await sendJson(server, 'GET', path)).body.properties.version).toBe(1);
  });

  it('signs in only with the right password, keeps the password hashed, and signs out', async () => {
    const wrong = await fetch(`${server.url}/api/session`, { method: 'POST', body: JSON.stringify({ username: 'admin', password: 'not-the-password' }), headers: { 'content-type': 'application/json' } });
    expect(wrong.status).toBe(401);
    const unknown = await fetch(`${server.url}/api/session`, { method: 'POST', body: JSON.stringify({ username: 'nobody', password: 'not-the-password' }), headers: { 'content-type': 'application/json' } });
    expect(unknown.status).toBe(401);
    const session = await signInAs(server, 'editor');
    const cookieHeader = await fetch(`${server.url}/api/session`, { method: 'POST', body: JSON.stringify({ username: 'admin', password: 'a-long-test-password-for-admin' }), headers: { 'content-type': 'application/json' } });
    expect(cookieHeader.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(cookieHeader.headers.get('set-cookie')).toMatch(/Secure/);
    expect(cookieHeader.headers.get('set-cookie')).toMatch(/SameSite=Strict/);
    const who = await sendJson(server, 'GET', '/api/session', undefined, { cookie: session.cookie });
    expect(who.body).toMatchObject({ signedIn: true, role: 'editor', csrfToken: session.csrfToken });
    const viewer = await signInAs(server, 'viewer');
    expect((await sendJson(server, 'GET', '/api/users', undefined, viewer.headers)).status).toBe(403);
    const weak = await sendJson(server, 'POST', '/api/users', { username: 'weakling', password: 'short', role: 'editor' }, (await signInAs(server, 'admin')).headers);
    expect(weak.status).toBe(400);
    expect((await send(server, 'DELETE', '/api/session', undefined, { cookie: session.cookie })).status).toBe(204);
    expect((await sendJson(server, 'GET', '/api/session', undefined, { cookie: session.cookie })).body.signedIn).toBe(false);
  });

  it('refuses to import a file into the projects collection (409): projects are written through the items API', async () => {
    const response = await sendJson(server, 'POST', '/api/collections/projects/import', '{"type":"FeatureCollection","features":[]}', { authorization: `Bearer ${server.adminToken}` });
    expect(response.status).toBe(409);
  });
  it('says where each project came from like every feature: the plan item for a seeded one, the editor who drew it for a new one; a writer cannot set it', async () => {
    const named = (await getJson(server, `${items}/P06-01`)).body.properties;
    expect(named).toMatchObject({ source: 'plan-text', confidence: 'medium' });
    expect(named.source_detail).toContain('item 6');
    expect(named.source_detail_zh).toContain('第 6 项原文');
    expect(named.source_detail_zh).toContain('初始范围取自计划点名的地点');
    // The plan names no building for P01-01: its outline only illustrates, the least sure.
    const unnamed = (await getJson(server, `${items}/P01-01`)).body.properties;
    expect(unnamed).toMatchObject({ source: 'plan-text', confidence: 'low' });
    expect(unnamed.source_detail_zh).toContain('初始范围仅为示意');
    // An editor drawing its outline makes it surer, but its note still says where it came from.
    const p0101 = await sendJson(server, 'GET', `${items}/P01-01`);
    const redrawn = await sendJson(server, 'PATCH', `${items}/P01-01`, { geometry: square(121.5205, 31.2205) }, { 'if-match': p0101.etag! });
    expect(redrawn.status, JSON.stringify(redrawn.body)).toBe(200);
    expect(redrawn.body.properties.assumptions).not.toContain('geometry');
    expect(redrawn.body.properties).toMatchObject({ source: 'plan-text', confidence: 'medium', source_detail_zh: unnamed.source_detail_zh, source_detail: unnamed.source_detail });

    const created = await create({ source: 'plan-text', source_detail: 'made up', source_detail_zh: '编造', confidence: 'low' });
    expect(created.body.properties).toMatchObject({ source: 'editor', confidence: 'high' });
    expect(created.body.properties.source_detail_zh).toMatch(/^由 editor-wang 于 \d{4}-\d{2}-\d{2} 在本平台绘制录入$/);
    expect(created.body.properties.source_detail).toContain('editor-wang');
    // Still the editor's after an edit that marks a field as assumed; only the confidence follows.
    const edited = await sendJson(server, 'PATCH', `${items}/${created.body.id}`, { properties: { assumptions: ['budget_ten_thousand_yuan'] } }, { 'if-match': created.etag! });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.properties).toMatchObject({ source: 'editor', confidence: 'medium' });
    // The copy OGC clients read carries it too.
    const listed = (await getJson(server, `${items}?limit=1000`)).body.features.find((feature: any) => feature.id === created.body.id);
    expect(listed.properties).toMatchObject({ source: 'editor', confidence: 'medium', source_detail_zh: created.body.properties.source_detail_zh });
  });
});
