import { createRoute } from '@hono/zod-openapi';
import { IsochroneQuery, Isochrones } from '../contract/coverage.ts';
import { errorAnswer } from '../contract/errors.ts';
import type { Database } from '../db/database.ts';
import { readFacilitiesClosedOn } from '../facility-openings/read-facilities-not-open.ts';
import type { ReadyAnswers } from '../services/ready-answers.ts';
import type { WalkingAnalysis } from '../services/walking-analysis.ts';
import { createRouter, geoJsonType } from './router.ts';

/** Areas reachable on foot, mounted at /isochrones: from a facility, every facility of a type open on `asOf`, or a point. */
export function createIsochroneRoutes(database: Database, analysis: WalkingAnalysis, readyAnswers: ReadyAnswers) {
  return createRouter().openapi(
    createRoute({
      method: 'get', path: '/', summary: 'Areas reachable on foot within 5/10/15 minutes from a facility, a type or a point', request: { query: IsochroneQuery },
      responses: {
        200: { description: 'GeoJSON FeatureCollection, largest band first', content: { [geoJsonType]: { schema: Isochrones } } },
        400: errorAnswer('Bad request'),
        404: errorAnswer('No such facility'),
      },
    }),
    (context) => {
      const { facility, type, point, minutes, speed, placeholders, asOf } = context.req.valid('query');
      // Kept as ready bytes until the data changes: a type's areas are asked by every planner who opens it.
      return readyAnswers.answer(context, geoJsonType, async () => {
        const { excludedFacilityKeys } = await readFacilitiesClosedOn(database, asOf, placeholders === 'include');
        return analysis.isochrones({ facilityId: facility, facilityType: type, point }, minutes, speed, placeholders === 'include', excludedFacilityKeys);
      });
    },
  );
}
