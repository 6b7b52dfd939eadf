import { createRoute } from '@hono/zod-openapi';
import { AsOfQuery, resolveAsOf } from '../as-of/as-of-query.ts';
import { errorAnswer } from '../contract/errors.ts';
import { LeadersSummary } from '../contract/summary.ts';
import type { Database } from '../db/database.ts';
import type { WalkingAnalysis } from '../services/walking-analysis.ts';
import { computeSummary } from '../summary/compute-summary.ts';
import { createRouter } from './router.ts';

/** The leaders' view, mounted at /leaders: everything it shows for one date, in one answer. */
export function createSummaryRoutes(database: Database, analysis: WalkingAnalysis) {
  return createRouter().openapi(
    createRoute({
      method: 'get', path: '/summary',
      summary: 'Renovation, plan progress, facilities open and life-circle coverage on a date (default today in Shanghai), and coverage year by year',
      request: { query: AsOfQuery },
      responses: {
        200: { description: 'Summary', content: { 'application/json': { schema: LeadersSummary } } },
        400: errorAnswer('asOf is not a date'),
      },
    }),
    async (context) => {
      const { asOf } = context.req.valid('query');
      return context.json(await computeSummary(database, analysis, resolveAsOf(asOf)), 200);
    },
  );
}
