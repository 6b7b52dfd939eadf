import type { InferResponseType } from 'hono/client';
import type { DistanceMode } from '../../server/analysis/compute-coverage.ts';
import { api, asOfQuery, csrfHeaders, pathParameter, readJson } from './api-client.ts';
import type { PlaceCollection } from './collections.ts';

/** The 15-minute life circle: coverage of every estate, isochrones, the walk from a point, and the standards' distances. */

export type { DistanceMode };

/** What the life-circle panel asks: how fast, how (by the streets or straight), and whether planned facilities count. */
export interface CoverageQuestion {
  speedMetresPerSecond: number;
  mode: DistanceMode;
  includePlaceholders: boolean;
}

export type CoverageAnswer = InferResponseType<typeof api.coverage.$get, 200>;
export type TypeCoverage = CoverageAnswer['byType'][number];
export type PointWalkAnswer = InferResponseType<typeof api.coverage.point.$get, 200>;
export type HexGridAnswer = InferResponseType<(typeof api.coverage)['hex-grid']['$get'], 200>;

const walkQuery = (question: CoverageQuestion) => ({
  speed: String(question.speedMetresPerSecond),
  placeholders: question.includePlaceholders ? 'include' as const : 'exclude' as const,
});

/** `asOf` (YYYY-MM-DD): the coverage with the facilities open on that date; null for today (the facilities open today). */
export function fetchCoverage(question: CoverageQuestion, asOf: string | null = null): Promise<CoverageAnswer> {
  return readJson(api.coverage.$get({ query: { ...walkQuery(question), mode: question.mode, ...asOfQuery(asOf) } }));
}

/** The gap heat map of one type: H3 cells with the walk to its nearest facility open on `asOf` (null: today) and their estimated residents. */
export function fetchHexGrid(facilityType: string, question: CoverageQuestion, asOf: string | null = null): Promise<HexGridAnswer> {
  return readJson(api.coverage['hex-grid'].$get({ query: { type: facilityType, ...walkQuery(question), ...asOfQuery(asOf) } }));
}

/** Reachable areas within 5, 10 and 15 minutes of every facility of a type open on `asOf` (null: today), largest first. */
export async function fetchTypeIsochrones(facilityType: string, question: CoverageQuestion, asOf: string | null = null): Promise<PlaceCollection> {
  const answer = await readJson(api.isochrones.$get({ query: { type: facilityType, minutes: '5,10,15', ...walkQuery(question), ...asOfQuery(asOf) } }));
  return answer as PlaceCollection;
}

/** Reachable areas within 5, 10 and 15 minutes' walk of a point (WGS 84), largest first. */
export async function fetchPointIsochrones(longitude: number, latitude: number, question: CoverageQuestion, asOf: string | null = null): Promise<PlaceCollection> {
  const answer = await readJson(api.isochrones.$get({ query: { point: `${longitude},${latitude}`, minutes: '5,10,15', ...walkQuery(question), ...asOfQuery(asOf) } }));
  return answer as PlaceCollection;
}

/** The walk from a point to the nearest facility of each type open on `asOf` (null: today). */
export function fetchWalkFromPoint(longitude: number, latitude: number, question: CoverageQuestion, asOf: string | null = null): Promise<PointWalkAnswer> {
  return readJson(api.coverage.point.$get({ query: { longitude: String(longitude), latitude: String(latitude), ...walkQuery(question), ...asOfQuery(asOf) } }));
}

const standard = api['facility-standards'][':facilityType'];

export type FacilityStandard = InferResponseType<typeof standard.$get, 200>;
export type FacilityStandardHistory = InferResponseType<typeof standard.history.$get, 200>;

/** Every standard with its version (the If-Match an edit sends) and the distance the analysis uses. */
export async function fetchFacilityStandards(): Promise<FacilityStandard[]> {
  return (await readJson(api['facility-standards'].$get())).standards;
}

/** Every planner's edit of a standard, newest first (who, when, before, after). */
export function fetchFacilityStandardHistory(facilityType: string): Promise<FacilityStandardHistory> {
  return readJson(standard.history.$get({ param: { facilityType: pathParameter(facilityType) } }));
}

/** The strong ETag of a standard's version, as the server writes it. */
const standardEtag = (facilityType: string, version: number) => `"standard-${facilityType}-${version}"`;

/** Sets the walking distance a facility type is held to (a planner's edit of the standard; editors), if it is still at `version`. */
export function updateFacilityStandardDistance(facilityType: string, version: number, maxWalkMetres: number, csrfToken: string | undefined): Promise<FacilityStandard> {
  return readJson(standard.$patch(
    { param: { facilityType: pathParameter(facilityType) }, header: { 'if-match': standardEtag(facilityType, version) }, json: { maxWalkMetres } },
    { headers: csrfHeaders(csrfToken), init: { credentials: 'same-origin' } },
  ));
}

/** Undoes a planner's edit, if the standard is still at `version`: the type goes back to the standard's own distance (editors). */
export function resetFacilityStandard(facilityType: string, version: number, csrfToken: string | undefined): Promise<FacilityStandard> {
  return readJson(standard.edit.$delete(
    { param: { facilityType: pathParameter(facilityType) }, header: { 'if-match': standardEtag(facilityType, version) } },
    { headers: csrfHeaders(csrfToken), init: { credentials: 'same-origin' } },
  ));
}
