import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Coverage, DistanceMode, TypeCoverage as ServerTypeCoverage } from '../server/analysis/compute-coverage.ts';
import type { LeadersSummary, RenovationPatch, RenovationRecord } from '../server/contract/leaders.ts';

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

/** `&asOf=…` (or `?asOf=…`) for a date; nothing for null, which the server takes as today in Shanghai, so answers for today stay shared. */
export function asOfParameter(asOf: string | null, separator: '?' | '&' = '&'): string {
  return asOf === null ? '' : `${separator}asOf=${encodeURIComponent(asOf)}`;
}

/** `asOf` (YYYY-MM-DD): the coverage with the facilities open on that date; null for today (the facilities open today). */
export function fetchCoverage(question: CoverageQuestion, asOf: string | null = null): Promise<CoverageAnswer> {
  return readJson(fetch(`${apiRoot}/coverage?${questionParameters(question)}${asOfParameter(asOf)}`));
}

/** Reachable areas within 5, 10 and 15 minutes of every facility of a type open on `asOf` (null: today), largest first. */
export function fetchTypeIsochrones(facilityType: string, question: CoverageQuestion, asOf: string | null = null): Promise<PlaceCollection> {
  return readJson(fetch(`${apiRoot}/isochrones?type=${encodeURIComponent(facilityType)}&minutes=5,10,15&${questionParameters(question)}${asOfParameter(asOf)}`));
}

/** The walk from a point to the nearest facility of each type open on `asOf` (null: today). */
export function fetchWalkFromPoint(longitude: number, latitude: number, question: CoverageQuestion, asOf: string | null = null): Promise<PointWalkAnswer> {
  return readJson(fetch(`${apiRoot}/coverage/point?longitude=${longitude}&latitude=${latitude}&${questionParameters(question)}${asOfParameter(asOf)}`));
}

/**
 * Headers of a write made with the session cookie: the server refuses cookie-authenticated
 * writes without the session's CSRF token (credentials 'same-origin' sends the cookie).
 */
const standardWriteHeaders = (csrfToken: string | undefined, extra: Record<string, string> = {}) => ({ ...extra, ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) });

/** Sets the walking distance a facility type is held to (a planner's edit of the standard; editors). */
export function updateFacilityStandardDistance(facilityType: string, maxWalkMetres: number, csrfToken: string | undefined): Promise<unknown> {
  return readJson(fetch(`${apiRoot}/facility-standards/${encodeURIComponent(facilityType)}`, {
    method: 'PATCH', credentials: 'same-origin', headers: standardWriteHeaders(csrfToken, { 'content-type': 'application/json' }), body: JSON.stringify({ maxWalkMetres }),
  }));
}

/** Undoes a planner's edit: the type goes back to the standard's own distance (editors). */
export function resetFacilityStandard(facilityType: string, csrfToken: string | undefined): Promise<unknown> {
  return readJson(fetch(`${apiRoot}/facility-standards/${encodeURIComponent(facilityType)}/edit`, { method: 'DELETE', credentials: 'same-origin', headers: standardWriteHeaders(csrfToken) }));
}

// ---- Sign-in ----

export interface SessionAnswer {
  username: string;
  role: 'viewer' | 'editor' | 'admin';
  csrfToken: string;
}

/** Who is signed in (the cookie goes with it), or null. */
export async function fetchSession(): Promise<SessionAnswer | null> {
  const body = await readJson<{ signedIn: boolean } & Partial<SessionAnswer>>(fetch(`${apiRoot}/session`, { credentials: 'same-origin' }));
  return body.signedIn && body.username && body.role && body.csrfToken ? { username: body.username, role: body.role, csrfToken: body.csrfToken } : null;
}

export function signIn(username: string, password: string): Promise<SessionAnswer> {
  return readJson(fetch(`${apiRoot}/session`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) }));
}

export async function signOut(): Promise<void> {
  const response = await fetch(`${apiRoot}/session`, { method: 'DELETE', credentials: 'same-origin' });
  if (!response.ok && response.status !== 204) throw new ApiError(response.status, `HTTP ${response.status}`);
}

// ---- Projects (reading; the writes are the drawing tools') ----

