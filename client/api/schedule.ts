import type { InferResponseType } from 'hono/client';
import { api, csrfHeaders, readJson } from './api-client.ts';

/**
 * The project schedule workbook: the download link, and bringing the filled workbook back
 * (POST /api/projects/schedule/import), as a preview or for real. The file is the request body.
 */

const schedule = api.projects.schedule;

export type ScheduleAnswer = InferResponseType<typeof schedule.import.$post, 200>;
export type ScheduleRow = ScheduleAnswer['rows'][number];

/** Where the workbook to fill is downloaded from. */
export const scheduleTemplatePath = (): string => schedule['template.xlsx'].$path();

export function importSchedule(file: Blob, dryRun: boolean, csrfToken: string | undefined): Promise<ScheduleAnswer> {
  return readJson(schedule.import.$post({ query: { dryRun: dryRun ? 'true' : 'false' } }, {
    init: { body: file, credentials: 'same-origin', headers: { 'content-type': 'application/octet-stream', ...csrfHeaders(csrfToken) } },
  }));
}
