import { createRoute, z } from '@hono/zod-openapi';
import { todayInShanghai } from '../contract/as-of.ts';
import { isValidIsoDate, LeadersSummary } from '../contract/leaders.ts';
import { RequestError } from '../errors.ts';
import { ErrorBody } from '../contract/ogc.ts';
import type { Database } from '../db/database.ts';
import { computeLeadersSummary } from '../leaders/compute-leaders-summary.ts';
import type { WalkingAnalysis } from '../services/walking-analysis.ts';
import { createRouter } from './router.ts';

/** The date a leaders' answer shows: YYYY-MM-DD (2000–2100), default today in Shanghai; 400 in both languages otherwise. */
export function readAsOf(value: string | undefined): string {
  if (value === undefined || value === '') return todayInShanghai();
  if (!isValidIsoDate(value)) {
    throw new RequestError(400, 'InvalidParameterValue',
      `asOf must be a date YYYY-MM-DD between 2000-01-01 and 2100-12-31, e.g. 2024-12-31 (got "${value.slice(0, 40)}")`,
      `参数 asOf 必须是 2000-01-01 至 2100-12-31 之间的日期，格式 YYYY-MM-DD，如 2024-12-31（收到“${value.slice(0, 40)}”）`);
  }
  return value;
}

const LooseAsOfQuery = z.object({ asOf: z.string().optional().openapi({ example: '2024-12-31', description: 'The date shown (YYYY-MM-DD, 2000–2100); default today in Shanghai' }) });

/** The leaders' view: everything it shows for one date, in one answer. */
export function createLeadersRoutes(database: Database, analysis: WalkingAnalysis) {
  return createRouter().openapi(
    createRoute({
      method: 'get', path: '/leaders/summary',
      summary: 'Renovation, plan progress, facilities open and life-circle coverage on a date (default today in Shanghai), and coverage year by year',
      request: { query: LooseAsOfQuery },
      responses: {
        200: { description: 'Summary', content: { 'application/json': { schema: LeadersSummary } } },
        400: { description: 'asOf is not a date', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (context) => {
      const { asOf } = context.req.valid('query');
      return context.json(await computeLeadersSummary(database, analysis, readAsOf(asOf)) as never, 200);
    },
  );
}
