import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../db/database.ts';
import { CoverageQuery as BaseCoverageQuery, EstateParameters, IsochroneQuery, PointQuery, StandardParameters, StandardUpdate } from '../contract/coverage.ts';
import { todayInShanghai } from '../contract/as-of.ts';
import { AsOfDate } from '../contract/leaders.ts';
import { readFacilitiesNotOpen } from '../leaders/compute-leaders-summary.ts';
import { requireRole } from '../auth/sign-in.ts';
import { ErrorBody } from '../contract/ogc.ts';
import { notFound } from '../errors.ts';
import { seedFacilityStandards } from '../db/seed-standards.ts';
import { findFacilityStandard, forgetFacilityStandardEdit, listFacilityStandards, updateFacilityStandardDistance } from '../queries/facility-standards.ts';
import type { WalkingAnalysis } from '../services/walking-analysis.ts';
import { createRouter } from './router.ts';

const json = (description: string) => ({ description, content: { 'application/json': { schema: z.object({}).passthrough() } } });
/**
 * asOf: only the facilities open on that date count. Without it, today in Shanghai: the
 * facilities open today, so the life-circle panel, the isochrones, the walk from a point and the
 * leaders' view all count the same facilities for the current date.
 */
const CoverageQuery = BaseCoverageQuery.extend({ asOf: AsOfDate });
/**
 * The facilities to leave out on `asOf` (default today): those not open then. With
 * placeholders=include the stand-in sites all count, as before dates existed: that answer is the
 * what-if of the plan's sites, not a finding about a date.
 */
const facilitiesNotOpenOn = async (database: Database, asOf: string | undefined, placeholders: string) => {
  const date = asOf ?? todayInShanghai();
  return { date, excludedFacilityKeys: await readFacilitiesNotOpen(database, date, todayInShanghai(), placeholders === 'include') };
};
const errors = { 400: { description: 'Bad request', content: { 'application/json': { schema: ErrorBody } } }, 404: { description: 'Not found', content: { 'application/json': { schema: ErrorBody } } } };
const signInErrors = { 401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorBody } } }, 403: { description: 'Not an editor, or no valid X-CSRF-Token', content: { 'application/json': { schema: ErrorBody } } } };

