import { existsSync } from 'node:fs';
import { $, OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import type { PublicSettings } from './contract/ogc.ts';
import type { Database } from './db/database.ts';
import { describeApi, findUndocumentedWrites } from './describe-api.ts';
import { answerError, RequestError } from './errors.ts';
import { createDataFingerprint } from './services/data-fingerprint.ts';
import { createReadyAnswers } from './services/ready-answers.ts';
import { createWalkingAnalysis, type WalkingAnalysis } from './services/walking-analysis.ts';
import { createCoverageRoutes } from './routes/coverage.ts';
import { createDataCompletenessRoutes } from './routes/data-completeness.ts';
import { createExportRoutes } from './routes/exports.ts';
import { createFacilityStandardRoutes } from './routes/facility-standards.ts';
import { createFeatureRoutes } from './routes/features.ts';
import { createImpactRoutes } from './routes/impact.ts';
import { createImportRoutes } from './routes/import.ts';
import { createIsochroneRoutes } from './routes/isochrones.ts';
import { createLandingRoutes } from './routes/landing.ts';
import { createProjectScheduleRoutes } from './routes/project-schedule.ts';
import { createProjectVocabularyRoutes } from './routes/project-vocabulary.ts';
import { createProjectRoutes } from './routes/projects.ts';
import { createRenovationRoutes } from './routes/renovation.ts';
import { createSessionRoutes } from './routes/session.ts';
import { createSummaryRoutes } from './routes/summary.ts';
import { createUserRoutes } from './routes/users.ts';
import { defaultBodyBytes, finishReadingBody, limitBody, requireJsonWrites } from './routes/router.ts';

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

/**
 * The API: every sub-app mounted at its own path, chained, so that `AppType` carries every
 * route and `hc<AppType>` types each call. Each sub-app's routes are relative to its mount.
 */
function createApi({ database, settings, adminToken = null, walkingAnalysis = createWalkingAnalysis(database), geodataDirectory }: AppDependencies) {
  // A NUL character is never part of a name, id or number here; refused before it reaches any route.
  // The heavy analyses' answers, kept until the data (or, for "today", the date) changes.
  const readyAnswers = createReadyAnswers(createDataFingerprint(database));
  const api = $(new OpenAPIHono().use('*', async (context, next) => {
    if (/%00|\u0000/i.test(context.req.url)) {
      throw new RequestError(400, 'InvalidCharacters', 'The request URL contains a NUL character (%00)', '请求地址中含有 NUL 字符（%00）');
    }
    await next();
  }).use('*', requireJsonWrites))
    .route('/', createLandingRoutes(database, settings))
    // Two sub-apps answer under /collections: the projects first, because
    // /collections/projects/items/{projectCode} (with its ETag) and POST /collections/projects/import
    // (409) are more specific than the generic /collections/{collectionId}/items/{featureId} and
    // /collections/{collectionId}/import, which Hono would otherwise match first. This is the only
    // place where the order of the mounts decides which route answers.
    .route('/collections/projects', createProjectRoutes(database, walkingAnalysis))
    .route('/collections', createFeatureRoutes(database))
    .route('/collections', createImportRoutes(database, adminToken, geodataDirectory))
    .route('/impact', createImpactRoutes(database, walkingAnalysis))
    .route('/projects/schedule', createProjectScheduleRoutes(database))
    .route('/projects', createProjectVocabularyRoutes())
    .route('/coverage', createCoverageRoutes(database, walkingAnalysis, readyAnswers))
    .route('/data-completeness', createDataCompletenessRoutes(database))
    .route('/isochrones', createIsochroneRoutes(database, walkingAnalysis, readyAnswers))
    .route('/facility-standards', createFacilityStandardRoutes(database, walkingAnalysis, geodataDirectory))
    .route('/renovation', createRenovationRoutes(database))
    .route('/leaders', createSummaryRoutes(database, walkingAnalysis))
    .route('/exports', createExportRoutes(database, walkingAnalysis))
    .route('/session', createSessionRoutes(database))
    .route('/users', createUserRoutes(database));

  // Last, for what no route took: a route that reads a body limits it itself; a body sent
  // anywhere else is refused at 2 MB without being read, and then the method or the path is wrong.
  api.use('*', limitBody(defaultBodyBytes));
  api.all('*', (context) => {
    if (context.req.method !== 'GET' && context.req.method !== 'HEAD') {
      throw new RequestError(405, 'MethodNotAllowed', `${context.req.method} is not allowed on ${context.req.path}`, `${context.req.path} 不支持 ${context.req.method} 请求`);
    }
    throw new RequestError(404, 'NotFound', `There is no API resource at ${context.req.path}`, `API 中没有 ${context.req.path}`);
  });
  return api;
}

/** Middleware, the API under /api, the OpenAPI document, errors and the built client. */
export function createApp(dependencies: AppDependencies) {
  // GeoJSON and scripts shrink five- to tenfold: what a planner on a slow office line notices first.
  // finishReadingBody first: it reads what a refused request left unread after everything else has answered.
  const app = $(new OpenAPIHono().use('*', finishReadingBody).use('*', compress()).use('*', secureHeaders(securityHeadersFor(dependencies.settings))));
  // Registered before /api is mounted, so that the API's catch-all does not answer it.
  app.get('/api/openapi.json', (context) => context.json(describeApi(app)));
  const withApi = app.route('/api', createApi(dependencies));
  const undocumented = findUndocumentedWrites(app);
  if (undocumented.length > 0) throw new Error(`Write routes missing from the OpenAPI document, which the tests' route walk reads: ${undocumented.join(', ')}`);
  // Every error of every route becomes JSON here, and only here (server/errors.ts).
  app.onError(answerError);

  if (dependencies.clientDirectory && existsSync(dependencies.clientDirectory)) {
    app.use('/*', serveStatic({ root: dependencies.clientDirectory }));
    // Any other path is a view of the single-page app.
    app.get('*', serveStatic({ root: dependencies.clientDirectory, path: 'index.html' }));
  }
  return withApi;
}

export type AppType = ReturnType<typeof createApp>;

/**
 * Security headers on every answer. The policy lets the dashboard run as built: scripts and
 * MapLibre's worker from this server only (no inline script, no eval), inline style attributes
 * (Preact and MapLibre set them), images and fonts from data: and blob: (map sprites, the report's
 * canvas). A configured outside basemap (BASEMAP_STYLE_URL) may fetch its tiles, glyphs and sprites
 * over https. Nobody may frame the dashboard. HSTS is left to the HTTPS proxy in front, which knows
 * whether the site is served over HTTPS at all.
 */
function securityHeadersFor(settings: PublicSettings): NonNullable<Parameters<typeof secureHeaders>[0]> {
  const outsideBasemap = settings.basemapStyleUrl ? ['https:'] : [];
  return {
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      workerSrc: ["'self'", 'blob:'],
      childSrc: ["'self'", 'blob:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:', ...outsideBasemap],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", 'data:', 'blob:', ...outsideBasemap],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
    strictTransportSecurity: false,
    // GIS clients and other sites' maps may read the open data (OGC API) across origins.
    crossOriginResourcePolicy: 'cross-origin',
  };
}
