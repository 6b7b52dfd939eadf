import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireRole } from '../auth/sign-in.ts';
import { errorAnswer } from '../contract/errors.ts';
import {
  Impact, ProjectAnswer, ProjectCodeParameters, ProjectFeatureInput, ProjectHistory, ProjectPatchInput, ProjectVersionParameters,
} from '../contract/projects.ts';
import { projectLimits } from '../contract/vocabulary/projects.ts';
import type { Database } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import { measureImpact } from '../projects/measure-impact.ts';
import { invalidProject, mergePatch, parseJsonObject, validateProjectFeature } from '../projects/validate-project.ts';
import {
  createProject, duplicateCode, ifMatchAccepts, preconditionFailed, preconditionRequired, projectEtag, removeProject, replaceProject,
} from '../projects/write-project.ts';
import { findProject, listProjectAudit, type ProjectRecord } from '../queries/projects.ts';
import type { WalkingAnalysis } from '../services/walking-analysis.ts';
import { apiRootOf, createRouter, documentedJsonBody, geoJsonType, limitBody, type InputWithJsonBody } from './router.ts';

const writeErrors = {
  400: errorAnswer('The body is not JSON or not an object'),
  401: errorAnswer('Not signed in'),
  403: errorAnswer('Not an editor, or no valid X-CSRF-Token'),
  404: errorAnswer('No such project'),
  412: errorAnswer('If-Match names a version that is no longer current; nothing was changed. The body has `current` and `currentVersion`'),
  413: errorAnswer('The body is larger than 1 MB'),
  422: errorAnswer('A rule is broken; `problems` names each field in English and Chinese'),
  428: errorAnswer('If-Match is missing'),
};
const IfMatchHeader = z.object({ 'if-match': z.string().max(200, 'If-Match must be at most 200 characters').optional().openapi({ param: { name: 'if-match', in: 'header' }, example: '"p1-v1"' }) });
const projectContent = { content: { [geoJsonType]: { schema: ProjectAnswer } } };
const featureBodyTypes = [geoJsonType, 'application/json'] as const;
const limitProjectBody = limitBody(projectLimits.bodyBytes, 'The request body is larger than 1 MB; simplify the geometry', '请求内容超过 1 MB，请简化图形');

const createProjectRoute = createRoute({
  method: 'post', path: '/items', summary: 'Create a project (201, Location, ETag)',
  description: `A GeoJSON Feature; \`properties.code\` is generated (P<item>-<n>) when absent. At most ${projectLimits.bodyBytes / 1024 / 1024} MB and ${projectLimits.vertices} vertices.`,
  middleware: [limitProjectBody] as const,
  request: { body: documentedJsonBody('ProjectFeatureInput', featureBodyTypes, 'The project as a GeoJSON Feature') },
  responses: { 201: { description: 'Created', ...projectContent }, 409: errorAnswer('The code is taken'), ...writeErrors },
});
const replaceProjectRoute = createRoute({
  method: 'put', path: '/items/{projectCode}', summary: 'Replace a project (If-Match required)',
  middleware: [limitProjectBody] as const,
  request: { params: ProjectCodeParameters, headers: IfMatchHeader, body: documentedJsonBody('ProjectFeatureInput', featureBodyTypes) },
  responses: { 200: { description: 'Replaced; new ETag', ...projectContent }, ...writeErrors },
});
const patchProjectRoute = createRoute({
  method: 'patch', path: '/items/{projectCode}', summary: 'Update a project: JSON merge patch of properties, optional geometry (If-Match required)',
  middleware: [limitProjectBody] as const,
  request: { params: ProjectCodeParameters, headers: IfMatchHeader, body: documentedJsonBody('ProjectPatchInput', ['application/merge-patch+json', 'application/json']) },
  responses: { 200: { description: 'Updated; new ETag', ...projectContent }, ...writeErrors },
});

/**
 * The `projects` collection, mounted at /collections/projects: OGC API - Features Part 4
 * (create, replace, update, delete) with strong ETags and If-Match, the history of each project
 * and restore of an earlier version, and the impact of a project. The listing
 * (/collections/projects/items) is the generic feature routes', from the projects' copy in the
 * feature table. Writes read and check their bodies themselves: a body that is not JSON answers
 * 400, a rule broken 422 with every field named (validate-project.ts).
 */
