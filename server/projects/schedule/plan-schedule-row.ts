import type { FieldProblem } from '../../contract/errors.ts';
import type { ScheduleRowAnswer } from '../../contract/project-schedule.ts';
import type { ProjectFeature, ProjectPropertiesValue } from '../../contract/projects.ts';
import { isValidIsoDate } from '../../contract/vocabulary/as-of.ts';
import { projectStatuses, projectStatusNames, type ProjectStatus } from '../../contract/vocabulary/projects.ts';
import type { ParsedRow } from '../../import/parsed-file.ts';
import { parseProjectProperties } from '../validate-project.ts';
import type { scheduleFields } from '../write-project.ts';

/**
 * Reading one row of the schedule workbook and deciding what it does. Pure: the caller gives
 * the project as it is now (with its ETag and the day of its latest report) and today.
 *
 * A cell left empty keeps the project's value. The template comes with every cell filled from
 * the project, so a value is taken as checked by a person (and stops being an assumption) when
 * the row changes it, or when the row names the day it was checked (填报日期): then every filled
 * figure was read that day. The 填报日期 (the day the project stood so) defaults to today; a row
 * dated before the project's latest report is history: it tells how the project stood then and
 * leaves the current state alone. A row that changes nothing and names no day is unchanged, even
 * when the project has changed since the download: it has nothing to write.
 */

/** The workbook's columns, by what they hold; the template writes them and the reader finds them by name. */
export const scheduleColumns = {
  code: '编号', titleZh: '项目名称', action: '专项行动', item: '任务', status: '状态', progress: '进度（%）',
  startDate: '开始日期', endDate: '结束日期', leadUnit: '牵头单位', reportedOn: '填报日期', version: '版本',
} as const;

/** Words offices use for a status, besides the dashboard's own (计划中, 实施中, 已完成, 暂缓) and the English keys. */
// A Map, so that a cell reading "constructor" or "__proto__" is no status either.
const statusWords = new Map<string, ProjectStatus>([
  ['计划', 'planned'], ['未开工', 'planned'], ['待实施', 'planned'], ['未启动', 'planned'],
  ['进行中', 'in_progress'], ['在建', 'in_progress'], ['推进中', 'in_progress'], ['实施', 'in_progress'],
  ['完成', 'completed'], ['已竣工', 'completed'], ['竣工', 'completed'],
  ['暂停', 'on_hold'], ['搁置', 'on_hold'], ['缓建', 'on_hold'],
  ...projectStatuses.flatMap((status) => [[projectStatusNames[status].zh, status], [status, status], [projectStatusNames[status].en.toLowerCase(), status]] as [string, ProjectStatus][]),
]);

type ScheduleField = (typeof scheduleFields)[number];
export type ScheduleFigures = Partial<Pick<ProjectPropertiesValue, ScheduleField>>;

/** A row as read: what it sets, the day it names, the version it was filled against, and what could not be read. */
export interface ScheduleRowInput {
  line: number;
  code: string | null;
  figures: ScheduleFigures;
  /** Null when 填报日期 is empty (today). */
  reportedOn: string | null;
  version: string | null;
  problems: FieldProblem[];
}

const textOf = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
};

