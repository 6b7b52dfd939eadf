import { createRoute } from '@hono/zod-openapi';
import { Conformance, Health, LandingPage, PublicSettings } from '../contract/ogc.ts';
import type { Database } from '../db/database.ts';
import { apiRootOf, createRouter } from './router.ts';

const conformsTo = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  // Part 4, for the projects collection (docs/projects.md): create, replace, update, delete,
  // with ETags and If-Match for optimistic locking.
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags',
];

/** The landing page, conformance, health and the settings the client needs at start. Mounted at the API's root. */
export function createLandingRoutes(database: Database, settings: PublicSettings) {
  return createRouter()
    .openapi(
      createRoute({ method: 'get', path: '/', summary: 'Landing page', responses: { 200: { description: 'Landing page', content: { 'application/json': { schema: LandingPage } } } } }),
      (context) => {
        const apiRoot = apiRootOf(context.req.url);
        return context.json({
          title: 'lifecircle: 潍坊新村街道 15分钟社区生活圈',
          description: 'OGC API - Features for the datasets of 潍坊新村街道, Pudong, Shanghai (WGS 84).',
          links: [
            { href: `${apiRoot}`, rel: 'self', type: 'application/json', title: 'This document' },
            { href: `${apiRoot}/openapi.json`, rel: 'service-desc', type: 'application/vnd.oai.openapi+json;version=3.0', title: 'OpenAPI document' },
            { href: `${apiRoot}/conformance`, rel: 'conformance', type: 'application/json', title: 'Conformance classes' },
            { href: `${apiRoot}/collections`, rel: 'data', type: 'application/json', title: 'Collections' },
          ],
        }, 200);
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/conformance', summary: 'Conformance classes', responses: { 200: { description: 'Conformance', content: { 'application/json': { schema: Conformance } } } } }),
      (context) => context.json({ conformsTo }, 200),
    )
    .openapi(
      createRoute({
        method: 'get', path: '/health', summary: 'Which database is in use, and its PostGIS version',
        responses: { 200: { description: 'Healthy', content: { 'application/json': { schema: Health } } } },
      }),
      async (context) => {
        const [row] = await database.query<{ postgres: string; postgis: string }>(
          `select current_setting('server_version') as postgres, postgis_lib_version() as postgis`,
        );
        return context.json({ status: 'ok' as const, database: database.kind, postgresVersion: row.postgres, postgisVersion: row.postgis }, 200);
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/config', summary: 'Settings the dashboard reads at start', responses: { 200: { description: 'Settings', content: { 'application/json': { schema: PublicSettings } } } } }),
      (context) => context.json(settings, 200),
    );
}
