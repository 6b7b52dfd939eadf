import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase } from '../helpers/fresh-database.ts';
import { startServerProcess, type RunningServer } from '../helpers/server-process.ts';
import type { ServerUnderTest } from '../helpers/start-servers.ts';
import { firstAdmin, signIn, signInAs, type SignedIn } from './projects-sign-in.ts';

const run = promisify(execFile);
const projectRoot = resolve(import.meta.dirname, '../..');
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl && process.env.CI) throw new Error('CI is set but DATABASE_URL is not: backup and restore between the two databases must be tested in CI');
if (!databaseUrl) console.warn('\n[api tests] SKIPPED backup and restore between the databases: DATABASE_URL is not set\n');

/** A first start creates PostGIS and seeds: minutes when the machine is busy. */
const serverStartTimeout = 10 * 60_000;
const adminToken = 'backup-test-admin-token';

type DatabaseKind = 'embedded' | 'postgres';

/** A database of its own of either kind, as the environment a server or a command runs with. */
async function createDatabase(kind: DatabaseKind, name: string): Promise<{ environment: Record<string, string>; remove: () => Promise<void> }> {
  if (kind === 'postgres') {
    const url = await createFreshDatabase(databaseUrl!, name);
    return { environment: { DATABASE_URL: url, LIFECIRCLE_ADMIN_TOKEN: adminToken }, remove: async () => {} };
  }
  const directory = mkdtempSync(join(tmpdir(), `lifecircle-${name}-`));
  return { environment: { DATABASE_URL: '', DATA_DIR: directory, LIFECIRCLE_ADMIN_TOKEN: adminToken }, remove: async () => rmSync(directory, { recursive: true, force: true }) };
}

/** Runs `npm run backup|restore -- file` as a person would; resolves with its exit code and output. */
async function runCommand(command: 'backup' | 'restore', file: string, environment: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', `server/cli/${command}.ts`, file], { cwd: projectRoot, env: { ...process.env, ...environment }, timeout: serverStartTimeout });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

const asServer = (server: RunningServer, database: DatabaseKind): ServerUnderTest => ({ database, url: server.url, adminToken });

async function send(server: ServerUnderTest, who: SignedIn, method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method, body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...who.headers, ...headers },
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return { etag: response.headers.get('etag'), body: JSON.parse(text) };
}

/**
 * Edits of every kind a backup must keep: projects created, edited and deleted (their history
 * outlives them), a renovation record edited, a standard edited, a file imported, a person added.
 */
async function makeEdits(server: ServerUnderTest) {
  const editor = await signInAs(server, 'editor', 'editor-backup');
  await signInAs(server, 'viewer', 'viewer-backup');
  // A person disabled: the state and its history come back with the people.
  const admin = await signIn(server, firstAdmin.username, firstAdmin.password);
  await send(server, admin, 'PATCH', '/api/users/viewer-backup', { disabled: true });
  const square = (west: number) => ({ type: 'Polygon', coordinates: [[[west, 31.2195], [west + 0.0005, 31.2195], [west + 0.0005, 31.22], [west, 31.22], [west, 31.2195]]] });
  const properties = (code: string) => ({
    code, title_zh: `备份测试项目 ${code}`, action: 'built_form', item: 6, lead_unit: '城建中心（房管办）', partner_units: ['自治办'], status: 'in_progress',
    start_date: '2024-03-01', end_date: '2025-10-31', progress_percent: 40, budget_ten_thousand_yuan: 55.5, description: '备份与恢复',
    linked_features: [{ collection_id: 'neighbourhoods', feature_key: 'estate-weifang-4' }],
  });
  const kept = await send(server, editor, 'POST', '/api/collections/projects/items', { type: 'Feature', geometry: square(121.5195), properties: properties('B-KEPT') });
  await send(server, editor, 'PATCH', '/api/collections/projects/items/B-KEPT', { properties: { progress_percent: 100, status: 'completed', end_date: '2025-06-30' } }, { 'if-match': kept.etag! });
  const removed = await send(server, editor, 'POST', '/api/collections/projects/items', { type: 'Feature', geometry: square(121.521), properties: properties('B-REMOVED') });
  const response = await fetch(`${server.url}/api/collections/projects/items/B-REMOVED`, { method: 'DELETE', headers: { ...editor.headers, 'if-match': removed.etag! } });
  expect(response.status).toBe(204);
  const renovation = await fetch(`${server.url}/api/renovation/estate-weifang-1`);
  await send(server, editor, 'PATCH', '/api/renovation/estate-weifang-1', { note: '备份前的修改', lifts: { installed: 3 } }, { 'if-match': renovation.headers.get('etag')!, 'content-type': 'application/merge-patch+json' });
  const standard = await fetch(`${server.url}/api/facility-standards/community_health_center`);
  await send(server, editor, 'PATCH', '/api/facility-standards/community_health_center', { maxWalkMetres: 800 }, { 'if-match': standard.headers.get('etag')! });
  const imported = await fetch(`${server.url}/api/collections/backup_test_points/import?fileName=points.csv&title=${encodeURIComponent('备份测试点')}`, {
    method: 'POST', body: 'id,name,lon,lat\nbk-1,备份测试点一,121.5201,31.2201\nbk-2,备份测试点二,121.5213,31.2214\n',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'text/csv' },
  });
  expect(imported.status, await imported.text()).toBe(200);
}