export interface ProjectHistoryEntry {
  version: number;
  operation: string;
  actor: string | null;
  recordedAt: string;
}

/** Every recorded version of a project, oldest first, as the audit keeps them. */
export async function fetchProjectHistory(code: string): Promise<ProjectHistoryEntry[]> {
  const body = await readJson<{ versions: ProjectHistoryEntry[] }>(fetch(`${apiRoot}/collections/projects/items/${encodeURIComponent(code)}/history`));
  return body.versions;
}

// ---- Writing projects (issue 5): OGC API - Features Part 4 with strong ETags and If-Match ----

export interface ProjectFieldProblem {
  field: string;
  message: string;
  messageZh: string;
}

/** A refused project write, with what the server said: per-field problems (422), a repaired geometry, or the current version (412). */
export class ProjectWriteFailure extends ApiError {
  constructor(
    status: number,
    message: string,
    messageZh: string | undefined,
    readonly problems: ProjectFieldProblem[],
    readonly suggestedGeometry: Geometry | null,
    readonly current: PlaceFeature | null,
    readonly currentVersion: number | null,
  ) {
    super(status, message, messageZh);
  }
}

/** A project as the server holds it, with the strong ETag a later write must send back as If-Match. */
export interface ProjectWithEtag {
  feature: PlaceFeature;
  etag: string;
}

/** A project write: the signed-in person's CSRF token goes with it (the session cookie is sent by the browser). */
export interface WriteCredentials {
  csrfToken: string;
}

const projectItemsPath = `${apiRoot}/collections/projects/items`;

async function readProjectAnswer(responsePromise: Promise<Response>): Promise<ProjectWithEtag> {
  const response = await responsePromise;
  if (!response.ok) throw await readProjectFailure(response);
  return { feature: (await response.json()) as PlaceFeature, etag: response.headers.get('etag') ?? '' };
}

async function readProjectFailure(response: Response): Promise<ProjectWriteFailure> {
  const body = (await response.json().catch(() => ({}))) as {
    message?: string; messageZh?: string; problems?: ProjectFieldProblem[]; suggestedGeometry?: Geometry; current?: PlaceFeature; currentVersion?: number;
  };
  return new ProjectWriteFailure(
    response.status, body.message ?? `HTTP ${response.status}`, body.messageZh,
    body.problems ?? [], body.suggestedGeometry ?? null, body.current ?? null, body.currentVersion ?? null,
  );
}

const writeHeaders = (credentials: WriteCredentials, etag?: string, contentType = 'application/json'): Record<string, string> => ({
  'content-type': contentType,
  'x-csrf-token': credentials.csrfToken,
  ...(etag === undefined ? {} : { 'if-match': etag }),
});

/** One project and its ETag. */
export function fetchProject(code: string): Promise<ProjectWithEtag> {
  return readProjectAnswer(fetch(`${projectItemsPath}/${encodeURIComponent(code)}`, { credentials: 'same-origin', cache: 'no-store' }));
}

export function createProject(feature: { type: 'Feature'; geometry: Geometry; properties: Record<string, unknown> }, credentials: WriteCredentials): Promise<ProjectWithEtag> {
  return readProjectAnswer(fetch(projectItemsPath, {
    method: 'POST', credentials: 'same-origin', headers: writeHeaders(credentials), body: JSON.stringify(feature),
  }));
}

/** A JSON merge patch of the properties and optionally a new geometry, only if the project is still at `etag`. */
export function patchProject(code: string, patch: { properties?: Record<string, unknown>; geometry?: Geometry }, etag: string, credentials: WriteCredentials): Promise<ProjectWithEtag> {
  return readProjectAnswer(fetch(`${projectItemsPath}/${encodeURIComponent(code)}`, {
    method: 'PATCH', credentials: 'same-origin', headers: writeHeaders(credentials, etag, 'application/merge-patch+json'), body: JSON.stringify(patch),
  }));
}

export async function deleteProject(code: string, etag: string, credentials: WriteCredentials): Promise<void> {
  const response = await fetch(`${projectItemsPath}/${encodeURIComponent(code)}`, { method: 'DELETE', credentials: 'same-origin', headers: writeHeaders(credentials, etag) });
  if (!response.ok) throw await readProjectFailure(response);
}

