import type { ScheduleImportAnswer, ScheduleRowAnswer } from '../../contract/project-schedule.ts';
import { todayInShanghai } from '../../contract/vocabulary/as-of.ts';
import type { Database } from '../../db/database.ts';
import { RequestError } from '../../errors.ts';
import { parseCsvBytes } from '../../import/parse-csv-file.ts';
import { parseExcelFile } from '../../import/parse-excel-file.ts';
import type { ParsedFile } from '../../import/parsed-file.ts';
import { findProject, listProjectsWithLatestReport } from '../../queries/projects.ts';
import { projectEtag, replaceProjectWithin } from '../write-project.ts';
import { countOutcomes, planScheduleRow, readScheduleRow, scheduleColumns, type ScheduleRowPlan, type ScheduleTarget } from './plan-schedule-row.ts';

/**
 * A filled schedule workbook (or the same table saved as CSV) brought back: every row read and
 * planned against the project as it is now; as a preview (dryRun) nothing is written. Otherwise a
 * row that breaks a rule refuses the whole file (422, every problem named by row and column), and
 * the rows that apply are written in one transaction, each under its own If-Match (the 版本
 * column, checked again under the row lock): a project changed since the download is a conflict,
 * listed and not written, while the others are.
 */

export const scheduleLimits = { bodyBytes: 5 * 1024 * 1024, rows: 2000 } as const;

const etagWithoutQuotes = (record: { id: number; version: number }) => projectEtag(record).replace(/"/g, '');

async function readScheduleFile(bytes: Uint8Array): Promise<ParsedFile> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const parsed = isZip || (bytes[0] === 0xd0 && bytes[1] === 0xcf)
    ? await parseExcelFile(bytes)
    : parseCsvBytes(bytes, undefined, { coordinates: 'optional' });
  const columns = parsed.columns ?? [];
  if (!columns.includes(scheduleColumns.code) || !columns.includes(scheduleColumns.version)) {
    throw new RequestError(400, 'NotASchedule',
      `This is not the project schedule: it needs the columns ${scheduleColumns.code} and ${scheduleColumns.version} (download the schedule from the projects panel); its columns are: ${columns.join(', ')}`,
      `这不是项目进度填报表：需要“${scheduleColumns.code}”和“${scheduleColumns.version}”列（请在“项目”面板下载进度填报表），文件中的列为：${columns.join('、')}`);
  }
  if (parsed.rows.length > scheduleLimits.rows) {
    throw new RequestError(413, 'TooManyRows', `The schedule has ${parsed.rows.length} rows; at most ${scheduleLimits.rows} are read at once`, `填报表有 ${parsed.rows.length} 行，一次最多导入 ${scheduleLimits.rows} 行`);
  }
  return parsed;
}

function planRows(parsed: ParsedFile, targets: Map<string, ScheduleTarget>, today: string): ScheduleRowPlan[] {
  const seen = new Map<string, number>();
  return parsed.rows.map((parsedRow) => {
    const row = readScheduleRow(parsedRow);
    if (row.code !== null) {
      const first = seen.get(row.code);
      if (first !== undefined) {
        row.problems.push({ field: scheduleColumns.code, message: `"${row.code}" is also on row ${first}: one row per project`, messageZh: `“${row.code}”已在第 ${first} 行出现：每个项目只填一行` });
      } else seen.set(row.code, row.line);
    }
    return planScheduleRow(row, row.code === null ? undefined : targets.get(row.code), today);
  });
}

function answerOf(plans: ScheduleRowPlan[], parsed: ParsedFile, dryRun: boolean, written: boolean): ScheduleImportAnswer {
  const rows = plans.map((plan) => plan.answer);
  return { dryRun, written, counts: countOutcomes(rows), rows, warnings: parsed.warnings };
}

export async function importSchedule(database: Database, bytes: Uint8Array, actor: string, dryRun: boolean, today = todayInShanghai()): Promise<ScheduleImportAnswer> {
  const parsed = await readScheduleFile(bytes);
  const targets = new Map((await listProjectsWithLatestReport(database)).map((record) => [record.code, {
    feature: record.feature, version: etagWithoutQuotes(record), latestReportDay: record.latestReportDay,
  } satisfies ScheduleTarget]));
  const plans = planRows(parsed, targets, today);
  if (dryRun) return answerOf(plans, parsed, true, false);

  const broken = plans.filter((plan) => plan.answer.outcome === 'problem');
  if (broken.length > 0) {
    const problems = broken.flatMap(({ answer }) => answer.problems.map((problem) => ({ ...problem, field: `第 ${answer.line} 行 ${problem.field}` })));
    throw new RequestError(422, 'InvalidSchedule',
      `${broken.length} row(s) of the schedule break a rule; nothing was written: ${problems.slice(0, 5).map((problem) => `${problem.field}: ${problem.message}`).join('; ')}`,
      `进度填报表有 ${broken.length} 行不符合要求，未写入任何内容：${problems.slice(0, 5).map((problem) => `${problem.field}：${problem.messageZh}`).join('；')}`,
      { problems });
  }
  const written = await database.transaction(async (transaction) => {
    const rows: ScheduleRowAnswer[] = plans.filter((plan) => !plan.write).map((plan) => plan.answer);
    // Rows are locked in code order, whatever the file's order: two imports at once then take their
    // locks in the same order and wait for each other instead of deadlocking.
    for (const plan of plans.filter((candidate) => candidate.write).sort((a, b) => a.answer.code!.localeCompare(b.answer.code!))) {
      const { answer, write } = plan as Required<ScheduleRowPlan>;
      // The row's If-Match, under the row lock: someone may have saved the project since the preview.
      const current = await findProject(transaction, answer.code!, { lock: true });
      const currentVersion = current ? etagWithoutQuotes(current) : null;
      if (!current || currentVersion !== answer.rowVersion) {
        rows.push({ ...answer, outcome: 'conflict', currentVersion });
        continue;
      }
      await replaceProjectWithin(transaction, current.code, current.version, { properties: write.properties, geometry: current.feature.geometry }, actor, 'update',
        { reportedOn: write.reportedOn, source: 'schedule-import', figures: write.figures, assumptions: write.assumptions });
      rows.push(answer);
    }
    return rows.sort((a, b) => a.line - b.line);
  });
  return { dryRun: false, written: true, counts: countOutcomes(written), rows: written, warnings: parsed.warnings };
}
