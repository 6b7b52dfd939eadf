import { area } from '@turf/turf';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, serversUnderTest } from '../helpers/api.ts';
import { readGeodataCollections } from '../helpers/geodata.ts';
import { startPrivateServer } from '../helpers/private-server.ts';
import { signInAs, type SignedIn } from './projects-sign-in.ts';

const geodata = readGeodataCollections();
const estates = geodata.get('neighbourhoods')?.features ?? [];
const facilities = geodata.get('facilities')?.features ?? [];
const publishedResidents = estates.reduce((total, estate) => total + Number(estate.properties?.residents ?? 0), 0);
const health = 'community_health_center';

describe.each(serversUnderTest())('15-minute life-circle coverage on the $database database', (server) => {
  it('covers every facility type that has a walking distance, saying which standard it used', async () => {
    const { status, body } = await getJson(server, '/api/coverage');
    expect(status).toBe(200);
    const standards = (await getJson(server, '/api/facility-standards')).body.standards;
    const withDistance = standards.filter((standard: any) => standard.walkMetres !== null).map((standard: any) => standard.facilityType).sort();
    expect(body.byType.map((type: any) => type.facilityType).sort()).toEqual(withDistance);
    for (const type of body.byType) {
      expect(['standard', 'level', 'edited']).toContain(type.basis);
      expect(type.residentsShare).toBeGreaterThanOrEqual(0);
      expect(type.residentsShare).toBeLessThanOrEqual(1);
      const bands = type.residentsByMinuteBand;
      expect(bands.upTo5 + bands.upTo10 + bands.upTo15 + bands.over15 + bands.unreachable).toBeCloseTo(body.totalResidents, 6);
      // The minute bands nest: within 5 ⊆ within 10 ⊆ within 15.
      expect(type.residentsShareWithinMinutes['5']).toBeLessThanOrEqual(type.residentsShareWithinMinutes['10']);
      expect(type.residentsShareWithinMinutes['10']).toBeLessThanOrEqual(type.residentsShareWithinMinutes['15']);
    }
    expect(body.byUnit).toHaveLength(estates.length);
  });

  it('leaves placeholder facilities out unless asked, and says how many it left out', async () => {
    const [excluded, included] = await Promise.all([getJson(server, '/api/coverage'), getJson(server, '/api/coverage?placeholders=include')]);
    // Without asOf: today. Real sites a plan project adds are left out until it completes; placeholders
    // are left out by default, and with placeholders=include every one counts (the what-if of the plan's sites).
    const notOpenToday = new Set<string>(excluded.body.facilitiesNotOpen);
    expect(included.body.facilitiesNotOpen.every((key: string) => notOpenToday.has(key))).toBe(true);
    const counts = new Map<string, { real: number; placeholder: number }>();
    for (const facility of facilities) {
      const type = String(facility.properties?.facility_type);
      const count = counts.get(type) ?? { real: 0, placeholder: 0 };
      if (facility.properties?.placeholder === true) count.placeholder += 1;
      else if (!notOpenToday.has(String(facility.id))) count.real += 1;
      counts.set(type, count);
    }
    expect(excluded.body.includePlaceholders).toBe(false);
    for (const type of excluded.body.byType) {
      const count = counts.get(type.facilityType) ?? { real: 0, placeholder: 0 };
      expect(type.facilityCount, type.facilityType).toBe(count.real);
      expect(type.placeholderCount, type.facilityType).toBe(count.placeholder);
      // A type known only by placeholders covers nobody until a real site is known.
      if (count.real === 0) expect(type.residentsShare, type.facilityType).toBe(0);
      // And says so: no real site on any date is no data, not a 0 % to believe.
      const realOnAnyDate = facilities.some((facility) => facility.properties?.facility_type === type.facilityType && facility.properties?.placeholder !== true);
      expect(type.hasData, type.facilityType).toBe(realOnAnyDate);
    }
    expect(excluded.body.byType.some((type: { hasData: boolean }) => !type.hasData)).toBe(true);
    for (const group of excluded.body.byGroup) {
      expect(group.hasData, group.key).toBe(excluded.body.byType.some((type: { facilityType: string; hasData: boolean }) => group.facilityTypes.includes(type.facilityType) && type.hasData));
    }
    expect(excluded.body.allEssentials.hasData).toBe(excluded.body.byGroup.every((group: { hasData: boolean }) => group.hasData));
    for (const type of included.body.byType) {
      const count = counts.get(type.facilityType) ?? { real: 0, placeholder: 0 };
      expect(type.facilityCount, type.facilityType).toBe(count.real + count.placeholder);
      // Counted stand-ins are the type's data (the screens say they are stand-ins).
      expect(type.hasData, type.facilityType).toBe(facilities.some((facility) => facility.properties?.facility_type === type.facilityType));
    }
    expect((await getJson(server, '/api/coverage?placeholders=maybe')).status).toBe(400);
  });

  it('counts the same residents as the database holds', async () => {
    const { body } = await getJson(server, `/api/coverage?types=${health}`);
    expect(body.totalResidents).toBeCloseTo(publishedResidents, 6);
    if (server.databaseUrl) {
      const client = new pg.Client({ connectionString: server.databaseUrl });
      await client.connect();
      const { rows } = await client.query(`select coalesce(sum((properties->>'residents')::float8), 0) as residents, count(*)::int as estates from feature where collection_id = 'neighbourhoods'`);
      await client.end();
      expect(body.totalResidents).toBeCloseTo(Number(rows[0].residents), 6);
      expect(body.byUnit).toHaveLength(rows[0].estates);
    }
  });

  it('never finds straight lines shorter than walks: circles overstate coverage', async () => {
    const [network, straight] = await Promise.all([
      getJson(server, '/api/coverage?mode=network'),
      getJson(server, '/api/coverage?mode=straight-line'),
    ]);
    network.body.byType.forEach((type: any, index: number) => {
      expect(straight.body.byType[index].residentsShare, type.facilityType).toBeGreaterThanOrEqual(type.residentsShare);
    });
    network.body.byUnit.forEach((unit: any, index: number) => {
      for (const [facilityType, metres] of Object.entries(unit.walkMetres)) {
        if (metres !== null) expect(metres as number, `${unit.id} → ${facilityType}`).toBeGreaterThanOrEqual(straight.body.byUnit[index].walkMetres[facilityType] - 0.1);
      }
    });
  });

  it('walks more slowly at the elderly speed: minutes grow, metres stay', async () => {
    const [normal, elderly] = await Promise.all([
      getJson(server, `/api/coverage?types=${health}&speed=1.0`),
      getJson(server, `/api/coverage?types=${health}&speed=0.9`),
    ]);
    const reachable = normal.body.byUnit.find((unit: any) => unit.walkMetres[health] !== null);
    if (!reachable) return;
    const slow = elderly.body.byUnit.find((unit: any) => unit.id === reachable.id);
    expect(slow.walkMetres[health]).toBe(reachable.walkMetres[health]);
    expect(slow.walkMinutes[health]).toBeCloseTo(reachable.walkMetres[health] / 54, 0);
    expect(elderly.body.byType[0].residentsShareWithinMinutes['5']).toBeLessThanOrEqual(normal.body.byType[0].residentsShareWithinMinutes['5']);
  });

  it('without asOf counts the facilities open today, as ?asOf=<today> does, and takes asOf on every route', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const [plain, dated, early] = await Promise.all([getJson(server, '/api/coverage'), getJson(server, `/api/coverage?asOf=${today}`), getJson(server, '/api/coverage?asOf=2022-01-01')]);
    expect(plain.body.asOf).toBe(today);
    expect(plain.body.byType).toEqual(dated.body.byType);
    expect(plain.body.facilitiesNotOpen).toEqual(dated.body.facilitiesNotOpen);
    // The plan adds facilities not open today (its projects are not recorded completed): fewer than all count.
    expect(plain.body.facilitiesNotOpen.length).toBeGreaterThan(0);
    const counted = plain.body.byType.reduce((sum: number, type: any) => sum + type.facilityCount, 0);
    const placeholders = facilities.filter((facility) => facility.properties?.placeholder === true).map((facility) => String(facility.id));
    const realNotOpen = plain.body.facilitiesNotOpen.filter((key: string) => !placeholders.includes(key));
    const typesCounted = new Set(plain.body.byType.map((type: any) => type.facilityType));
    const realWithDistance = facilities.filter((facility) => facility.properties?.placeholder !== true && typesCounted.has(facility.properties?.facility_type));
    expect(counted).toBe(realWithDistance.length - realNotOpen.filter((key: string) => realWithDistance.some((facility) => String(facility.id) === key)).length);
    expect(early.body.facilitiesNotOpen.length).toBeGreaterThanOrEqual(plain.body.facilitiesNotOpen.length);
    for (const path of ['/api/coverage/point?longitude=121.52&latitude=31.225&asOf=2024-02-30', '/api/isochrones?type=park_10min&asOf=tomorrow', `/api/coverage/estates/x?asOf=2024-13-01`]) {
      const answer = await getJson(server, path);
      expect(answer.status, path).toBe(400);
    }
    const estate = plain.body.byUnit[0];
    const estateToday = await getJson(server, `/api/coverage/estates/${encodeURIComponent(estate.id)}`);
    expect(estateToday.body.asOf).toBe(today);
    expect(estateToday.body.estate).toEqual(estate);
  });

  it('gives one estate\'s walking minutes and gap list, the same as the whole coverage', async () => {
    const all = await getJson(server, '/api/coverage');
    const first = all.body.byUnit[0];
    const { status, body } = await getJson(server, `/api/coverage/estates/${encodeURIComponent(first.id)}`);
    expect(status).toBe(200);
    expect(body.estate).toEqual(first);
    expect(body.standards.length).toBe(all.body.byType.length);
  });

  it('answers the walking time from a point to each facility type, near zero at a facility', async () => {
    const clinic = facilities.find((facility) => facility.properties?.facility_type === health);
    expect(clinic).toBeDefined();
    const [longitude, latitude] = (clinic!.geometry as any).coordinates;
    const { status, body } = await getJson(server, `/api/coverage/point?longitude=${longitude}&latitude=${latitude}`);
    expect(status).toBe(200);
    const toClinic = body.byType.find((type: any) => type.facilityType === health);
    // From the clinic's own door: out to the street and back in, nothing more.
    expect(body.accessMetres).toBeGreaterThanOrEqual(0);
    expect(toClinic.distanceMetres).toBeCloseTo(2 * body.accessMetres, -0.5);
    expect(toClinic.facility.id).toBe(clinic!.id);
  });

  it('draws nested isochrones for 5, 10 and 15 minutes from a point, a facility and a type', async () => {
    const clinic = facilities.find((facility) => facility.properties?.facility_type === health)!;
    const [longitude, latitude] = (clinic.geometry as any).coordinates;
    for (const query of [`point=${longitude},${latitude}`, `facility=${encodeURIComponent(String(clinic.id))}`, `type=${health}`]) {
      const { status, contentType, body } = await getJson(server, `/api/isochrones?${query}&minutes=5,10,15`);
      expect(status, query).toBe(200);
      expect(contentType).toContain('application/geo+json');
      expect(body.features.map((feature: any) => feature.properties.minutes)).toEqual([15, 10, 5]);
      const areas = body.features.map((feature: any) => area(feature));
      expect(areas[2]).toBeGreaterThan(0);
      expect(areas[0]).toBeGreaterThanOrEqual(areas[1]);
      expect(areas[1]).toBeGreaterThanOrEqual(areas[2]);
    }
  });

  describe('bad requests get a clear 4xx', () => {
    it.each([
      ['an unknown facility type', '/api/coverage?types=space_port', 400, /space_port/],
      ['a malformed type list', '/api/coverage?types=a,,b', 400, /types/],
      ['a speed too slow', '/api/coverage?speed=0.1', 400, /speed/],
      ['a speed too fast', '/api/coverage?speed=9', 400, /speed/],
      ['a speed that is not a number', '/api/coverage?speed=fast', 400, /speed/],
      ['an unknown mode', '/api/coverage?mode=helicopter', 400, /mode/],
      ['an unknown estate', '/api/coverage/estates/no-such-estate', 404, /no-such-estate/],
      ['a point far outside the area', '/api/coverage/point?longitude=116.4&latitude=39.9', 400, /500 m/],
      ['a point out of range', '/api/coverage/point?longitude=500&latitude=31.2', 400, /longitude/],
      ['a point with empty coordinates', '/api/coverage/point?longitude=&latitude=', 400, /longitude/],
      ['a speed in hexadecimal', '/api/coverage?speed=0x1', 400, /speed/],
      ['a point of empty parts', '/api/isochrones?point=,', 400, /point/],
      ['an isochrone from nothing', '/api/isochrones', 400, /exactly one/],
      ['an isochrone from two things', '/api/isochrones?type=wet_market&point=121.52,31.22', 400, /exactly one/],
      ['an isochrone of 90 minutes', '/api/isochrones?type=wet_market&minutes=90', 400, /minutes/],
      ['an isochrone from an unknown facility', '/api/isochrones?facility=nowhere', 404, /nowhere/],
      ['an isochrone from a bad point', '/api/isochrones?point=here', 400, /point/],
    ])('%s', async (_name, path, status, message) => {
      const response = await getJson(server, path);
      expect(response.status).toBe(status);
      expect(response.body.message).toMatch(message);
    });

    it('editing a standard without signing in answers 401 and changes nothing', async () => {
      const before = (await getJson(server, '/api/facility-standards')).body.standards.find((standard: any) => standard.facilityType === health);
      const patch = await getJson(server, `/api/facility-standards/${health}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ maxWalkMetres: 60 }) });
      expect(patch.status).toBe(401);
      expect(patch.body.messageZh).toMatch(/登录/);
      // Refused before the body is read: a malformed body is not reported to an anonymous caller.
      expect((await getJson(server, `/api/facility-standards/${health}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"maxWalk' })).status).toBe(401);
      expect((await getJson(server, `/api/facility-standards/${health}/edit`, { method: 'DELETE' })).status).toBe(401);
      const after = (await getJson(server, '/api/facility-standards')).body.standards.find((standard: any) => standard.facilityType === health);
      expect(after).toEqual(before);
    });
  });
});

