import { describe, expect, it } from 'vitest';
import type { ProjectFeature } from '../../../server/contract/projects.ts';
import { planScheduleRow, readScheduleDate, readScheduleRow, type ScheduleTarget } from '../../../server/projects/schedule/plan-schedule-row.ts';

const today = '2026-12-05';

const target = (overrides: Partial<ProjectFeature['properties']> = {}, latestReportDay: string | null = null): ScheduleTarget => ({
  version: 'p7-v3',
  latestReportDay,
  feature: {
    type: 'Feature', id: 'P06-01', geometry: { type: 'Point', coordinates: [121.52, 31.22] },
    properties: {
      code: 'P06-01', title_zh: '潍坊四村综合整新', action: 'built_form', action_name_zh: '形态改善', item: 6, lead_unit: '城建中心（房管办）',
      partner_units: [], status: 'in_progress', start_date: '2023-01-29', end_date: '2025-12-31', progress_percent: 0,
      budget_ten_thousand_yuan: null, description: '', linked_features: [], assumptions: ['status', 'end_date', 'progress_percent'],
      status_reports: [], source: 'plan-text', source_detail: 'The action plan, item 6', source_detail_zh: '行动计划第 6 项', confidence: 'medium', version: 3, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', ...overrides,
    },
  },
});

/** A row as the Excel reader gives it: 编号 is the file id, the other columns properties. */
const row = (cells: Record<string, unknown>, code: string | null = 'P06-01', line = 2) =>
  readScheduleRow({ location: `row ${line}`, line, problems: [], fileId: code ?? undefined, feature: { type: 'Feature', geometry: null, properties: { 版本: 'p7-v3', ...cells } } });

describe('reading a schedule row', () => {
  it('reads the dates offices write, and nothing else as a date', () => {
    expect(['2024-06-30', '2024/6/30', '2024.6.30', '2024年6月30日', '2024-06-30T00:00:00'].map(readScheduleDate)).toEqual(Array(5).fill('2024-06-30'));
    expect(['2024-02-30', '30/6/2024', 'soon', ''].map(readScheduleDate)).toEqual([undefined, undefined, undefined, undefined]);
  });
  it('reads statuses in Chinese words, progress with or without %, and leaves empty cells out', () => {
    expect(row({ 状态: '进行中', '进度（%）': '45%' }).figures).toEqual({ status: 'in_progress', progress_percent: 45 });
    expect(row({ 状态: '已完成', '进度（%）': 100, 牵头单位: ' 自治办 ' }).figures).toEqual({ status: 'completed', progress_percent: 100, lead_unit: '自治办' });
    expect(row({ 状态: null, '进度（%）': '' }).figures).toEqual({});
  });
  it('names the column of each cell it cannot read, in Chinese', () => {
    const read = row({ 状态: '快好了', '进度（%）': 120, 开始日期: '明年', 填报日期: '某天' });
    expect(read.problems.map((problem) => problem.field)).toEqual(['状态', '进度（%）', '开始日期', '填报日期']);
    expect(read.problems[0].messageZh).toContain('快好了');
  });
});

describe('planning a schedule row against the project', () => {
  it('updates what changed, dated today unless the row says otherwise, and stops the fields being assumed', () => {
    const plan = planScheduleRow(row({ '进度（%）': 30 }), target(), today);
    expect(plan.answer).toMatchObject({ outcome: 'update', reportedOn: today, changes: [{ field: 'progress_percent', before: 0, after: 30 }] });
    expect(plan.write?.properties.assumptions).toEqual(['status', 'end_date']);
    expect(plan.write?.figures).toMatchObject({ status: 'in_progress', progress_percent: 30, end_date: '2025-12-31' });
  });
  it('takes only the changed figures as checked from a template row with every cell filled, all of them when a day is written in', () => {
    const templateRow = { 状态: '实施中', '进度（%）': 45, 开始日期: '2023-01-29', 结束日期: '2025-12-31', 牵头单位: '城建中心（房管办）' };
    const changedProgress = planScheduleRow(row(templateRow), target(), today);
    expect(changedProgress.answer.changes.map((change) => change.field)).toEqual(['progress_percent']);
    expect(changedProgress.write?.properties.assumptions).toEqual(['status', 'end_date']);
    expect(changedProgress.write?.assumptions).toEqual(['status', 'end_date']);
    const checkedOnADay = planScheduleRow(row({ ...templateRow, 填报日期: '2026-11-30' }), target(), today);
    expect(checkedOnADay.write?.properties.assumptions).toEqual([]);
  });
  it('leaves a row that changes nothing alone, even when the project changed since the download', () => {
    expect(planScheduleRow(row({ 状态: '实施中', 版本: 'p7-v1' }), target(), today).answer.outcome).toBe('unchanged');
  });
  it('reads no status from a cell naming an object property', () => {
    expect(row({ 状态: 'constructor' }).problems.map((problem) => problem.field)).toEqual(['状态']);
    expect(row({ 状态: '__proto__' }).figures).toEqual({});
  });
  it('is a conflict when the project changed since the download, and names the versions', () => {
    const plan = planScheduleRow(row({ '进度（%）': 30, 版本: 'p7-v2' }), target(), today);
    expect(plan.answer).toMatchObject({ outcome: 'conflict', rowVersion: 'p7-v2', currentVersion: 'p7-v3' });
    expect(plan.write).toBeUndefined();
  });
  it('keeps a row dated before the latest report as history only', () => {
    const plan = planScheduleRow(row({ 状态: '计划中', 填报日期: '2023-01-15' }), target({}, '2024-06-30'), today);
    expect(plan.answer.outcome).toBe('history');
    expect(plan.write?.properties.status).toBe('in_progress');
    expect(plan.write?.figures.status).toBe('planned');
  });
  it('confirms unchanged figures when a day is written in, and otherwise leaves the row alone', () => {
    expect(planScheduleRow(row({ 状态: '实施中', 填报日期: '2026-06-30' }), target(), today).answer.outcome).toBe('confirm');
    expect(planScheduleRow(row({ 状态: '实施中' }), target(), today).answer.outcome).toBe('unchanged');
  });
  it('checks the figures as a project\'s: completed means 100 %, and ended by its report day', () => {
    const notFull = planScheduleRow(row({ 状态: '已完成', '进度（%）': 90, 结束日期: '2024-01-01' }), target(), today);
    expect(notFull.answer.problems.map((problem) => problem.field)).toEqual(['进度（%）']);
    const endsLater = planScheduleRow(row({ 状态: '已完成', '进度（%）': 100, 结束日期: '2024-05-01', 填报日期: '2024-01-01' }), target(), today);
    expect(endsLater.answer.problems.map((problem) => problem.field)).toEqual(['结束日期']);
    const badUnit = planScheduleRow(row({ 牵头单位: '不存在的单位' }), target(), today);
    expect(badUnit.answer.problems.map((problem) => problem.field)).toEqual(['牵头单位']);
  });
  it('refuses a row without a code, a version, a known project, or dated in the future', () => {
    expect(planScheduleRow(row({}, null), undefined, today).answer.problems[0].field).toBe('编号');
    expect(planScheduleRow(row({}, 'NOPE'), undefined, today).answer.problems[0].messageZh).toContain('NOPE');
    expect(planScheduleRow(row({ 版本: null }), target(), today).answer.problems[0].field).toBe('版本');
    expect(planScheduleRow(row({ 填报日期: '2027-01-01' }), target(), today).answer.problems[0].field).toBe('填报日期');
  });
});
