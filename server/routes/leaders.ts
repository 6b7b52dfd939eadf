import { createRoute } from '@hono/zod-openapi';
import { todayInShanghai } from '../contract/as-of.ts';
import { AsOfQuery, LeadersSummary } from '../contract/leaders.ts';
import { ErrorBody } from '../contract/ogc.ts';
import type { Database } from '../db/database.ts';
import { computeLeadersSummary } from '../leaders/compute-leaders-summary.ts';
import type { WalkingAnalysis } from '../services/walking-analysis.ts';
import { createRouter } from './router.ts';

/** The leaders' view: everything it shows for one date, in one answer. */
export function createLeadersRoutes(database: Database, analysis: WalkingAnalysis) {
  return createRouter().openapi(
    createRoute({
      method: 'get', path: '/leaders/summary',
      summary: 'Renovation, plan progress, facilities open and life-circle coverage on a date (default today in Shanghai), and coverage year by year',
      request: { query: AsOfQuery },
      responses: {
        200: { description: 'Summary', content: { 'application/json': { schema: LeadersSummary } } },
        400: { description: 'asOf is not a date', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (context) => {
      const { asOf } = context.req.valid('query');
      return context.json(await computeLeadersSummary(database, analysis, asOf ?? todayInShanghai()) as never, 200);
    },
  );
}
