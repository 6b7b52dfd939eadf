import { z } from '@hono/zod-openapi';
import { FieldProblem } from './errors.ts';

/**
 * The project schedule workbook (issue 10, item 4): staff download it from the dashboard, fill
 * each project's status, progress, dates and lead unit, and bring it back. Each row carries the
 * version it was filled against (its If-Match); the answer says, row by row, what the row does.
 */

export const scheduleOutcomes = [
  /** The row changes the project: a new current state and a dated report. */
  'update',
  /** Dated before the project's latest report: kept as history (how it stood then); the current state stays. */
  'history',
  /** Nothing changed, but the row names the day it was checked: a dated report that says so. */
  'confirm',
  /** Nothing to write. */
  'unchanged',
  /** The project changed since the workbook was downloaded (its version is not the row's): not written. */
  'conflict',
  /** The row breaks a rule: nothing of the file is written until it is mended. */
  'problem',
] as const;
export type ScheduleOutcome = (typeof scheduleOutcomes)[number];

const ScheduleValue = z.union([z.string(), z.number()]).nullable();

export const ScheduleRowAnswer = z.object({
  /** The row number as Excel shows it. */
  line: z.number().int(),
  code: z.string().nullable(),
  titleZh: z.string().nullable(),
  outcome: z.enum(scheduleOutcomes),
  /** The day the row says the project stood so (填报日期; empty: today). */
  reportedOn: z.string().nullable(),
  /** For update and conflict: each field the row would change, from the project as it is now. */
  changes: z.array(z.object({ field: z.string(), before: ScheduleValue, after: ScheduleValue })),
  problems: z.array(FieldProblem),
  /** For a conflict: the version the row was filled against and the current one. */
  rowVersion: z.string().nullable(),
  currentVersion: z.string().nullable(),
}).openapi('ScheduleRow');
export type ScheduleRowAnswer = z.infer<typeof ScheduleRowAnswer>;

export const ScheduleImportAnswer = z.object({
  /** True: a preview, nothing written. */
  dryRun: z.boolean(),
  /** True when the rows that apply were written, in one transaction. */
  written: z.boolean(),
  counts: z.record(z.enum(scheduleOutcomes), z.number().int()),
  rows: z.array(ScheduleRowAnswer),
  warnings: z.array(z.string()),
}).openapi('ScheduleImportAnswer');
export type ScheduleImportAnswer = z.infer<typeof ScheduleImportAnswer>;

export const ScheduleImportQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('false').openapi({ param: { name: 'dryRun', in: 'query' }, description: 'true: answer what each row would do and write nothing' }),
});
