import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Coverage, DistanceMode, TypeCoverage as ServerTypeCoverage } from '../server/analysis/compute-coverage.ts';

/**
 * The only client file that knows the API's URLs. It uses plain fetch, not `hc<AppType>`: the
 * server's AppType currently resolves to an empty route schema (hc's client type is `unknown`),
 * so hc would give no type safety. The response types below follow the OGC API answers.
 */
const apiRoot = '/api';

export interface CollectionSummary {
  id: string;
  title: string;
  titleEn: string;
  description: string;
  featureCount: number;
  extent: { spatial: { bbox: number[][] } };
}

export type PlaceProperties = Record<string, unknown> & { name?: string; name_en?: string; source?: string; source_detail?: string; confidence?: string };
export type PlaceFeature = Feature<Geometry, PlaceProperties>;
export type PlaceCollection = FeatureCollection<Geometry, PlaceProperties>;

export interface DashboardConfig {
  basemapStyleUrl: string | null;
}

/** An API answer that was not 2xx, with the server's own message in both languages when it gave one. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly messageZh?: string) {
    super(message);
  }
}

async function readJson<T>(responsePromise: Promise<Response>): Promise<T> {
  const response = await responsePromise;
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { message?: string; messageZh?: string };
    throw new ApiError(response.status, body.message ?? `HTTP ${response.status}`, body.messageZh);
  }
  return (await response.json()) as T;
}

export function fetchConfig(): Promise<DashboardConfig> {
  return readJson(fetch(`${apiRoot}/config`));
}

export async function fetchCollections(): Promise<CollectionSummary[]> {
  const body = await readJson<{ collections: CollectionSummary[] }>(fetch(`${apiRoot}/collections`));
  return body.collections;
}

// The API's maximum page size; larger collections are read page by page.
const pageSize = 10_000;

/** Every feature of a collection, following the pages until numberMatched are read. */
export async function fetchAllFeatures(collectionId: string): Promise<PlaceCollection> {
  const features: PlaceFeature[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await readJson<PlaceCollection & { numberMatched: number; numberReturned: number }>(
      fetch(`${apiRoot}/collections/${encodeURIComponent(collectionId)}/items?limit=${pageSize}&offset=${offset}`),
    );
    features.push(...page.features);
    if (page.numberReturned < pageSize || features.length >= page.numberMatched) break;
  }
  return { type: 'FeatureCollection', features };
}

// ---- The 15-minute life circle (coverage, isochrones, walking from a point) ----

export type { DistanceMode };

export interface CoverageQuestion {
  speedMetresPerSecond: number;
  mode: DistanceMode;
  includePlaceholders: boolean;
}

// The answers' shapes are the server's own (type-only imports: nothing of the server is bundled),
// so the client cannot drift from what the analysis computes.
export type TypeCoverage = ServerTypeCoverage & { placeholderCount: number };
export type CoverageAnswer = Omit<Coverage, 'byType'> & {
  /** Changes whenever the network, facilities, estates or standards behind the answer change. */
  revision: string;
  includePlaceholders: boolean;
  byType: TypeCoverage[];
};

export interface PointWalkAnswer {
  longitude: number;
  latitude: number;
  accessMetres: number;
  byType: { facilityType: string; nameZh: string; walkMetres: number; distanceMetres: number | null; minutes: number | null; withinStandard: boolean; facility: { id: string; name: string } | null }[];
}

const questionParameters = (question: CoverageQuestion) =>
  `speed=${question.speedMetresPerSecond}&mode=${question.mode}&placeholders=${question.includePlaceholders ? 'include' : 'exclude'}`;

export function fetchCoverage(question: CoverageQuestion): Promise<CoverageAnswer> {
  return readJson(fetch(`${apiRoot}/coverage?${questionParameters(question)}`));
}

/** Reachable areas within 5, 10 and 15 minutes of every facility of a type, largest first. */
export function fetchTypeIsochrones(facilityType: string, question: CoverageQuestion): Promise<PlaceCollection> {
  return readJson(fetch(`${apiRoot}/isochrones?type=${encodeURIComponent(facilityType)}&minutes=5,10,15&${questionParameters(question)}`));
}

export function fetchWalkFromPoint(longitude: number, latitude: number, question: CoverageQuestion): Promise<PointWalkAnswer> {
  return readJson(fetch(`${apiRoot}/coverage/point?longitude=${longitude}&latitude=${latitude}&${questionParameters(question)}`));
}

/** Sets the walking distance a facility type is held to (a planner's edit of the standard). */
export function updateFacilityStandardDistance(facilityType: string, maxWalkMetres: number): Promise<unknown> {
  return readJson(fetch(`${apiRoot}/facility-standards/${encodeURIComponent(facilityType)}`, {
    method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ maxWalkMetres }),
  }));
}

/** Undoes a planner's edit: the type goes back to the standard's own distance. */
export function resetFacilityStandard(facilityType: string): Promise<unknown> {
  return readJson(fetch(`${apiRoot}/facility-standards/${encodeURIComponent(facilityType)}/edit`, { method: 'DELETE' }));
}