/** The reads that must answer the same on both servers: paths, with the admin's session for /users and people's history. */
async function listReads(server: ServerUnderTest): Promise<string[]> {
  const collections = (await (await fetch(`${server.url}/api/collections`)).json()).collections.map((collection: { id: string }) => collection.id);
  const projects = (await (await fetch(`${server.url}/api/collections/projects/items?limit=10000`)).json()).features.map((feature: { id: string }) => feature.id);
  const estates = (await (await fetch(`${server.url}/api/renovation`)).json()).estates.map((record: { estateKey: string }) => record.estateKey);
  return [
    '/api/collections', '/api/facility-standards', '/api/renovation', '/api/users', '/api/users/viewer-backup/history', `/api/users/${firstAdmin.username}/history`,
    '/api/coverage', '/api/coverage?mode=straight-line&speed=0.9', '/api/coverage?asOf=2023-12-31', '/api/leaders/summary?asOf=2024-12-31',
    ...collections.flatMap((id: string) => [`/api/collections/${id}`, `/api/collections/${id}/items?limit=10000`]),
    ...projects.flatMap((code: string) => [`/api/collections/projects/items/${code}`, `/api/collections/projects/items/${code}/history`]),
    ...estates.flatMap((key: string) => [`/api/renovation/${key}`, `/api/renovation/${key}/history`]),
  ];
}

/** Members that say when or how fast a server answered, not what it holds. */
const momentaryMembers = new Set(['builtMilliseconds', 'computedMilliseconds', 'timeStamp']);
/**
 * Members of /users that follow the sessions, which a backup leaves out (a restored dashboard is
 * a new start), and each server's admin signed in just before the reads.
 */
const sessionMembers = new Set(['activeSessions', 'lastSignedInAt']);

/** Status, ETag and body of a read, with what only says which server answered (its address, when, how fast) taken out. */
async function read(server: ServerUnderTest, path: string, admin: SignedIn) {
  const response = await fetch(`${server.url}${path}`, { headers: path.startsWith('/api/users') ? admin.headers : {} });
  const text = (await response.text()).replaceAll(server.url, 'http://server');
  let momentary = false;
  const leftOut = (key: string) => {
    momentary ||= momentaryMembers.has(key);
    return momentaryMembers.has(key) || (path === '/api/users' && sessionMembers.has(key));
  };
  const body = JSON.parse(text, (key, value) => (leftOut(key) ? undefined : value));
  // An answer that says how fast it was made (the coverage) has an ETag of its bytes, timing included:
  // it differs between servers by that alone. A version's ETag (a project's, a standard's) must not.
  return { path, status: response.status, etag: momentary ? 'of bytes that say how fast they were made' : response.headers.get('etag'), body };
}

