import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../client/api/api-client.ts';
import { fetchAllFeatures } from '../../../client/api/collections.ts';
import { fetchCoverage } from '../../../client/api/coverage.ts';
import { exportUrl } from '../../../client/api/exports.ts';
import { importIntoCollection, previewImport } from '../../../client/api/imports.ts';
import { deleteProject, fetchProject, patchProject } from '../../../client/api/projects.ts';
import { patchRenovationRecord } from '../../../client/api/renovation.ts';
import { changeOwnPassword, changePerson, endSessionsOf } from '../../../client/api/people.ts';
import { fetchSession } from '../../../client/api/session.ts';
import { itemsLimitMaximum } from '../../../server/contract/vocabulary/paging.ts';
import { installFakeFetch } from '../../helpers/fake-fetch.ts';

/**
 * What client/api/ puts on the wire through hc: the paths (with their parameters escaped), the
 * queries, the content types and the If-Match and CSRF headers the server's checks need, and the
 * one ApiError an error body becomes. The server's side of each is tested in test/api.
 */
let fakeFetch: ReturnType<typeof installFakeFetch>;
beforeEach(() => {
  fakeFetch = installFakeFetch();
});
afterEach(() => fakeFetch.restore());

const nextRequest = async () => {
  await new Promise((done) => setTimeout(done, 0));
  return fakeFetch.requests.at(-1)!;
};

