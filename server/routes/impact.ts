import { createRoute } from '@hono/zod-openapi';
import { anonymousAnalysisLimit, limitAnonymousCallers } from '../auth/limit-anonymous.ts';
import { errorAnswer } from '../contract/errors.ts';
import { Impact, ImpactRequest } from '../contract/projects.ts';
import { projectLimits } from '../contract/vocabulary/projects.ts';
import type { Database } from '../db/database.ts';
import { measureImpact } from '../projects/measure-impact.ts';
import { parseJsonObject, validateProjectFeature } from '../projects/validate-project.ts';
import type { WalkingAnalysis } from '../services/walking-analysis.ts';
import { createRouter, documentedJsonBody, limitBody, type InputWithJsonBody } from './router.ts';

const impactRoute = (database: Database) => createRoute({
  method: 'post', path: '/', summary: 'What any geometry touches (a drawn area, line or point), fast enough to ask while drawing',
  middleware: [limitAnonymousCallers(database), limitBody(projectLimits.bodyBytes, 'The request body is larger than 1 MB; simplify the geometry', '请求内容超过 1 MB，请简化图形')] as const,
  request: { body: documentedJsonBody('ImpactRequest', ['application/json']) },
  responses: {
    200: { description: 'Impact', content: { 'application/json': { schema: Impact } } },
    400: errorAnswer('The body is not JSON or not an object'),
    413: errorAnswer('The body is larger than 1 MB'),
    422: errorAnswer('The geometry breaks a rule of project geometries; `problems` names each'),
    429: errorAnswer(`More than ${anonymousAnalysisLimit.requests} a minute from one address without signing in`),
  },
});

/**
 * The impact of any geometry, mounted at /impact: the drawing tools ask it while a project is
 * drawn. The geometry is checked as a project's is (validate-project.ts), with the same 400 and 422.
 */
export function createImpactRoutes(database: Database, walkingAnalysis: WalkingAnalysis) {
  const router = createRouter();
  router.openAPIRegistry.register('ImpactRequest', ImpactRequest);
  const route = impactRoute(database);
  return router.openapi<typeof route, InputWithJsonBody<typeof route, typeof ImpactRequest>>(route, async (context) => {
    const body = parseJsonObject(await context.req.text());
    const geometry = await validateImpactGeometry(database, body);
    return context.json(await measureImpact(database, walkingAnalysis, geometry), 200);
  });
}

/** The impact question takes any geometry a project could have, checked as a project's is. */
async function validateImpactGeometry(database: Database, body: Record<string, unknown>) {
  const { geometry: checked } = await validateProjectFeature(database, {
    type: 'Feature',
    geometry: body.geometry,
    // A `crs` beside the geometry is refused as on a project write: the coordinates must be WGS 84.
    ...('crs' in body ? { crs: body.crs } : {}),
    properties: { title_zh: '影响分析', action: 'built_form', item: 6, lead_unit: '城建中心（房管办）', status: 'planned', start_date: '2025-01-01', end_date: '2025-12-31', progress_percent: 0 },
  });
  return checked;
}
