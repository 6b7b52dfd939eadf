import { hc, type InferRequestType, type InferResponseType } from 'hono/client';
import type { AppType } from '../../server/app.ts';

/**
 * The typed client, checked by `npm run typecheck` (part of `npm test`): hc<AppType> infers the
 * requests and answers of the routes from the server's own schemas. Each `@ts-expect-error`
 * names a field no answer has; if a route's types were lost (`any` or `{}`), the expected error
 * would not happen and the typecheck would fail. Nothing here runs.
 */
const client = hc<AppType>('http://x');

// GET /api/coverage: the query is typed, and so is the answer.
type CoverageRequest = InferRequestType<typeof client.api.coverage.$get>;
export const coverageRequest: CoverageRequest = { query: { speed: '0.9', mode: 'network', asOf: '2024-12-31' } };
// @ts-expect-error mode is network or straight-line
export const wrongMode: CoverageRequest = { query: { mode: 'by-car' } };
type Coverage = InferResponseType<typeof client.api.coverage.$get, 200>;
export const healthShare = (coverage: Coverage): number => coverage.byType[0].residentsShare;
export const firstGap = (coverage: Coverage): string | undefined => coverage.byUnit[0].gaps[0];
// @ts-expect-error a coverage answer has no `share`
export const wrongCoverage = (coverage: Coverage) => coverage.share;

// GET /api/collections/projects/items/{projectCode}: the project, its properties typed.
const projectItem = client.api.collections.projects.items[':projectCode'];
type Project = InferResponseType<typeof projectItem.$get, 200>;
export const projectStatus = (project: Project): 'planned' | 'in_progress' | 'completed' | 'on_hold' => project.properties.status;
export const projectLinks = (project: Project): string[] => project.links.map((link) => link.href);
// @ts-expect-error a project's properties have no `statusName`
export const wrongProject = (project: Project) => project.properties.statusName;
type ProjectNotFound = InferResponseType<typeof projectItem.$get, 404>;
export const notFoundMessage = (error: ProjectNotFound): string => `${error.message} ${error.messageZh}`;

// POST /api/collections/projects/items: the body is typed though the route parses it itself.
type CreateProject = InferRequestType<typeof client.api.collections.projects.items.$post>;
export const newProject: CreateProject['json'] = { type: 'Feature', geometry: { type: 'Point', coordinates: [121.52, 31.22] }, properties: {} };
// @ts-expect-error a project is a Feature, not a bare geometry
export const wrongNewProject: CreateProject['json'] = { type: 'Point', coordinates: [121.52, 31.22] };

// GET /api/leaders/summary: the leaders' figures.
type Summary = InferResponseType<typeof client.api.leaders.summary.$get, 200>;
export const residentsShare = (summary: Summary): number => summary.renovation.target.share.residents;
// @ts-expect-error the target has a share, not a percent
export const wrongSummary = (summary: Summary) => summary.renovation.target.percent;