export function createProjectRoutes(database: Database, walkingAnalysis: WalkingAnalysis) {
  const answerProject = <Status extends 200 | 201>(context: Context, record: ProjectRecord, status: Status, extraHeaders: Record<string, string> = {}) => {
    const apiRoot = apiRootOf(context.req.url);
    const self = `${apiRoot}/collections/projects/items/${encodeURIComponent(record.code)}`;
    const body = {
      ...record.feature,
      links: [
        { href: self, rel: 'self', type: geoJsonType },
        { href: `${apiRoot}/collections/projects`, rel: 'collection', type: 'application/json' },
        { href: `${self}/history`, rel: 'version-history', type: 'application/json' },
      ],
    };
    // no-transform: the compression middleware would otherwise weaken the ETag (W/"…"), which
    // If-Match, compared strongly, could then never match.
    return context.json(body, status, { 'Content-Type': geoJsonType, etag: projectEtag(record), 'cache-control': 'no-transform', ...extraHeaders });
  };

  const requireProject = async (code: string) => {
    const record = await findProject(database, code);
    if (!record) throw new RequestError(404, 'NotFound', `Project "${code}" was not found`, `未找到项目“${code}”`);
    return record;
  };

  /** 428 without If-Match, 404 without the project, 412 when If-Match is not its current ETag. */
  const requireCurrentVersion = async (context: Context, code: string) => {
    const ifMatch = context.req.header('if-match');
    if (ifMatch === undefined || ifMatch.trim() === '') throw preconditionRequired();
    const record = await requireProject(code);
    if (!ifMatchAccepts(ifMatch, projectEtag(record))) throw preconditionFailed(record);
    return record;
  };

  const readBody = async (context: Context) => parseJsonObject(await context.req.text());

  const router = createRouter();
  // The bodies are documented, not validated by zod-openapi (see documentedJsonBody).
  router.openAPIRegistry.register('ProjectFeatureInput', ProjectFeatureInput);
  router.openAPIRegistry.register('ProjectPatchInput', ProjectPatchInput);
  return router
    .openapi<typeof createProjectRoute, InputWithJsonBody<typeof createProjectRoute, typeof ProjectFeatureInput>>(createProjectRoute, async (context) => {
      const { username } = await requireRole(database, context, 'editor');
      const write = await validateProjectFeature(database, await readBody(context));
      const requestedCode = write.properties.code;
      if (requestedCode && await findProject(database, requestedCode)) throw duplicateCode(requestedCode);
      const created = await createProject(database, requestedCode, write, username);
      return answerProject(context, created, 201, { location: `${apiRootOf(context.req.url)}/collections/projects/items/${encodeURIComponent(created.code)}` });
    })
    .openapi<typeof replaceProjectRoute, InputWithJsonBody<typeof replaceProjectRoute, typeof ProjectFeatureInput>>(replaceProjectRoute, async (context) => {
      const { username } = await requireRole(database, context, 'editor');
      const current = await requireCurrentVersion(context, context.req.valid('param').projectCode);
      const write = await validateProjectFeature(database, await readBody(context));
      requireSameCode(write.properties.code, current.code);
      return answerProject(context, await replaceProject(database, current.code, current.version, write, username, 'update'), 200);
    })
    .openapi<typeof patchProjectRoute, InputWithJsonBody<typeof patchProjectRoute, typeof ProjectPatchInput>>(patchProjectRoute, async (context) => {
      const { username } = await requireRole(database, context, 'editor');
      const current = await requireCurrentVersion(context, context.req.valid('param').projectCode);
      const patch = await readBody(context);
      const unknownMembers = Object.keys(patch).filter((key) => !['type', 'id', 'properties', 'geometry'].includes(key));
      if (unknownMembers.length > 0) {
        throw invalidProject(unknownMembers.map((field) => ({ field, message: 'is not a member of a Feature patch (type, id, properties, geometry)', messageZh: '不是要素修改的成员（type、id、properties、geometry）' })));
      }
      if (patch.type !== undefined && patch.type !== 'Feature') {
        throw invalidProject([{ field: 'type', message: 'must be "Feature" (a project is one Feature)', messageZh: '必须为 "Feature"（一个项目即一个要素）' }]);
      }
      if (patch.properties !== undefined && (typeof patch.properties !== 'object' || patch.properties === null || Array.isArray(patch.properties))) {
        throw invalidProject([{ field: 'properties', message: 'must be an object', messageZh: '必须是对象' }]);
      }
      const patchProperties = (patch.properties ?? {}) as Record<string, unknown>;
      // A patch that changes nothing (RFC 7396: {} leaves the target as it is) writes no new version.
      if (Object.keys(patchProperties).length === 0 && patch.geometry === undefined) return answerProject(context, current, 200);
      const merged = mergePatch(current.feature.properties, patchProperties) as Record<string, unknown>;
      // A field a person sets is no longer an assumption, unless the patch says which are.
      if (!('assumptions' in patchProperties) && Array.isArray(merged.assumptions)) {
        const edited = new Set(Object.keys(patchProperties));
        if (patch.geometry !== undefined) edited.add('geometry');
        merged.assumptions = merged.assumptions.filter((field) => !edited.has(String(field)));
      }
      const write = await validateProjectFeature(database, { type: 'Feature', properties: merged, geometry: patch.geometry ?? current.feature.geometry });
      requireSameCode(write.properties.code, current.code);
      return answerProject(context, await replaceProject(database, current.code, current.version, write, username, 'update'), 200);
    })
    .openapi(
      createRoute({
        method: 'post', path: '/import', summary: 'Projects cannot be imported as a file (409)',
        responses: { 409: errorAnswer('Projects are written through the items API') },
      }),
      () => {
        throw new RequestError(409, 'ProjectsNotImportable',
          'Projects are created and edited through /api/collections/projects/items (POST, PUT, PATCH, DELETE), so that every write is validated and audited',
          '项目只能通过 /api/collections/projects/items 新建和编辑（POST、PUT、PATCH、DELETE），以便每次修改都经过校验并留下记录');
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/items/{projectCode}', summary: 'One project, with its strong ETag',
        request: { params: ProjectCodeParameters },
        responses: { 200: { description: 'GeoJSON Feature; ETag header', ...projectContent }, 404: errorAnswer('No such project') },
      }),
      async (context) => answerProject(context, await requireProject(context.req.valid('param').projectCode), 200),
    )
    .openapi(
      createRoute({
        method: 'delete', path: '/items/{projectCode}', summary: 'Delete a project (If-Match required); its history stays',
        request: { params: ProjectCodeParameters, headers: IfMatchHeader },
        responses: { 204: { description: 'Deleted' }, ...writeErrors },
      }),
      async (context) => {
        const { username } = await requireRole(database, context, 'editor');
        const { projectCode } = context.req.valid('param');
        const current = await requireCurrentVersion(context, projectCode);
        await removeProject(database, current.code, current.version, username);
        return context.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/items/{projectCode}/history', summary: 'Every version of a project with its audit record (who, when, before, after)',
        request: { params: ProjectCodeParameters },
        responses: { 200: { description: 'History, oldest first', content: { 'application/json': { schema: ProjectHistory } } }, 404: errorAnswer('No such project') },
      }),
      async (context) => {
        const project = await requireProject(context.req.valid('param').projectCode);
        const versions = await listProjectAudit(database, project.id);
        return context.json({ code: project.code, currentVersion: project.version, versions }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/items/{projectCode}/history/{version}/restore', summary: 'Restore an earlier version (If-Match required); the restore is itself a new version',
        request: { params: ProjectVersionParameters, headers: IfMatchHeader },
        responses: { 200: { description: 'Restored; new ETag', ...projectContent }, ...writeErrors },
      }),
      async (context) => {
        const { username } = await requireRole(database, context, 'editor');
        const { projectCode, version } = context.req.valid('param');
        const current = await requireCurrentVersion(context, projectCode);
        const record = (await listProjectAudit(database, current.id)).find((candidate) => candidate.version === version);
        if (!record?.after) {
          throw new RequestError(404, 'NotFound', `Project "${projectCode}" has no version ${version}`, `项目“${projectCode}”没有第 ${version} 版`);
        }
        const write = await validateProjectFeature(database, record.after);
        return answerProject(context, await replaceProject(database, current.code, current.version, write, username, 'restore'), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/items/{projectCode}/impact', summary: 'What a project touches: area or length, estates and residents, buildings, facilities, streets, residents within 5/10/15 minutes',
        request: { params: ProjectCodeParameters },
        responses: { 200: { description: 'Impact', content: { 'application/json': { schema: Impact } } }, 404: errorAnswer('No such project') },
      }),
      async (context) => {
        const project = await requireProject(context.req.valid('param').projectCode);
        return context.json(await measureImpact(database, walkingAnalysis, project.feature.geometry), 200);
      },
    );
}

function requireSameCode(code: string | undefined, currentCode: string) {
  if (code !== undefined && code !== currentCode) {
    throw invalidProject([{ field: 'properties.code', message: `cannot change (the project is "${currentCode}"); create a new project instead`, messageZh: `项目编号不能修改（当前为“${currentCode}”），如需新编号请新建项目` }]);
  }
}
