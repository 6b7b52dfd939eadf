import type { Geometry } from 'geojson';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, csrfHeaders, pathParameter, readJson, readJsonAndEtag, throwUnlessOk } from './api-client.ts';
import type { PlaceFeature } from './collections.ts';

/**
 * The project registry: reading a project with its strong ETag, the writes (OGC API - Features
 * Part 4, If-Match, JSON merge patch), the history, the impact of a geometry, the form's vocabulary.
 */

const projectItems = api.collections.projects.items;
const projectItem = projectItems[':projectCode'];
const projectVersionRestore = projectItem.history[':version'].restore;

/** A project's properties as the API answers them (the listing's copy has the same). */
export type ProjectProperties = InferResponseType<typeof projectItem.$get, 200>['properties'];
export type LinkedFeatureReference = ProjectProperties['linked_features'][number];
export type ProjectHistoryEntry = InferResponseType<typeof projectItem.history.$get, 200>['versions'][number];
export type ProjectVocabulary = InferResponseType<typeof api.projects.vocabulary.$get, 200>;
export type ImpactAnswer = InferResponseType<typeof api.impact.$post, 200>;
type NewProject = InferRequestType<typeof projectItems.$post>['json'];
type ProjectPatch = InferRequestType<typeof projectItem.$patch>['json'];
type ProjectGeometry = NonNullable<NewProject['geometry']>;

/**
 * A drawn geometry as the contract types a project's: the drawing tools make points, lines and
 * polygons only, and a GeometryCollection the server refuses (422) as it refuses any other
 * broken rule, so the GeoJSON type is read as the contract's here, in one place.
 */
const asProjectGeometry = (geometry: Geometry): ProjectGeometry => geometry as ProjectGeometry;

/** A project as the server holds it, with the strong ETag a later write must send back as If-Match. */
export interface ProjectWithEtag {
  feature: PlaceFeature;
  etag: string;
}

/** A project write: the signed-in person's CSRF token goes with it (the session cookie is sent by the browser). */
export interface WriteCredentials {
  csrfToken: string;
}

const param = (code: string) => ({ projectCode: pathParameter(code) });

/**
 * The headers of a write, all of them: hc sets `application/json` for a JSON body, and a merge
 * patch must say `application/merge-patch+json`, so the write's headers are given whole
 * (RequestInit's headers take the place of hc's own).
 */
const writeInit = (credentials: WriteCredentials, contentType: string | null, etag?: string): { init: RequestInit } => ({
  init: {
    credentials: 'same-origin',
    headers: {
      ...(contentType === null ? {} : { 'content-type': contentType }),
      ...csrfHeaders(credentials.csrfToken),
      ...(etag === undefined ? {} : { 'if-match': etag }),
    },
  },
});

async function readProject(request: ReturnType<typeof projectItem.$get | typeof projectItem.$patch | typeof projectItems.$post | typeof projectVersionRestore.$post>): Promise<ProjectWithEtag> {
  const { body, etag } = await readJsonAndEtag<Awaited<typeof request>>(request);
  return { feature: body as PlaceFeature, etag };
}

/** Every recorded version of a project, oldest first, as the audit keeps them. */
export async function fetchProjectHistory(code: string): Promise<ProjectHistoryEntry[]> {
  return (await readJson(projectItem.history.$get({ param: param(code) }))).versions;
}

/** One project and its ETag (never from the browser's cache: the ETag must be the current one). */
export function fetchProject(code: string): Promise<ProjectWithEtag> {
  return readProject(projectItem.$get({ param: param(code) }, { init: { credentials: 'same-origin', cache: 'no-store' } }));
}

export function createProject(feature: Omit<NewProject, 'geometry'> & { geometry: Geometry }, credentials: WriteCredentials): Promise<ProjectWithEtag> {
  const json = { ...feature, geometry: asProjectGeometry(feature.geometry) };
  return readProject(projectItems.$post({ json }, writeInit(credentials, 'application/json')));
}

/** A JSON merge patch of the properties and optionally a new geometry, only if the project is still at `etag`. */
export function patchProject(code: string, patch: Omit<ProjectPatch, 'geometry'> & { geometry?: Geometry }, etag: string, credentials: WriteCredentials): Promise<ProjectWithEtag> {
  const json = { ...patch, geometry: patch.geometry === undefined ? undefined : asProjectGeometry(patch.geometry) };
  return readProject(projectItem.$patch({ param: param(code), header: { 'if-match': etag }, json }, writeInit(credentials, 'application/merge-patch+json', etag)));
}

/**
 * Makes an earlier version of a project the current one, only if the project is still at `etag`;
 * the restore is itself a new version (412 when someone changed the project since).
 */
export function restoreProjectVersion(code: string, version: number, etag: string, credentials: WriteCredentials): Promise<ProjectWithEtag> {
  return readProject(projectVersionRestore.$post({ param: { ...param(code), version: String(version) }, header: { 'if-match': etag } }, writeInit(credentials, null, etag)));
}

export async function deleteProject(code: string, etag: string, credentials: WriteCredentials): Promise<void> {
  await throwUnlessOk(await projectItem.$delete({ param: param(code), header: { 'if-match': etag } }, writeInit(credentials, null, etag)));
}

/** The form's vocabulary: the six actions with their items, statuses, units and limits. */
export function fetchProjectVocabulary(): Promise<ProjectVocabulary> {
  return readJson(api.projects.vocabulary.$get());
}

/** The impact of a drawn geometry; `signal` lets a newer drawing cancel an older question. */
export function measureImpact(geometry: Geometry, signal?: AbortSignal): Promise<ImpactAnswer> {
  return readJson(api.impact.$post({ json: { geometry: asProjectGeometry(geometry) } }, { init: { signal } }));
}