/** The form's vocabulary: the six actions with their items, statuses, units and limits. */
export interface ProjectVocabulary {
  actions: { key: string; nameZh: string; nameEn: string; items: { item: number; nameZh: string; nameEn: string }[] }[];
  statuses: { key: string; nameZh: string }[];
  units: string[];
  residentialPartyOrganisation: string;
  assumableFields: string[];
  limits: Record<string, number>;
}

export function fetchProjectVocabulary(): Promise<ProjectVocabulary> {
  return readJson(fetch(`${apiRoot}/projects/vocabulary`));
}

/** What a geometry touches (the server's measureImpact answer). */
export interface ImpactAnswer {
  geometryType: string;
  areaSquareMetres: number | null;
  lengthMetres: number | null;
  estates: { id: string; name: string; residents: number; overlapShare: number | null }[];
  residentsOfEstatesTouched: number;
  residentsInOverlap: number | null;
  buildings: { count: number; households: number; items: { id: string; name: string; buildingType: string | null; households: number | null }[] };
  facilities: { id: string; name: string; facilityType: string | null; placeholder: boolean }[];
  streets: { id: string; name: string; distanceMetres: number }[];
  walk: { residentsWithinMinutes: Record<string, number>; estatesWithinMinutes: Record<string, number> };
}

/** The impact of a drawn geometry; `signal` lets a newer drawing cancel an older question. */
export async function measureImpact(geometry: Geometry, signal?: AbortSignal): Promise<ImpactAnswer> {
  const response = await fetch(`${apiRoot}/impact`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ geometry }), signal });
  if (!response.ok) throw await readProjectFailure(response);
  return (await response.json()) as ImpactAnswer;
}

// ---- The leaders' view (issue 6): summary as of a date, renovation records, exports ----

// Type-only: the schemas themselves (zod) stay on the server.
export type { LeadersSummary, RenovationPatch, RenovationRecord };

/** Everything the leaders' view shows for one date; null: today. */
export function fetchLeadersSummary(asOf: string | null): Promise<LeadersSummary> {
  return readJson(fetch(`${apiRoot}/leaders/summary${asOfParameter(asOf, '?')}`));
}

/** One estate's renovation record and its ETag, which an edit sends back as If-Match. */
export async function fetchRenovationRecord(estateKey: string): Promise<{ record: RenovationRecord; etag: string }> {
  const response = await fetch(`${apiRoot}/renovation/${encodeURIComponent(estateKey)}`);
  const record = await readJson<RenovationRecord>(Promise.resolve(response));
  return { record, etag: response.headers.get('etag') ?? '' };
}

/** A refused write with the server's per-field problems, and (on 412) the record as it is now. */
export class RenovationWriteFailure extends ApiError {
  constructor(status: number, message: string, messageZh: string | undefined, readonly problems: { field: string; message: string; messageZh: string }[], readonly current: RenovationRecord | null) {
    super(status, message, messageZh);
  }
}

/** Edits an estate's renovation record (JSON merge patch), only if it is still the version read. */
export async function patchRenovationRecord(estateKey: string, patch: RenovationPatch, etag: string, csrfToken: string): Promise<{ record: RenovationRecord; etag: string }> {
  const response = await fetch(`${apiRoot}/renovation/${encodeURIComponent(estateKey)}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/merge-patch+json', 'if-match': etag, 'x-csrf-token': csrfToken },
    body: JSON.stringify(patch),
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { message?: string; messageZh?: string; problems?: { field: string; message: string; messageZh: string }[]; current?: RenovationRecord };
    throw new RenovationWriteFailure(response.status, body.message ?? `HTTP ${response.status}`, body.messageZh, body.problems ?? [], body.current ?? null);
  }
  return { record: (await response.json()) as RenovationRecord, etag: response.headers.get('etag') ?? '' };
}

export type ExportDataset = 'estates' | 'projects' | 'facilities' | 'coverage';
export type ExportFormat = 'csv' | 'geojson';

/** The link of an export for the dashboard's as-of date (the server's /api/exports). */
export function exportUrl(dataset: ExportDataset, format: ExportFormat, asOf: string | null): string {
  return `${apiRoot}/exports/${dataset}.${format}${asOfParameter(asOf, '?')}`;
}