/** The 15-minute life circle: coverage by facility type, per estate, from a point, isochrones, standards. */
export function createCoverageRoutes(database: Database, analysis: WalkingAnalysis, geodataDirectory: string) {
  const router = createRouter();
  // Editing a standard changes every coverage answer: editors only. Checked before the body is
  // validated, so an anonymous or viewer request learns nothing from a 400.
  router.use('/facility-standards/*', async (context, next) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(context.req.method)) await requireRole(database, context, 'editor');
    await next();
  });
  return router
    .openapi(
      createRoute({ method: 'get', path: '/coverage', summary: 'Walking coverage of each facility type (network or straight-line)', request: { query: CoverageQuery }, responses: { 200: json('Coverage'), ...errors } }),
      async (context) => {
        const { types, speed, mode, placeholders, asOf } = context.req.valid('query');
        const { date, excludedFacilityKeys } = await facilitiesNotOpenOn(database, asOf, placeholders);
        const coverage = await analysis.coverage({ facilityTypes: types, mode, speedMetresPerSecond: speed, includePlaceholders: placeholders === 'include', excludedFacilityKeys });
        return context.json({ ...coverage, asOf: date, facilitiesNotOpen: excludedFacilityKeys } as never, 200);
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/coverage/estates/{estateId}', summary: 'Walking minutes from one estate to each facility type, and its gaps', request: { params: EstateParameters, query: CoverageQuery }, responses: { 200: json('Estate coverage'), ...errors } }),
      async (context) => {
        const { estateId } = context.req.valid('param');
        const { types, speed, mode, placeholders, asOf } = context.req.valid('query');
        const { date, excludedFacilityKeys } = await facilitiesNotOpenOn(database, asOf, placeholders);
        const coverage = await analysis.coverage({ facilityTypes: types, mode, speedMetresPerSecond: speed, includePlaceholders: placeholders === 'include', excludedFacilityKeys });
        const estate = coverage.byUnit.find((unit) => unit.id === estateId);
        if (!estate) throw notFound(`Estate "${estateId}"`, `小区“${estateId}”`);
        const standards = coverage.byType.map(({ facilityType, nameZh, walkMetres, basis }) => ({ facilityType, nameZh, walkMetres, basis }));
        return context.json({ estate, standards, mode, speedMetresPerSecond: speed, asOf: date } as never, 200);
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/coverage/point', summary: 'Walking time from any point to the nearest facility of each type', request: { query: PointQuery }, responses: { 200: json('Walking times'), ...errors } }),
      async (context) => {
        const { longitude, latitude, speed, placeholders, asOf } = context.req.valid('query');
        const { date, excludedFacilityKeys } = await facilitiesNotOpenOn(database, asOf, placeholders);
        const walk = await analysis.walkFromPoint(longitude, latitude, speed, placeholders === 'include', excludedFacilityKeys);
        return context.json({ longitude, latitude, speedMetresPerSecond: speed, asOf: date, ...walk } as never, 200);
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/isochrones', summary: 'Areas reachable on foot within 5/10/15 minutes from a facility, a type or a point', request: { query: IsochroneQuery }, responses: { 200: json('GeoJSON FeatureCollection, largest band first'), ...errors } }),
      async (context) => {
        const { facility, type, point, minutes, speed, placeholders, asOf } = context.req.valid('query');
        const { excludedFacilityKeys } = await facilitiesNotOpenOn(database, asOf, placeholders);
        const result = await analysis.isochrones({ facilityId: facility, facilityType: type, point }, minutes, speed, placeholders === 'include', excludedFacilityKeys);
        return context.body(JSON.stringify(result), 200, { 'content-type': 'application/geo+json' }) as never;
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/facility-standards', summary: 'Life-circle standards per facility type, and the distance each uses', responses: { 200: json('Standards') } }),
      async (context) => {
        const [standards, thresholds] = await Promise.all([listFacilityStandards(database), analysis.standards()]);
        return context.json({
          standards: standards.map((standard) => {
            const threshold = thresholds.find((candidate) => candidate.facilityType === standard.facilityType);
            return { ...standard, walkMetres: threshold?.walkMetres ?? null, basis: threshold?.basis ?? null };
          }),
        } as never, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'patch', path: '/facility-standards/{facilityType}', summary: 'Set the walking distance of a facility type (null: the level default); editors, with X-CSRF-Token',
        request: { params: StandardParameters, body: { content: { 'application/json': { schema: StandardUpdate } }, required: true } },
        responses: { 200: json('The standard as stored'), ...errors, ...signInErrors },
      }),
      async (context) => {
        const { facilityType } = context.req.valid('param');
        const { maxWalkMetres } = context.req.valid('json');
        if (!(await findFacilityStandard(database, facilityType))) throw notFound(`Facility type "${facilityType}"`, `设施类型“${facilityType}”`);
        return context.json(await updateFacilityStandardDistance(database, facilityType, maxWalkMetres) as never, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete', path: '/facility-standards/{facilityType}/edit', summary: 'Undo a planner\'s edit: the type goes back to the standard\'s own values; editors, with X-CSRF-Token',
        request: { params: StandardParameters },
        responses: { 200: json('The standard as stored'), ...errors, ...signInErrors },
      }),
      async (context) => {
        const { facilityType } = context.req.valid('param');
        if (!(await forgetFacilityStandardEdit(database, facilityType))) throw notFound(`Facility type "${facilityType}"`, `设施类型“${facilityType}”`);
        await seedFacilityStandards(database, geodataDirectory);
        return context.json(await findFacilityStandard(database, facilityType) as never, 200);
      },
    );
}