describe('client/api over hc<AppType>', () => {
  it('reads a collection page by page at the server\'s largest page until numberMatched are read', async () => {
    const reading = fetchAllFeatures('neighbourhoods');
    const feature = { type: 'Feature', id: 'a', geometry: null, properties: {} };
    const first = await nextRequest();
    expect(first.url).toBe(`/api/collections/neighbourhoods/items?limit=${itemsLimitMaximum}&offset=0`);
    await first.answer({ type: 'FeatureCollection', features: Array(itemsLimitMaximum).fill(feature), numberMatched: itemsLimitMaximum + 1, numberReturned: itemsLimitMaximum });
    const second = await nextRequest();
    expect(second.url).toBe(`/api/collections/neighbourhoods/items?limit=${itemsLimitMaximum}&offset=${itemsLimitMaximum}`);
    await second.answer({ type: 'FeatureCollection', features: [feature], numberMatched: itemsLimitMaximum + 1, numberReturned: 1 });
    expect((await reading).features).toHaveLength(itemsLimitMaximum + 1);
  });

  it('asks the coverage with the question\'s query, and asOf only for a date', async () => {
    void fetchCoverage({ speedMetresPerSecond: 0.9, mode: 'straight-line', includePlaceholders: true }, null);
    expect((await nextRequest()).url).toBe('/api/coverage?speed=0.9&placeholders=include&mode=straight-line');
    void fetchCoverage({ speedMetresPerSecond: 1, mode: 'network', includePlaceholders: false }, '2024-12-31');
    expect((await nextRequest()).url).toBe('/api/coverage?speed=1&placeholders=exclude&mode=network&asOf=2024-12-31');
  });

  it('sends an office\'s file to the import preview as the raw body, with its options in the query and the CSRF token', async () => {
    const file = new Blob(['名称,地址\n潍坊社区卫生服务中心,崂山路639号\n'], { type: 'text/csv' });
    const previewing = previewImport('surveyed_places', file, { fileName: '设施.csv', columns: '{"address":"地址"}', keepGoodRows: 'true' }, 'token');
    const request = await nextRequest();
    expect(request.method).toBe('POST');
    const url = new URL(request.url, 'http://dashboard');
    expect(url.pathname).toBe('/api/collections/surveyed_places/import/preview');
    expect(Object.fromEntries(url.searchParams)).toEqual({ fileName: '设施.csv', columns: '{"address":"地址"}', keepGoodRows: 'true' });
    // The file itself, not a multipart form (the route refuses forms).
    expect(request.rawBody).toBe(file);
    expect(request.headers.get('content-type')).toBe('application/octet-stream');
    expect(request.headers.get('x-csrf-token')).toBe('token');
    await request.answer({ report: { counts: { added: 1 } }, type: 'FeatureCollection', features: [], truncated: false });
    expect((await previewing).report.counts.added).toBe(1);
  });

  it('imports without dryRun and answers the report; a refusal (422) is an ApiError with the Chinese reason', async () => {
    const file = new Blob(['x']);
    const importing = importIntoCollection('facilities', file, { fileName: 'a.xlsx' }, 'token');
    const request = await nextRequest();
    expect(request.url).toBe('/api/collections/facilities/import?fileName=a.xlsx');
    await request.answer({ collectionId: 'facilities', counts: { added: 3 } });
    expect((await importing).counts.added).toBe(3);

    const refused = importIntoCollection('facilities', file, { fileName: 'swapped.csv' }, 'token').catch((error: unknown) => error);
    await (await nextRequest()).answer({ code: 'BadRows', message: 'Nothing was loaded', messageZh: '未导入：疑似经纬度颠倒' }, 422);
    const error = await refused;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, messageZh: '未导入：疑似经纬度颠倒' });
  });

  it('sends a project edit as a JSON merge patch with If-Match and the CSRF token, and returns the new ETag', async () => {
    const saving = patchProject('P6/1 新', { properties: { title_zh: '改' } }, '"p1-v3"', { csrfToken: 'token' });
    const request = await nextRequest();
    expect(request.method).toBe('PATCH');
    expect(request.url).toBe('/api/collections/projects/items/P6%2F1%20%E6%96%B0');
    expect(request.headers.get('content-type')).toBe('application/merge-patch+json');
    expect(request.headers.get('if-match')).toBe('"p1-v3"');
    expect(request.headers.get('x-csrf-token')).toBe('token');
    expect(JSON.parse(request.body!)).toEqual({ properties: { title_zh: '改' } });
    await request.answer({ type: 'Feature', id: 'P6/1 新', geometry: null, properties: {} }, 200, { etag: '"p1-v4"' });
    expect((await saving).etag).toBe('"p1-v4"');
  });

  it('sends a renovation edit as a JSON merge patch with If-Match and the CSRF token', async () => {
    void patchRenovationRecord('潍坊一村', { note: '已核实' }, '"r1-v2"', 'token');
    const request = await nextRequest();
    expect(request.url).toBe(`/api/renovation/${encodeURIComponent('潍坊一村')}`);
    expect(request.headers.get('content-type')).toBe('application/merge-patch+json');
    expect(request.headers.get('if-match')).toBe('"r1-v2"');
    expect(request.headers.get('x-csrf-token')).toBe('token');
  });

  it('turns the error body into one ApiError with what the conflict dialog and the form need', async () => {
    // Caught before the answer comes, so that the rejection is never unhandled.
    const deleting = deleteProject('P1-1', '"p1-v1"', { csrfToken: 'token' }).catch((caught: unknown) => caught);
    const request = await nextRequest();
    expect(request.method).toBe('DELETE');
    expect(request.headers.get('if-match')).toBe('"p1-v1"');
    await request.answer({ code: 'PreconditionFailed', message: 'stale', messageZh: '已被修改', currentVersion: 4 }, 412);
    const error = await deleting;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 412, code: 'PreconditionFailed', message: 'stale', messageZh: '已被修改', currentVersion: 4, problems: [], current: null });

    const reading = fetchProject('P1-1').catch((caught: unknown) => caught);
    await (await nextRequest()).answer({ code: 'InvalidRequest', message: 'bad', messageZh: '错误', problems: [{ field: 'code', message: 'bad', messageZh: '错误' }] }, 422);
    await expect(reading).resolves.toMatchObject({ status: 422, problems: [{ field: 'code', message: 'bad', messageZh: '错误' }] });
  });

  it('sends the admin page\'s changes and one\'s own password change as JSON with the CSRF token, the name escaped in the path', async () => {
    void changePerson('wang.min', { role: 'viewer', disabled: true }, 'token');
    const patch = await nextRequest();
    expect([patch.method, patch.url]).toEqual(['PATCH', '/api/users/wang.min']);
    expect(patch.headers.get('content-type')).toBe('application/json');
    expect(patch.headers.get('x-csrf-token')).toBe('token');
    expect(JSON.parse(patch.body!)).toEqual({ role: 'viewer', disabled: true });

    const ending = endSessionsOf('li/hua', 'token');
    const ended = await nextRequest();
    expect([ended.method, ended.url]).toEqual(['DELETE', '/api/users/li%2Fhua/sessions']);
    await ended.answer({ sessionsEnded: 2 });
    await expect(ending).resolves.toBe(2);

    void changeOwnPassword('the-old-password', 'a-new-long-password', 'token');
    const change = await nextRequest();
    expect([change.method, change.url]).toEqual(['PUT', '/api/session/password']);
    expect(change.headers.get('x-csrf-token')).toBe('token');
    expect(JSON.parse(change.body!)).toEqual({ currentPassword: 'the-old-password', newPassword: 'a-new-long-password' });
  });

  it('reads the session with the cookie, and nobody as null', async () => {
    const reading = fetchSession();
    const request = await nextRequest();
    expect(request.url).toBe('/api/session');
    await request.answer({ signedIn: false });
    await expect(reading).resolves.toBeNull();
  });

  it('links an export for the dashboard\'s date', () => {
    expect(exportUrl('estates', 'csv', null)).toBe('/api/exports/estates.csv');
    expect(exportUrl('projects', 'geojson', '2024-12-31')).toBe('/api/exports/projects.geojson?asOf=2024-12-31');
  });
});
