import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, serversUnderTest } from '../helpers/api.ts';
import { startPrivateServer } from '../helpers/private-server.ts';
import type { ServerUnderTest } from '../helpers/start-servers.ts';
import { signInAs, type SignedIn } from './projects-sign-in.ts';

const estate = 'estate-weifang-1';
const path = `/api/renovation/${estate}`;

async function patch(server: ServerUnderTest, who: SignedIn | null, body: unknown, headers: Record<string, string> = {}, key = estate) {
  const response = await fetch(`${server.url}/api/renovation/${encodeURIComponent(key)}`, {
    method: 'PATCH',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/merge-patch+json', ...who?.headers, ...headers },
  });
  const text = await response.text();
  let json: any = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, etag: response.headers.get('etag'), body: json };
}

async function read(server: ServerUnderTest) {
  const response = await fetch(`${server.url}${path}`);
  return { etag: response.headers.get('etag')!, cacheControl: response.headers.get('cache-control'), record: await response.json() as any };
}

describe.each(serversUnderTest())('renovation records on the $database database', (shared) => {
  let server: ServerUnderTest & { stop: () => Promise<void> };
  let editor: SignedIn;
  let viewer: SignedIn;
  beforeAll(async () => {
    server = await startPrivateServer(shared, 'renovation_edit');
    editor = await signInAs(server, 'editor', 'editor-li');
    viewer = await signInAs(server, 'viewer', 'viewer-zhao');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lists a record for every estate, joined with its name, 居委, households and residents, saying what is assumed', async () => {
    const [renovation, estates] = await Promise.all([getJson(server, '/api/renovation'), getJson(server, '/api/collections/neighbourhoods/items?limit=1000')]);
    expect(renovation.status).toBe(200);
    const keys = renovation.body.estates.map((record: any) => record.estateKey).sort();
    expect(keys).toEqual(estates.body.features.map((feature: any) => String(feature.id)).sort());
    const weifang4 = renovation.body.estates.find((record: any) => record.estateName === '潍坊四村');
    const feature = estates.body.features.find((candidate: any) => candidate.id === weifang4.estateKey);
    expect(weifang4).toMatchObject({ demonstration: true, households: feature.properties.households, residents: feature.properties.residents, residentsCommittee: feature.properties.residents_committee });
    expect(weifang4.comprehensiveRenovation.projectCodes).toContain('P06-01');
    expect(renovation.body.estates.filter((record: any) => record.demonstration).map((record: any) => record.estateName).sort()).toEqual(['潍坊八村', '潍坊四村', '王家宅小区'].sort());
    for (const record of renovation.body.estates) {
      expect(['assumed', 'plan']).toContain(record.source);
      expect(record.assumptions.length).toBeGreaterThan(0);
    }
  });

  it('answers one record with a strong ETag that compression leaves alone, and 404 in both languages for an unknown estate', async () => {
    const { etag, cacheControl, record } = await read(server);
    expect(etag).toMatch(/^"renovation-\d+-\d+"$/);
    expect(cacheControl).toContain('no-transform');
    expect(record.estateKey).toBe(estate);
    const missing = await getJson(server, '/api/renovation/estate-nowhere');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('estate-nowhere');
    expect(missing.body.messageZh).toContain('未找到小区');
    const missingPatch = await patch(server, editor, { note: 'x' }, { 'if-match': '*' }, 'estate-nowhere');
    expect(missingPatch.status).toBe(404);
    expect(missingPatch.body.messageZh).toContain('estate-nowhere');
  });

  it('needs an editor, If-Match (428) and the current version (412 with the current record)', async () => {
    const { etag } = await read(server);
    expect((await patch(server, null, { note: 'x' }, { 'if-match': etag })).status).toBe(401);
    expect((await patch(server, viewer, { note: 'x' }, { 'if-match': etag })).status).toBe(403);
    const without = await patch(server, editor, { note: 'x' });
    expect(without.status).toBe(428);
    expect(without.body.messageZh).toContain('If-Match');
    const stale = await patch(server, editor, { note: 'x' }, { 'if-match': '"renovation-999-1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.current.estateKey).toBe(estate);
    expect(stale.body.current.version).toBe((await read(server)).record.version);
    expect((await patch(server, editor, { note: 'x' }, { 'if-match': `W/${etag}` })).status).toBe(412);
  });

  const refusals: [string, unknown, string][] = [
    ['a year before 2000', { comprehensiveRenovation: { year: 1999 } }, 'comprehensiveRenovation.year'],
    ['a year after 2100', { sewerSeparation: { startYear: 2101 } }, 'sewerSeparation.startYear'],
    ['a year that is not whole', { comprehensiveRenovation: { year: 2024.5 } }, 'comprehensiveRenovation.year'],
    ['a year as text', { comprehensiveRenovation: { year: '2024' } }, 'comprehensiveRenovation.year'],
    ['a negative lift count', { lifts: { installed: -1 } }, 'lifts.installed'],
    ['a negative planned lift count', { lifts: { planned: -3 } }, 'lifts.planned'],
    ['more lifts than any estate could take', { lifts: { installed: 300, planned: 300 } }, 'lifts.planned'],
    ['an unknown status', { comprehensiveRenovation: { status: 'finished' } }, 'comprehensiveRenovation.status'],
    ['done without a year', { comprehensiveRenovation: { status: 'done', year: null } }, 'comprehensiveRenovation.year'],
    ['done in a future year', { comprehensiveRenovation: { status: 'done', startYear: 2030, year: 2031 } }, 'comprehensiveRenovation.year'],
    ['a year on works not planned', { sewerSeparation: { status: 'not_planned' } }, 'sewerSeparation.year'],
    ['a start after the finish', { comprehensiveRenovation: { startYear: 2026, year: 2025 } }, 'comprehensiveRenovation.startYear'],
    ['an unknown field', { colour: 'red' }, 'colour'],
    ['an unknown nested field', { lifts: { height: 3 } }, 'lifts.height'],
    ['a read-only field', { households: 5 }, 'households'],
    ['an unknown source', { source: 'rumour' }, 'source'],
    ['an unknown assumption field', { assumptions: ['everything'] }, 'assumptions.0'],
    ['a project code that is not in the registry', { comprehensiveRenovation: { projectCodes: ['P99-99'] } }, 'comprehensiveRenovation.projectCodes.0'],
    ['the same unknown project code twice, each named', { comprehensiveRenovation: { projectCodes: ['P06-01', 'P99-99', 'P99-99'] } }, 'comprehensiveRenovation.projectCodes.2'],
    ['a member named like a property of every object', JSON.parse('{"__proto__": {}}'), '__proto__'],
    ['a note too long', { note: '长'.repeat(2001) }, 'note'],
  ];
  it.each(refusals)('refuses %s (422 naming the field, nothing stored, no audit row)', async (_label, body, field) => {
    const before = await read(server);
    const history = await getJson(server, `${path}/history`);
    const answer = await patch(server, editor, body, { 'if-match': before.etag });
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('InvalidRenovation');
    expect(answer.body.problems.map((problem: any) => problem.field)).toContain(field);
    for (const problem of answer.body.problems) expect(problem.messageZh).toMatch(/^[^[{]*[\u4e00-\u9fff]/);
    expect(answer.body.messageZh.length).toBeGreaterThan(0);
    const after = await read(server);
    expect(after.etag).toBe(before.etag);
    expect(after.record).toEqual(before.record);
    expect((await getJson(server, `${path}/history`)).body.versions).toHaveLength(history.body.versions.length);
  });

  it('refuses a body that is not a JSON object with 400', async () => {
    const { etag } = await read(server);
    expect((await patch(server, editor, 'not json', { 'if-match': etag })).status).toBe(400);
    const array = await patch(server, editor, '[1,2]', { 'if-match': etag });
    expect(array.status).toBe(400);
    expect(array.body.message).toMatch(/must be a JSON object \(the fields of a renovation record to change\)/);
  });

  it('answers an empty edit with the record as it is: no new version, no audit row', async () => {
    const before = await read(server);
    const history = await getJson(server, `${path}/history`);
    const answer = await patch(server, editor, {}, { 'if-match': before.etag });
    expect(answer.status).toBe(200);
    expect(answer.etag).toBe(before.etag);
    expect((await read(server)).record).toEqual(before.record);
    expect((await getJson(server, `${path}/history`)).body.versions).toHaveLength(history.body.versions.length);
  });

  it('stores an edit as a new version with an audit row (who, when, before, after), and the edited fields are no longer assumptions', async () => {
    const before = await read(server);
    const answer = await patch(server, editor, { lifts: { installed: 4, planned: 6 }, comprehensiveRenovation: { year: 2025, startYear: 2024 }, source: 'survey', confidence: 'medium', note: '房管办台账 2026-11' }, { 'if-match': before.etag });
    expect(answer.status).toBe(200);
    expect(answer.etag).not.toBe(before.etag);
    expect(answer.body.version).toBe(before.record.version + 1);
    expect(answer.body.lifts).toMatchObject({ installed: 4, planned: 6 });
    expect(answer.body.assumptions).not.toContain('comprehensiveRenovation.year');
    expect(answer.body.assumptions).toContain('sewerSeparation.status');
    const history = await getJson(server, `${path}/history`);
    expect(history.body.currentVersion).toBe(answer.body.version);
    const last = history.body.versions.at(-1);
    expect(last).toMatchObject({ version: answer.body.version, operation: 'update', actor: 'editor-li' });
    expect(Date.now() - Date.parse(last.recordedAt)).toBeLessThan(5 * 60_000);
    expect(last.before).toEqual(before.record);
    expect(last.after).toEqual(answer.body);
    expect(history.body.versions[0]).toMatchObject({ version: 1, operation: 'seed', actor: 'seed', before: null });
    // The old ETag is now stale.
    expect((await patch(server, editor, { note: 'again' }, { 'if-match': before.etag })).status).toBe(412);

    if (server.databaseUrl) {
      const client = new pg.Client({ connectionString: server.databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query(`select lifts_installed, lifts_planned, version, source from estate_renovation where estate_key = $1`, [estate]);
        expect(rows[0]).toEqual({ lifts_installed: 4, lifts_planned: 6, version: answer.body.version, source: 'survey' });
        const audit = await client.query(`select count(*)::int as count from estate_renovation_audit where estate_key = $1`, [estate]);
        expect(audit.rows[0].count).toBe(history.body.versions.length);
      } finally {
        await client.end();
      }
    }
  });

  it('refuses at the database what the API would refuse (constraints of migration 006)', async () => {
    if (!server.databaseUrl) return;
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      for (const statement of [
        `update estate_renovation set comprehensive_year = 1999 where estate_key = '${estate}'`,
        `update estate_renovation set lifts_installed = -1 where estate_key = '${estate}'`,
        `update estate_renovation set comprehensive_status = 'finished' where estate_key = '${estate}'`,
        `update estate_renovation set comprehensive_status = 'done', comprehensive_year = null, comprehensive_start_year = null where estate_key = '${estate}'`,
        `insert into estate_renovation (estate_key, comprehensive_status, flat_retrofit_status, sewer_separation_status, source, confidence) values ('estate-nowhere', 'planned', 'not_planned', 'not_planned', 'plan', 'low')`,
      ]) {
        await expect(client.query(statement), statement).rejects.toThrow();
      }
    } finally {
      await client.end();
    }
  });
});
