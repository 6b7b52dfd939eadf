import { existsSync } from 'node:fs';
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import type { Database } from './db/database.ts';
import { answerError, RequestError } from './errors.ts';
import { createWalkingAnalysis, type WalkingAnalysis } from './services/walking-analysis.ts';
import { createCoverageRoutes } from './routes/coverage.ts';
import { createFeatureRoutes } from './routes/features.ts';
import { createImportRoutes } from './routes/import.ts';
import { createLandingRoutes, type PublicSettings } from './routes/landing.ts';
import { createProjectRoutes } from './routes/projects.ts';
import { createRenovationRoutes } from './routes/renovation.ts';
import { createLeadersRoutes } from './routes/leaders.ts';
import { createExportRoutes } from './routes/exports.ts';
import { createSessionRoutes } from './routes/session.ts';

export interface AppDependencies {
  database: Database;
  settings: PublicSettings;
  /** The built client (vite build output); when absent only the API is served. */
  clientDirectory?: string;
  /** LIFECIRCLE_ADMIN_TOKEN: enables import over the API for whoever presents it. */
  adminToken?: string | null;
  /** The walking analyses; made from the database when not given (tests may share one). */
  walkingAnalysis?: WalkingAnalysis;
  /** Where the seed datasets are: undoing an edit of a standard reads the standard again. */
  geodataDirectory: string;
}

/** Middleware, the sub-apps under /api, the OpenAPI document, errors and the built client. */
export function createApp({ database, settings, clientDirectory, adminToken = null, walkingAnalysis = createWalkingAnalysis(database), geodataDirectory }: AppDependencies) {
  const api = new OpenAPIHono()
    // A NUL character is never part of a name, id or number here; refused before it reaches any route.
    .use('*', async (context, next) => {
      if (/%00|\u0000/i.test(context.req.url)) {
        throw new RequestError(400, 'InvalidCharacters', 'The request URL contains a NUL character (%00)', '请求地址中含有 NUL 字符（%00）');
      }
      await next();
    })
    // First: projects are edited here (its own 1 MB limit), not imported, and not served by the generic routes.
    .route('/', createProjectRoutes(database, walkingAnalysis))
    .route('/', createSessionRoutes(database))
    // Before the 2 MB limit below, which would otherwise stop files up to the import's own limit.
    .route('/', createImportRoutes(database, adminToken))
    .use('*', bodyLimit({ maxSize: 2 * 1024 * 1024, onError: () => { throw new RequestError(413, 'PayloadTooLarge', 'The request body is larger than 2 MB', '请求内容超过 2 MB'); } }))
    .route('/', createLandingRoutes(database, settings))
    .route('/', createFeatureRoutes(database))
    .route('/', createCoverageRoutes(database, walkingAnalysis, geodataDirectory))
    // The leaders' view (issue 6): renovation records, the summary of a date, exports.
    .route('/', createRenovationRoutes(database))
    .route('/', createLeadersRoutes(database, walkingAnalysis))
    .route('/', createExportRoutes(database, walkingAnalysis));

  api.all('*', (context) => {
    if (context.req.method !== 'GET' && context.req.method !== 'HEAD') {
      throw new RequestError(405, 'MethodNotAllowed', `${context.req.method} is not allowed on ${context.req.path}`, `${context.req.path} 不支持 ${context.req.method} 请求`);
    }
    throw new RequestError(404, 'NotFound', `There is no API resource at ${context.req.path}`, `API 中没有 ${context.req.path}`);
  });

  const app = new OpenAPIHono();
  // GeoJSON and scripts shrink five- to tenfold: what a planner on a slow office line notices first.
  app.use('*', compress());
  // Registered before /api is mounted, so that the catch-all above does not answer it; the
  // document is generated when asked, from every route mounted by then.
  app.doc('/api/openapi.json', {
    openapi: '3.0.3',
    info: { title: 'lifecircle API', version: '0.1.0', description: '潍坊新村街道 15分钟社区生活圈: OGC API - Features over PostGIS' },
  });
  app.route('/api', api);
  app.onError(answerError);

  if (clientDirectory && existsSync(clientDirectory)) {
    app.use('/*', serveStatic({ root: clientDirectory }));
    // Any other path is a view of the single-page app.
    app.get('*', serveStatic({ root: clientDirectory, path: 'index.html' }));
  }
  return app;
}

export type AppType = ReturnType<typeof createApp>;