describe.skipIf(!databaseUrl).each([
  { from: 'embedded' as const, to: 'postgres' as const },
  { from: 'postgres' as const, to: 'embedded' as const },
])('a backup of the $from database restored into a new $to database', ({ from, to }) => {
  const backupDirectory = mkdtempSync(join(tmpdir(), 'lifecircle-backup-'));
  const backupFile = join(backupDirectory, 'lifecircle.backup');
  const backupOfRestored = join(backupDirectory, 'restored.backup');
  const cleanups: (() => Promise<void>)[] = [];
  let source: ServerUnderTest;
  let restored: ServerUnderTest;
  let sourceEnvironment: Record<string, string>;
  let targetEnvironment: Record<string, string>;
  let backupOutput = '';

  beforeAll(async () => {
    const sourceDatabase = await createDatabase(from, `backup_from_${from}`);
    cleanups.push(sourceDatabase.remove);
    sourceEnvironment = sourceDatabase.environment;
    let sourceServer = await startServerProcess(sourceEnvironment, serverStartTimeout);
    cleanups.unshift(() => sourceServer.stop());
    await makeEdits(asServer(sourceServer, from));
    // The embedded database can be open in one process only: its backup is taken with the server stopped.
    if (from === 'embedded') await sourceServer.stop();
    const backup = await runCommand('backup', backupFile, sourceEnvironment);
    backupOutput = backup.output;
    expect(backup.code, backup.output).toBe(0);
    // Started again after the backup, as the restored one is after the restore: each start's seed
    // step counts a write of the standards in the analysis revision that coverage answers show.
    await sourceServer.stop();
    sourceServer = await startServerProcess(sourceEnvironment, serverStartTimeout);
    source = asServer(sourceServer, from);

    const target = await createDatabase(to, `restore_into_${to}`);
    cleanups.push(target.remove);
    targetEnvironment = target.environment;
    // A file cut short in the middle of the features restores nothing: the same database then
    // takes the whole file, which it would refuse had anything stayed.
    const cutShort = join(backupDirectory, 'cut-short.backup');
    writeFileSync(cutShort, gzipSync(gunzipSync(readFileSync(backupFile)).toString().split('\n').slice(0, 200).join('\n')));
    const refused = await runCommand('restore', cutShort, target.environment);
    expect(refused.code, refused.output).toBe(1);
    expect(refused.output).toMatch(/ends inside table feature \(row \d+ of \d+\): it was cut short; nothing was restored/);
    const restore = await runCommand('restore', backupFile, target.environment);
    expect(restore.code, restore.output).toBe(0);
    // Backed up again before any server starts on it (a start's seed step may write).
    const again = await runCommand('backup', backupOfRestored, target.environment);
    expect(again.code, again.output).toBe(0);
    const restoredServer = await startServerProcess(target.environment, serverStartTimeout);
    cleanups.unshift(() => restoredServer.stop());
    restored = asServer(restoredServer, to);
  }, 4 * serverStartTimeout);

  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
    rmSync(backupDirectory, { recursive: true, force: true });
  }, 120_000);

  it('backs up every table, with projects, their audit, renovation history and people', () => {
    for (const table of ['collection', 'feature', 'feature_import', 'project', 'project_audit', 'project_feature_link', 'estate_renovation', 'estate_renovation_audit', 'facility_standard', 'facility_opening', 'app_user', 'app_user_audit']) {
      expect(backupOutput).toMatch(new RegExp(`\\n  ${table}: [1-9]\\d*`));
    }
    expect(backupOutput).not.toMatch(/user_session/);
  });

  it('answers every read as the original does: collections, items, projects with their ETags and history, renovation, standards, coverage, the leaders\' summary, people', async () => {
    const [sourceAdmin, restoredAdmin] = await Promise.all([signIn(source, firstAdmin.username, firstAdmin.password), signIn(restored, firstAdmin.username, firstAdmin.password)]);
    const paths = await listReads(source);
    expect(await listReads(restored)).toEqual(paths);
    expect(paths.length).toBeGreaterThan(150);
    for (const path of paths) {
      const [expected, actual] = await Promise.all([read(source, path, sourceAdmin), read(restored, path, restoredAdmin)]);
      expect(expected.status, path).toBe(200);
      expect(actual).toEqual(expected);
    }
  }, serverStartTimeout);

  it('holds the same rows as the original: a backup of the restored database equals the first, deleted projects\' history and password hashes included', () => {
    const rows = (file: string) => gunzipSync(readFileSync(file)).toString().split('\n').slice(1);
    expect(rows(backupOfRestored)).toEqual(rows(backupFile));
  });

  it('lets the people sign in with their passwords and edit on from the restored versions', async () => {
    const editor = await signIn(restored, 'editor-backup', 'password-of-editor-backup-long');
    const current = await fetch(`${restored.url}/api/collections/projects/items/B-KEPT`);
    expect(current.headers.get('etag')).toMatch(/-v2"$/);
    const edited = await send(restored, editor, 'PATCH', '/api/collections/projects/items/B-KEPT', { properties: { description: '恢复后的修改' } }, { 'if-match': current.headers.get('etag')! });
    expect(edited.etag).toMatch(/-v3"$/);
    // New rows take new ids: the sequences came back with the data.
    const created = await send(restored, editor, 'POST', '/api/collections/projects/items', {
      type: 'Feature', geometry: { type: 'Point', coordinates: [121.52, 31.22] },
      properties: { code: 'B-AFTER', title_zh: '恢复后新建', action: 'built_form', item: 6, lead_unit: '城建中心（房管办）', status: 'planned', start_date: '2025-01-01', end_date: '2025-12-31', progress_percent: 0 },
    });
    expect(created.etag).toMatch(/^"p\d+-v1"$/);
  });

  it('refuses to restore into a database that holds data, and leaves it as it was', async () => {
    // The PostgreSQL side of the pair can be restored into while its server runs.
    const [environment, server] = from === 'postgres' ? [sourceEnvironment, source] : [targetEnvironment, restored];
    const admin = await signIn(server, firstAdmin.username, firstAdmin.password);
    const before = await read(server, '/api/collections/projects/items?limit=10000', admin);
    const again = await runCommand('restore', backupFile, environment);
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/the database is not empty \(.*feature: \d+ row/);
    expect(await read(server, '/api/collections/projects/items?limit=10000', admin)).toEqual(before);
  });
});
