import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../auth/sign-in.ts';
import { errorAnswer } from '../contract/errors.ts';
import { ScheduleImportAnswer, ScheduleImportQuery } from '../contract/project-schedule.ts';
import { todayInShanghai } from '../contract/vocabulary/as-of.ts';
import type { Database } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import { attachmentDisposition } from '../exports/write-csv.ts';
import { importSchedule, scheduleLimits } from '../projects/schedule/import-schedule.ts';
import { writeScheduleTemplate } from '../projects/schedule/write-schedule-template.ts';
import { projectEtag } from '../projects/write-project.ts';
import { listProjectsWithLatestReport } from '../queries/projects.ts';
import { createRouter, limitBody } from './router.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The project schedule workbook, mounted at /projects/schedule: download it (every project as it
 * stands, with its version), fill it in Excel, bring it back: as a preview (dryRun=true), then
 * for real. Each row is a dated status report (project-state-as-of.ts), so that a past date is
 * read from what was recorded, not inferred.
 */
export function createProjectScheduleRoutes(database: Database) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/template.xlsx', summary: 'The project schedule as an Excel workbook to fill in (one row per project, with its version)',
        responses: { 200: { description: 'An Excel workbook, as an attachment', content: { [xlsxType]: { schema: z.string().openapi({ format: 'binary' }) } } } },
      }),
      async (context) => {
        const today = todayInShanghai();
        const projects = (await listProjectsWithLatestReport(database)).map((record) => ({ feature: record.feature, version: projectEtag(record).replace(/"/g, '') }));
        const workbook = await writeScheduleTemplate(projects, today);
        return context.body(workbook, 200, {
          'content-type': xlsxType,
          'content-disposition': attachmentDisposition(`lifecircle-project-schedule-${today}.xlsx`, `潍坊新村-项目进度填报表-${today}.xlsx`),
          'cache-control': 'no-store',
        });
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/import', summary: 'Bring a filled schedule back (editors): a preview with dryRun=true, else the rows that apply, in one transaction',
        description: [
          'The body is the workbook itself (.xlsx), or the same table as CSV. Each row is planned against the project as it is:',
          'update (a new state and a dated report), history (dated before the latest report: how it stood then), confirm (unchanged, checked on the day given),',
          'unchanged, conflict (the project changed since the download: its 版本 is the row\'s If-Match; not written) or problem.',
          `A row with a problem refuses the whole file (422, nothing written). At most ${scheduleLimits.bodyBytes / 1024 / 1024} MB and ${scheduleLimits.rows} rows.`,
        ].join(' '),
        middleware: [limitBody(scheduleLimits.bodyBytes)] as const,
        request: {
          query: ScheduleImportQuery,
          body: { required: true, description: 'The workbook', content: { [xlsxType]: { schema: z.string().openapi({ format: 'binary' }) }, 'text/csv': { schema: z.string() } } },
        },
        responses: {
          200: { description: 'What each row does (dryRun) or did', content: { 'application/json': { schema: ScheduleImportAnswer } } },
          400: errorAnswer('Not a readable workbook, or not the schedule (no 编号 and 版本 columns)'),
          401: errorAnswer('Not signed in'),
          403: errorAnswer('Not an editor, or no valid X-CSRF-Token'),
          413: errorAnswer('The file is larger than 5 MB or has more than 2,000 rows'),
          422: errorAnswer('Rows break a rule; `problems` names each by row and column; nothing was written'),
        },
      }),
      async (context) => {
        const { username } = await requireRole(database, context, 'editor');
        const bytes = new Uint8Array(await context.req.arrayBuffer());
        if (bytes.length === 0) throw new RequestError(400, 'EmptyFile', 'The request has no file', '请求中没有文件');
        const answer = await importSchedule(database, bytes, username, context.req.valid('query').dryRun === 'true');
        return context.json(answer, 200);
      },
    );
}