/** 2024-06-30, 2024/6/30, 2024.6.30 or 2024年6月30日, as an ISO date; undefined when it is none of those. */
export function readScheduleDate(value: unknown): string | undefined {
  const text = textOf(value);
  if (text === null) return undefined;
  const match = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:T00:00:00(?:\.000)?Z?)?$/.exec(text);
  if (!match) return undefined;
  const iso = `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : undefined;
}

/** The cells of one parsed row (the 编号 column is its file id), read into figures and problems. */
export function readScheduleRow(row: ParsedRow): ScheduleRowInput {
  const cells = (row.feature?.properties ?? {}) as Record<string, unknown>;
  const problems: FieldProblem[] = row.problems.map((problem) => ({ field: 'row', message: problem, messageZh: problem }));
  const figures: ScheduleFigures = {};
  const problem = (column: string, message: string, messageZh: string) => problems.push({ field: column, message, messageZh });

  const status = textOf(cells[scheduleColumns.status]);
  if (status !== null) {
    const key = statusWords.get(status) ?? statusWords.get(status.toLowerCase());
    if (key) figures.status = key;
    else problem(scheduleColumns.status, `"${status}" is not a status: write 计划中, 实施中, 已完成 or 暂缓`, `“${status}”不是状态，请填写 计划中、实施中、已完成 或 暂缓`);
  }
  const progressCell = cells[scheduleColumns.progress];
  const progressText = textOf(progressCell);
  if (progressText !== null) {
    const progress = typeof progressCell === 'number' ? progressCell : Number(progressText.replace(/[%％]\s*$/, ''));
    if (Number.isFinite(progress) && progress >= 0 && progress <= 100) figures.progress_percent = progress;
    else problem(scheduleColumns.progress, `"${progressText}" is not a percentage from 0 to 100`, `“${progressText}”不是 0—100 之间的百分数`);
  }
  for (const [column, field] of [[scheduleColumns.startDate, 'start_date'], [scheduleColumns.endDate, 'end_date']] as const) {
    const text = textOf(cells[column]);
    if (text === null) continue;
    const date = readScheduleDate(text);
    if (date) figures[field] = date;
    else problem(column, `"${text}" is not a date (write 2024-06-30)`, `“${text}”不是日期（请写成 2024-06-30）`);
  }
  const leadUnit = textOf(cells[scheduleColumns.leadUnit]);
  if (leadUnit !== null) figures.lead_unit = leadUnit;
  const reportedText = textOf(cells[scheduleColumns.reportedOn]);
  let reportedOn: string | null = null;
  if (reportedText !== null) {
    reportedOn = readScheduleDate(reportedText) ?? null;
    if (reportedOn === null) problem(scheduleColumns.reportedOn, `"${reportedText}" is not a date (write 2024-06-30)`, `“${reportedText}”不是日期（请写成 2024-06-30）`);
  }
  const version = textOf(cells[scheduleColumns.version]);
  return { line: row.line ?? 0, code: textOf(row.fileId), figures, reportedOn, version: version === null ? null : version.replace(/^"|"$/g, ''), problems };
}

/** The project as it stands, for planning a row against it. */
export interface ScheduleTarget {
  feature: ProjectFeature;
  /** Its ETag without quotes (p12-v3): what the workbook's 版本 column holds. */
  version: string;
  /** The day of its latest status report, or null. */
  latestReportDay: string | null;
}

/** What the row does to the project, and for a write the new properties and the report. */
export interface ScheduleRowPlan {
  answer: ScheduleRowAnswer;
  /** For update, history and confirm: the project's properties after the row, and the report to add. */
  write?: { properties: ProjectPropertiesValue; reportedOn: string; figures: Pick<ProjectPropertiesValue, ScheduleField>; assumptions: string[] };
}

const fieldOrder: ScheduleField[] = ['status', 'progress_percent', 'start_date', 'end_date', 'lead_unit'];

export function planScheduleRow(row: ScheduleRowInput, target: ScheduleTarget | undefined, today: string): ScheduleRowPlan {
  const answer: ScheduleRowAnswer = {
    line: row.line, code: row.code, titleZh: target?.feature.properties.title_zh ?? null, outcome: 'problem',
    reportedOn: row.reportedOn ?? today, changes: [], problems: [...row.problems], rowVersion: row.version, currentVersion: target?.version ?? null,
  };
  if (row.code === null) answer.problems.push({ field: scheduleColumns.code, message: 'is empty: each row names the project it reports', messageZh: '为空：每行须填写所报告项目的编号' });
  else if (!target) answer.problems.push({ field: scheduleColumns.code, message: `no project has the code "${row.code}"`, messageZh: `没有编号为“${row.code}”的项目` });
  if (target && row.version === null) {
    answer.problems.push({ field: scheduleColumns.version, message: 'is empty: download the schedule from the dashboard, so each row says which version it was filled against', messageZh: '为空：请从看板下载进度填报表，每行的版本用于防止覆盖他人的修改' });
  }
  if (row.reportedOn !== null && row.reportedOn > today) {
    answer.problems.push({ field: scheduleColumns.reportedOn, message: `${row.reportedOn} is after today (${today}): report how a project stood, not how it will`, messageZh: `${row.reportedOn} 晚于今天（${today}）：请填报项目已有的状况` });
  }
  if (!target || answer.problems.length > 0) return { answer };

  const current = target.feature.properties;
  const changes = fieldOrder
    .filter((field) => row.figures[field] !== undefined && row.figures[field] !== current[field])
    .map((field) => ({ field, before: current[field], after: row.figures[field]! }));
  answer.changes = changes;
  if (changes.length === 0 && row.reportedOn === null) return { answer: { ...answer, outcome: 'unchanged' } };
  if (row.version !== target.version) return { answer: { ...answer, outcome: 'conflict' } };

  const reportedOn = row.reportedOn ?? today;
  const figures = Object.fromEntries(fieldOrder.map((field) => [field, row.figures[field] ?? current[field]])) as Pick<ProjectPropertiesValue, ScheduleField>;
  const isHistory = target.latestReportDay !== null && reportedOn < target.latestReportDay;
  // The row's figures are checked as a project's would be (a completed project is at 100 %, ends by
  // its start…), against the project with them; a history row's project keeps its own.
  const checkedByPerson = new Set<string>(row.reportedOn === null ? changes.map((change) => change.field) : Object.keys(row.figures));
  const withFigures = { ...current, ...figures, assumptions: current.assumptions.filter((field) => !checkedByPerson.has(field)) };
  const checked = parseProjectProperties(withFigures);
  if (checked.problems.length > 0) {
    answer.problems.push(...checked.problems.map((problem) => ({ ...problem, field: columnOf(problem.field) })));
    return { answer };
  }
  if (figures.status === 'completed' && figures.end_date > reportedOn) {
    answer.problems.push({ field: scheduleColumns.endDate, message: `a project completed by ${reportedOn} cannot end after it (${figures.end_date})`, messageZh: `截至 ${reportedOn} 已完成的项目，结束日期不能晚于填报日期（${figures.end_date}）` });
    return { answer };
  }
  // The report keeps which of its figures are still assumptions: a copied assumed status stays 待核实 on its days.
  const reportAssumptions = checked.value!.assumptions;
  if (isHistory) {
    const kept = parseProjectProperties(current).value!;
    return { answer: { ...answer, outcome: 'history', changes: [] }, write: { properties: kept, reportedOn, figures, assumptions: reportAssumptions } };
  }
  if (changes.length > 0) return { answer: { ...answer, outcome: 'update' }, write: { properties: checked.value!, reportedOn, figures, assumptions: reportAssumptions } };
  // Unchanged figures with a day written in: the office checked the project on that day.
  if (row.reportedOn !== null && row.reportedOn !== target.latestReportDay) {
    return { answer: { ...answer, outcome: 'confirm' }, write: { properties: checked.value!, reportedOn, figures, assumptions: reportAssumptions } };
  }
  return { answer: { ...answer, outcome: 'unchanged' } };
}

const columnsByField: Record<string, string> = {
  status: scheduleColumns.status, progress_percent: scheduleColumns.progress, start_date: scheduleColumns.startDate,
  end_date: scheduleColumns.endDate, lead_unit: scheduleColumns.leadUnit,
};

/** properties.end_date → 结束日期: a problem names the column the person fills. */
function columnOf(field: string): string {
  const name = field.replace(/^properties\./, '').split('.')[0];
  return columnsByField[name] ?? name;
}

export function countOutcomes(rows: ScheduleRowAnswer[]): Record<ScheduleRowAnswer['outcome'], number> {
  const counts = { update: 0, history: 0, confirm: 0, unchanged: 0, conflict: 0, problem: 0 };
  for (const row of rows) counts[row.outcome] += 1;
  return counts;
}