describe.each(serversUnderTest())('coverage follows changes to the data on a private $database database', (shared) => {
  let privateServer: Awaited<ReturnType<typeof startPrivateServer>>;
  beforeAll(async () => {
    privateServer = await startPrivateServer(shared, 'coveragechanges');
  }, 120_000);
  afterAll(async () => {
    await privateServer?.stop();
  });
  const patchStandard = (facilityType: string, body: string, signedIn: SignedIn | null = editor, ifMatch?: string) =>
    getJson(privateServer, `/api/facility-standards/${facilityType}`, { method: 'PATCH', headers: { 'content-type': 'application/json', ...signedIn?.headers, ...(ifMatch ? { 'if-match': ifMatch } : {}) }, body });
  /** The ETag of the standard as it is now, which an edit sends as If-Match. */
  const standardEtag = async (facilityType: string) => (await fetch(`${privateServer.url}/api/facility-standards/${facilityType}`)).headers.get('etag')!;
  let editor: SignedIn;
  beforeAll(async () => {
    editor = await signInAs(privateServer, 'editor');
  }, 60_000);

  it.each([
    ['a distance too small', { maxWalkMetres: 5 }, 400],
    ['a distance that is text', { maxWalkMetres: 'far' }, 400],
    ['an unknown field', { maxWalkMetres: 300, colour: 'red' }, 400],
  ])('an editor editing a standard with %s gets %s', async (_name, body, status) => {
    expect((await patchStandard(health, JSON.stringify(body))).status).toBe(status);
  });

  it('an editor editing an unknown standard gets 404, and malformed JSON 400', async () => {
    expect((await patchStandard('space_port', '{"maxWalkMetres":300}')).status).toBe(404);
    expect((await patchStandard(health, '{"maxWalk')).status).toBe(400);
  });

  it('a viewer, or an editor without the CSRF token, gets 403 and changes nothing', async () => {
    const standardNow = async () => (await getJson(privateServer, '/api/facility-standards')).body.standards.find((standard: any) => standard.facilityType === health);
    const before = await standardNow();
    const viewer = await signInAs(privateServer, 'viewer');
    const byViewer = await patchStandard(health, '{"maxWalkMetres":61}', viewer);
    expect(byViewer.status).toBe(403);
    expect(byViewer.body.code).toBe('Forbidden');
    expect((await getJson(privateServer, `/api/facility-standards/${health}/edit`, { method: 'DELETE', headers: viewer.headers })).status).toBe(403);
    const withoutToken = await patchStandard(health, '{"maxWalkMetres":61}', { ...editor, headers: { cookie: editor.cookie } });
    expect(withoutToken.status).toBe(403);
    expect(withoutToken.body.code).toBe('CsrfTokenInvalid');
    expect(await standardNow()).toEqual(before);
  });

  // Issue 10: tokens give way to the signed-in editor's session (the 导入数据 dialog); a viewer may not import.
  it('an editor\'s or admin\'s session may import as well as the bearer token, each with its X-CSRF-Token; a viewer may not', async () => {
    const csv = (id: string) => `id,name,longitude,latitude\n${id},会话导入,121.52,31.225\n`;
    const post = (headers: Record<string, string>, id = 'session-import') => fetch(`${privateServer.url}/api/collections/session_import_test/import?format=csv&crs=wgs84`, { method: 'POST', headers: { 'content-type': 'text/csv', ...headers }, body: csv(id) });
    const viewer = await signInAs(privateServer, 'viewer');
    const byViewer = await post(viewer.headers);
    expect(byViewer.status).toBe(403);
    expect((await byViewer.json()).code).toBe('Forbidden');
    const withoutToken = await post({ cookie: editor.cookie });
    expect(withoutToken.status).toBe(403);
    expect((await withoutToken.json()).code).toBe('CsrfTokenInvalid');
    expect((await getJson(privateServer, '/api/collections/session_import_test')).status).toBe(404);
    const admin = await signInAs(privateServer, 'admin');
    expect((await post({ cookie: admin.cookie })).status).toBe(403);
    const imported = await post(editor.headers);
    expect(imported.status).toBe(200);
    expect((await post(admin.headers, 'session-import-admin')).status).toBe(200);
    expect((await getJson(privateServer, '/api/collections/session_import_test/items')).body.features.map((feature: any) => feature.id).sort()).toEqual(['session-import', 'session-import-admin']);
  });

  it('recomputes when a planner edits a standard, and says the standard was edited', async () => {
    const before = await getJson(privateServer, `/api/coverage?types=${health}`);
    const edit = await patchStandard(health, JSON.stringify({ maxWalkMetres: 50 }), editor, await standardEtag(health));
    expect(edit.status).toBe(200);
    expect(edit.body.maxWalkMetres).toBe(50);
    const after = await getJson(privateServer, `/api/coverage?types=${health}`);
    expect(after.body.byType[0]).toMatchObject({ walkMetres: 50, basis: 'edited' });
    expect(after.body.byType[0].residentsShare).toBeLessThanOrEqual(before.body.byType[0].residentsShare);
    const restore = await patchStandard(health, JSON.stringify({ maxWalkMetres: before.body.byType[0].walkMetres }), editor, await standardEtag(health));
    expect(restore.status).toBe(200);
    expect((await getJson(privateServer, `/api/coverage?types=${health}`)).body.byType[0].residentsShare).toBe(before.body.byType[0].residentsShare);
  });

  it('serves a question asked again as the same bytes with a strong ETag, 304 for If-None-Match, and computes afresh once the data changes', async () => {
    const url = `${privateServer.url}/api/coverage?types=${health}&speed=1.0`;
    const first = await fetch(url);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const firstBody = await first.json();
    // The same question with its parameters in another order is the same answer.
    const reordered = await fetch(`${privateServer.url}/api/coverage?speed=1.0&types=${health}`);
    expect(reordered.headers.get('etag')).toBe(etag);
    expect(await reordered.json()).toEqual(firstBody);
    const revalidated = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    const walkMetres = firstBody.byType[0].walkMetres;
    expect((await patchStandard(health, JSON.stringify({ maxWalkMetres: walkMetres - 100 }), editor, await standardEtag(health))).status).toBe(200);
    const changed = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((await changed.json()).byType[0].walkMetres).toBe(walkMetres - 100);
    expect((await patchStandard(health, JSON.stringify({ maxWalkMetres: walkMetres }), editor, await standardEtag(health))).status).toBe(200);
    expect((await (await fetch(url)).json()).byType[0].walkMetres).toBe(walkMetres);
  });

  it('undoes a planner\'s edit, back to the standard\'s own distance', async () => {
    const before = await getJson(privateServer, `/api/coverage?types=${health}`);
    await patchStandard(health, JSON.stringify({ maxWalkMetres: 777 }), editor, await standardEtag(health));
    expect((await getJson(privateServer, `/api/coverage?types=${health}`)).body.byType[0]).toMatchObject({ walkMetres: 777, basis: 'edited' });
    const reset = await getJson(privateServer, `/api/facility-standards/${health}/edit`, { method: 'DELETE', headers: { ...editor.headers, 'if-match': await standardEtag(health) } });
    expect(reset.status).toBe(200);
    expect(reset.body.editedAt).toBeNull();
    const after = await getJson(privateServer, `/api/coverage?types=${health}`);
    expect(after.body.byType[0]).toMatchObject({ walkMetres: before.body.byType[0].walkMetres, basis: 'standard' });
    expect((await getJson(privateServer, '/api/facility-standards/space_port/edit', { method: 'DELETE', headers: editor.headers })).status).toBe(404);
  });

  // Issue 12: two planners editing one standard at once; the second is told, not overwritten, and every edit is kept.
  it('takes If-Match: 428 without it, 412 with the version the other planner replaced, and keeps who changed what', async () => {
    const type = 'community_service_center';
    const read = await fetch(`${privateServer.url}/api/facility-standards/${type}`);
    const original = await read.json();
    const firstPlannersTag = read.headers.get('etag')!;
    expect(firstPlannersTag).toBe(`"standard-${type}-${original.version}"`);

    const withoutTag = await patchStandard(type, '{"maxWalkMetres":900}');
    expect(withoutTag.status).toBe(428);
    expect(withoutTag.body.messageZh).toMatch(/If-Match/);

    const firstPlanner = await signInAs(privateServer, 'editor', 'first-planner');
    const secondPlanner = await signInAs(privateServer, 'editor', 'second-planner');
    const first = await patchStandard(type, '{"maxWalkMetres":900}', firstPlanner, firstPlannersTag);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ maxWalkMetres: 900, version: original.version + 1 });
    const second = await patchStandard(type, '{"maxWalkMetres":400}', secondPlanner, firstPlannersTag);
    expect(second.status).toBe(412);
    expect(second.body).toMatchObject({ code: 'PreconditionFailed', currentVersion: original.version + 1, current: { facilityType: type, maxWalkMetres: 900 } });
    expect(second.body.messageZh).toMatch(/已被修改/);
    expect((await getJson(privateServer, `/api/facility-standards/${type}`)).body.maxWalkMetres).toBe(900);

    const undo = await getJson(privateServer, `/api/facility-standards/${type}/edit`, { method: 'DELETE', headers: { ...secondPlanner.headers, 'if-match': firstPlannersTag } });
    expect(undo.status).toBe(412);
    const undone = await getJson(privateServer, `/api/facility-standards/${type}/edit`, { method: 'DELETE', headers: { ...secondPlanner.headers, 'if-match': await standardEtag(type) } });
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ maxWalkMetres: original.maxWalkMetres, editedAt: null });

    const history = await getJson(privateServer, `/api/facility-standards/${type}/history`);
    expect(history.status).toBe(200);
    expect(history.body.currentVersion).toBe(undone.body.version);
    expect(history.body.edits.map((edit: any) => [edit.operation, edit.actor, edit.before.maxWalkMetres, edit.after.maxWalkMetres])).toEqual([
      ['undo-edit', 'second-planner', 900, original.maxWalkMetres],
      ['set-distance', 'first-planner', original.maxWalkMetres, 900],
    ]);
    expect(history.body.edits.every((edit: any) => !Number.isNaN(Date.parse(edit.recordedAt)))).toBe(true);
  });

  it('recomputes when a facility is added', async () => {
    const type = 'wet_market';
    const before = await getJson(privateServer, `/api/coverage?types=${type}`);
    const estate = estates[0];
    const [longitude, latitude] = (estate.properties as any).gates?.[0] ?? [121.52, 31.225];
    const beforeUnit = before.body.byUnit.find((candidate: any) => candidate.id === estate.id);
    const csv = `id,name,facility_type,longitude,latitude\ntest-market,测试菜场,${type},${longitude},${latitude}\n`;
    const imported = await fetch(`${privateServer.url}/api/collections/facilities/import?format=csv&crs=wgs84`, { method: 'POST', headers: { authorization: `Bearer ${privateServer.adminToken}`, 'content-type': 'text/csv' }, body: csv });
    expect(imported.status).toBeLessThan(300);
    const after = await getJson(privateServer, `/api/coverage?types=${type}`);
    expect(after.body.byType[0].facilityCount).toBe(before.body.byType[0].facilityCount + 1);
    const unit = after.body.byUnit.find((candidate: any) => candidate.id === estate.id);
    // A market at the estate's gate: it becomes the nearest, unless one was already as near.
    expect(unit.walkMetres[type]).toBeLessThanOrEqual(beforeUnit.walkMetres[type] ?? Infinity);
    if (beforeUnit.walkMetres[type] === null || unit.walkMetres[type] < beforeUnit.walkMetres[type]) expect(unit.nearestFacility[type]).toBe('test-market');
    expect(after.body.revision).not.toBe(before.body.revision);
  });

});
