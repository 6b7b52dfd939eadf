import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '../../server/contract/vocabulary/as-of.ts';
import { getJson, serversUnderTest } from '../helpers/api.ts';
import { startPrivateServer } from '../helpers/private-server.ts';
import type { ServerUnderTest } from '../helpers/start-servers.ts';
import { signInAs, type SignedIn } from './projects-sign-in.ts';

/**
 * The project schedule from Excel (issue 10, item 4): the workbook downloaded from the
 * dashboard, filled as an office would, brought back with a preview, If-Match per row and a list
 * of conflicts; each row a dated report, so "as of 2023" is read from what was recorded.
 */

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const template = '/api/projects/schedule/template.xlsx';
const importPath = '/api/projects/schedule/import';
const items = '/api/collections/projects/items';

type Fill = Record<string, string | number | Date | null>;

/** The downloaded workbook with some rows filled in, by project code and column name. */
async function fillWorkbook(bytes: ArrayBuffer, fills: Record<string, Fill>): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  const sheet = workbook.getWorksheet('进度填报')!;
  const header = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ''));
  const seen = new Set<string>();
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const code = String(row.getCell(header.indexOf('编号')).value);
    const fill = fills[code];
    if (!fill) return;
    seen.add(code);
    for (const [column, value] of Object.entries(fill)) {
      const index = header.indexOf(column);
      if (index < 1) throw new Error(`no column ${column} in ${header.join(',')}`);
      row.getCell(index).value = value;
    }
  });
  for (const code of Object.keys(fills)) if (!seen.has(code)) throw new Error(`no row for ${code}`);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe.each(serversUnderTest())('the project schedule from Excel on the $database database', (shared) => {
  let server: ServerUnderTest & { stop: () => Promise<void> };
  let editor: SignedIn;
  let codes: string[];

  beforeAll(async () => {
    server = await startPrivateServer(shared, 'schedule');
    editor = await signInAs(server, 'editor', 'schedule-editor');
    const listed = await getJson(server, `${items}?limit=1000`);
    codes = listed.body.features.map((feature: any) => feature.id as string).sort();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const download = async () => {
    const response = await fetch(`${server.url}${template}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(xlsxType);
    return response.arrayBuffer();
  };
  const send = async (bytes: Uint8Array<ArrayBuffer>, dryRun: boolean, headers: Record<string, string> = editor.headers) => {
    const response = await fetch(`${server.url}${importPath}?dryRun=${dryRun}`, { method: 'POST', body: bytes, headers: { 'content-type': xlsxType, ...headers } });
    return { status: response.status, body: await response.json() as any };
  };
  const project = async (code: string) => (await getJson(server, `${items}/${code}`)).body.properties;
  const stateOn = async (code: string, asOf: string) => {
    const summary = (await getJson(server, `/api/leaders/summary?asOf=${asOf}`)).body;
    return { row: summary.projects.list.find((row: any) => row.code === code), recorded: summary.projects.all.recorded.codes as string[] };
  };

  it('downloads every project as a row with its version, 状态 in Chinese and dates as Excel dates', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await download());
    const sheet = workbook.getWorksheet('进度填报')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['编号', '项目名称', '专项行动', '任务', '状态', '进度（%）', '开始日期', '结束日期', '牵头单位', '填报日期', '版本']);
    expect(sheet.rowCount - 1).toBe(codes.length);
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe(codes[0]);
    expect(['计划中', '实施中', '已完成', '暂缓']).toContain(first.getCell(5).value);
    expect(first.getCell(7).value).toBeInstanceOf(Date);
    expect(String(first.getCell(11).value)).toMatch(/^p\d+-v\d+$/);
    expect(workbook.getWorksheet('填写说明')).toBeDefined();
  });

  it('previews each row (update, conflict, unchanged) without writing, then writes the rows that apply and lists the conflicts', async () => {
    const [recordedA, recordedC, changedSince] = codes;
    const bytes = await fillWorkbook(await download(), {
      [recordedA]: { 状态: '实施中', '进度（%）': 40, 开始日期: new Date('2023-01-01T00:00:00Z'), 结束日期: new Date('2025-12-31T00:00:00Z'), 填报日期: new Date('2023-06-30T00:00:00Z') },
      [recordedC]: { 状态: '已完成', '进度（%）': 100, 开始日期: '2023-03-01', 结束日期: '2024/11/30', 填报日期: '2024年12月31日' },
      [changedSince]: { '进度（%）': 55 },
    });
    // Someone saves changedSince after the download: its row's version no longer matches.
    const read = await fetch(`${server.url}${items}/${changedSince}`);
    const patched = await fetch(`${server.url}${items}/${changedSince}`, {
      method: 'PATCH', body: JSON.stringify({ properties: { progress_percent: 20 } }),
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': read.headers.get('etag')!, ...editor.headers },
    });
    expect(patched.status).toBe(200);
    const versionBefore = (await project(recordedA)).version;

    const preview = await send(bytes, true);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, written: false, counts: { update: 2, conflict: 1, problem: 0, unchanged: codes.length - 3 } });
    const rowOf = (body: any, code: string) => body.rows.find((row: any) => row.code === code);
    expect(rowOf(preview.body, recordedA)).toMatchObject({ outcome: 'update', reportedOn: '2023-06-30', line: 2 });
    expect(rowOf(preview.body, recordedA).changes).toContainEqual({ field: 'progress_percent', before: 0, after: 40 });
    expect(rowOf(preview.body, changedSince)).toMatchObject({ outcome: 'conflict', changes: [{ field: 'progress_percent', before: 20, after: 55 }] });
    expect(rowOf(preview.body, changedSince).currentVersion).not.toBe(rowOf(preview.body, changedSince).rowVersion);
    expect((await project(recordedA)).version).toBe(versionBefore);

    const written = await send(bytes, false);
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({ dryRun: false, written: true, counts: { update: 2, conflict: 1 } });
    const afterA = await project(recordedA);
    expect(afterA).toMatchObject({ status: 'in_progress', progress_percent: 40, start_date: '2023-01-01', end_date: '2025-12-31', version: versionBefore + 1 });
    expect(afterA.assumptions).not.toContain('status');
    expect(afterA.status_reports).toEqual([expect.objectContaining({ reported_on: '2023-06-30', status: 'in_progress', progress_percent: 40, source: 'schedule-import' })]);
    expect((await project(changedSince)).progress_percent).toBe(20);
    const history = (await getJson(server, `${items}/${recordedA}/history`)).body.versions;
    expect(history.at(-1)).toMatchObject({ operation: 'update', actor: 'schedule-editor' });
  });

  it('answers "as of 2023" from the recorded reports, and infers only before the first one', async () => {
    const [recordedA, recordedC] = codes;
    expect((await stateOn(recordedA, '2023-12-31'))).toMatchObject({ row: { status: 'in_progress', progressPercent: 40, recordedOn: '2023-06-30', statusUnverified: false } });
    expect((await stateOn(recordedA, '2023-12-31')).recorded).toContain(recordedA);
    expect((await stateOn(recordedA, '2023-06-29')).row).toMatchObject({ recordedOn: null });
    expect((await stateOn(recordedC, '2024-12-31')).row).toMatchObject({ status: 'completed', progressPercent: 100, recordedOn: '2024-12-31' });
    expect((await stateOn(recordedC, '2024-12-30')).row.recordedOn).toBeNull();
  });

  it('keeps a row dated before the latest report as history, leaving the current state alone', async () => {
    const [recordedA] = codes;
    const before = await project(recordedA);
    const bytes = await fillWorkbook(await download(), { [recordedA]: { 状态: '计划中', '进度（%）': 0, 填报日期: '2023-01-15' } });
    const written = await send(bytes, false);
    expect(written.status).toBe(200);
    expect(written.body.rows.find((row: any) => row.code === recordedA)).toMatchObject({ outcome: 'history' });
    const after = await project(recordedA);
    expect(after).toMatchObject({ status: before.status, progress_percent: before.progress_percent });
    expect(after.status_reports.map((report: any) => report.reported_on)).toEqual(['2023-01-15', '2023-06-30']);
    expect((await stateOn(recordedA, '2023-03-01')).row).toMatchObject({ status: 'planned', progressPercent: 0, recordedOn: '2023-01-15' });
  });

  it('refuses a file with a bad row (422, every problem by row and column) and writes nothing of it', async () => {
    const [, , , fourth, fifth] = codes;
    const before = await project(fourth);
    const bytes = await fillWorkbook(await download(), {
      [fourth]: { '进度（%）': 70 },
      [fifth]: { 状态: '差不多了', '进度（%）': 130, 填报日期: '2999-01-01' },
    });
    const preview = await send(bytes, true);
    expect(preview.body.counts).toMatchObject({ update: 1, problem: 1 });
    const fifthRow = preview.body.rows.find((row: any) => row.code === fifth);
    expect(fifthRow.problems.map((problem: any) => problem.field)).toEqual(['状态', '进度（%）', '填报日期']);
    expect(fifthRow.problems[0].messageZh).toContain('差不多了');
    const refused = await send(bytes, false);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('InvalidSchedule');
    expect(refused.body.problems[0].field).toMatch(/^第 \d+ 行 状态$/);
    expect((await project(fourth)).version).toBe(before.version);
  });

  it('refuses a completed row that ends after its report day, and a second row of one project', async () => {
    const [first] = codes;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await fillWorkbook(await download(), { [first]: { 状态: '已完成', '进度（%）': 100, 结束日期: '2024-05-01', 填报日期: '2024-01-01' } })).buffer);
    const sheet = workbook.getWorksheet('进度填报')!;
    sheet.addRow((sheet.getRow(2).values as unknown[]).slice(1));
    const preview = await send(new Uint8Array(await workbook.xlsx.writeBuffer()), true);
    const rows = preview.body.rows.filter((row: any) => row.code === first);
    expect(rows[0].problems.map((problem: any) => problem.field)).toContain('结束日期');
    expect(rows[1].problems[0].messageZh).toContain('已在第 2 行出现');
  });

  it('records an editor\'s change of status as a report dated today', async () => {
    const code = codes[6];
    const read = await fetch(`${server.url}${items}/${code}`);
    const patched = await fetch(`${server.url}${items}/${code}`, {
      method: 'PATCH', body: JSON.stringify({ properties: { status: 'on_hold' } }),
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': read.headers.get('etag')!, ...editor.headers },
    });
    expect(patched.status).toBe(200);
    const reports = (await patched.json() as any).properties.status_reports;
    // Dated today in Shanghai; the end date it copied is still assumed, so the report does not verify it.
    expect(reports).toEqual([expect.objectContaining({ status: 'on_hold', source: 'editor', reported_on: todayInShanghai() })]);
    expect(reports[0].assumptions).toContain('end_date');
    expect(reports[0].assumptions).not.toContain('status');
  });

  it('takes the schedule from editors only, and says what is wrong with a file that is not one', async () => {
    const bytes = new Uint8Array(await download());
    expect((await send(bytes, true, {})).status).toBe(401);
    const viewer = await signInAs(server, 'viewer');
    expect((await send(bytes, true, viewer.headers)).status).toBe(403);
    const csv = new TextEncoder().encode('名称,地址\n潍坊四村,潍坊路\n');
    const notSchedule = await fetch(`${server.url}${importPath}?dryRun=true`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv', ...editor.headers } });
    expect(notSchedule.status).toBe(400);
    expect((await notSchedule.json() as any).messageZh).toContain('不是项目进度填报表');
    const garbage = await fetch(`${server.url}${importPath}?dryRun=true`, { method: 'POST', body: new Uint8Array([0x50, 0x4b, 1, 2, 3]), headers: { 'content-type': xlsxType, ...editor.headers } });
    expect(garbage.status).toBe(400);
  });
});
