import { createRoute } from '@hono/zod-openapi';
import { CoverageAnswer, CoverageQuery, EstateCoverageAnswer, EstateParameters, HexGrid, HexGridQuery, PointQuery, PointWalk } from '../contract/coverage.ts';
import { errorAnswer } from '../contract/errors.ts';
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { readFacilitiesClosedOn } from '../facility-openings/read-facilities-not-open.ts';
import type { ReadyAnswers } from '../services/ready-answers.ts';
import type { WalkingAnalysis } from '../services/walking-analysis.ts';
import { createRouter } from './router.ts';

const errors = { 400: errorAnswer('Bad request'), 404: errorAnswer('Not found') };

/**
 * The 15-minute life circle, mounted at /coverage: coverage by facility type, per estate and
 * from a point. Every answer counts the facilities open on `asOf` (default today in Shanghai),
 * so the life-circle panel, the walk from a point and the leaders' view agree on a date. The
 * coverage answers are kept as ready bytes until the data changes (services/ready-answers.ts).
 */
export function createCoverageRoutes(database: Database, analysis: WalkingAnalysis, readyAnswers: ReadyAnswers) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/', summary: 'Walking coverage of each facility type (network or straight-line)', request: { query: CoverageQuery },
        responses: { 200: { description: 'Coverage', content: { 'application/json': { schema: CoverageAnswer } } }, ...errors },
      }),
      (context) => {
        const { types, speed, mode, placeholders, asOf } = context.req.valid('query');
        return readyAnswers.answer(context, 'application/json', async () => {
          const { date, excludedFacilityKeys } = await readFacilitiesClosedOn(database, asOf, placeholders === 'include');
          const coverage = await analysis.coverage({ facilityTypes: types, mode, speedMetresPerSecond: speed, includePlaceholders: placeholders === 'include', excludedFacilityKeys });
          return { ...coverage, asOf: date, facilitiesNotOpen: excludedFacilityKeys };
        });
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/hex-grid', summary: 'Gap heat map: walking minutes to the nearest facility of a type and estimated residents, on H3 cells (resolution 10)', request: { query: HexGridQuery },
        responses: { 200: { description: 'Cells', content: { 'application/json': { schema: HexGrid } } }, ...errors },
      }),
      (context) => {
        const { type, speed, placeholders, asOf } = context.req.valid('query');
        return readyAnswers.answer(context, 'application/json', async () => {
          const { date, excludedFacilityKeys } = await readFacilitiesClosedOn(database, asOf, placeholders === 'include');
          const grid = await analysis.hexGapGrid(type, speed, placeholders === 'include', excludedFacilityKeys);
          return { ...grid, asOf: date };
        });
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/estates/{estateId}', summary: 'Walking minutes from one estate to each facility type, and its gaps', request: { params: EstateParameters, query: CoverageQuery },
        responses: { 200: { description: 'Estate coverage', content: { 'application/json': { schema: EstateCoverageAnswer } } }, ...errors },
      }),
      async (context) => {
        const { estateId } = context.req.valid('param');
        const { types, speed, mode, placeholders, asOf } = context.req.valid('query');
        const { date, excludedFacilityKeys } = await readFacilitiesClosedOn(database, asOf, placeholders === 'include');
        const coverage = await analysis.coverage({ facilityTypes: types, mode, speedMetresPerSecond: speed, includePlaceholders: placeholders === 'include', excludedFacilityKeys });
        const estate = coverage.byUnit.find((unit) => unit.id === estateId);
        if (!estate) throw notFound(`Estate "${estateId}"`, `小区“${estateId}”`);
        const standards = coverage.byType.map(({ facilityType, nameZh, walkMetres, basis }) => ({ facilityType, nameZh, walkMetres, basis }));
        return context.json({ estate, standards, mode, speedMetresPerSecond: speed, asOf: date }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/point', summary: 'Walking time from any point to the nearest facility of each type', request: { query: PointQuery },
        responses: { 200: { description: 'Walking times', content: { 'application/json': { schema: PointWalk } } }, ...errors },
      }),
      async (context) => {
        const { longitude, latitude, speed, placeholders, asOf } = context.req.valid('query');
        const { date, excludedFacilityKeys } = await readFacilitiesClosedOn(database, asOf, placeholders === 'include');
        const walk = await analysis.walkFromPoint(longitude, latitude, speed, placeholders === 'include', excludedFacilityKeys);
        return context.json({ longitude, latitude, speedMetresPerSecond: speed, asOf: date, ...walk }, 200);
      },
    );
}
