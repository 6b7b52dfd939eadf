import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ErrorBody, FeatureBody } from '../contract/ogc.ts';
import {
  ImpactRequest, ProjectCodeParameters, ProjectFeatureInput, ProjectPatchInput, ProjectVersionParameters, ProjectWriteError,
  assumableFields, projectActions, projectItems, projectLimits, projectStatuses, projectStatusNamesZh, projectUnits,
} from '../contract/projects.ts';
import type { Database } from '../db/database.ts';
import { requireRole } from '../auth/sign-in.ts';
import { answerError } from '../errors.ts';
import { measureImpact } from '../projects/measure-impact.ts';
import {
  invalidProject, mergePatch, parseJsonObject, ProjectRequestError, validateProjectFeature,
} from '../projects/validate-project.ts';
import {
  createProject, duplicateCode, ifMatchAccepts, preconditionRequired, PreconditionFailed, projectEtag, removeProject, replaceProject,
} from '../projects/write-project.ts';
import { findProject, listProjectAudit, nextProjectCode, type ProjectRecord } from '../queries/projects.ts';
import type { WalkingAnalysis } from '../services/walking-analysis.ts';
import { apiRootOf } from './features.ts';
import { createRouter } from './router.ts';

const geoJsonType = 'application/geo+json';
const items = '/collections/projects/items';
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBody } } });
const writeErrors = {
  400: { description: 'The body is not JSON or not an object', content: { 'application/json': { schema: ProjectWriteError } } },
  404: errorResponse('No such project'),
  412: errorResponse('If-Match names a version that is no longer current; nothing was changed. The body has `current`'),
  413: errorResponse('The body is larger than 1 MB'),
  422: { description: 'A rule is broken; `problems` names each field in English and Chinese', content: { 'application/json': { schema: ProjectWriteError } } },
  428: errorResponse('If-Match is missing'),
};
const IfMatchHeader = z.object({ 'if-match': z.string().optional().openapi({ param: { name: 'if-match', in: 'header' }, example: '"p1-v1"' }) });
const featureContent = (schema: z.ZodType) => ({ content: { [geoJsonType]: { schema }, 'application/json': { schema } }, required: true });

/**
 * The `projects` collection: OGC API - Features Part 4 (create, replace, update, delete) with
 * strong ETags and If-Match, the history of each project and restore of an earlier version, and
 * the impact of any geometry. Mounted before the generic feature routes, which still serve the
 * listing (/collections/projects/items) from the projects' copy in the feature table.
 */
export function createProjectRoutes(database: Database, walkingAnalysis: WalkingAnalysis) {
  const limitBody = bodyLimit({
    maxSize: projectLimits.bodyBytes,
    onError: () => {
      throw new ProjectRequestError(413, 'PayloadTooLarge', 'The request body is larger than 1 MB; simplify the geometry', '请求内容超过 1 MB，请简化图形');
    },
  });

  const answerFeature = (context: Context, record: ProjectRecord, status: 200 | 201 = 200, extraHeaders: Record<string, string> = {}) => {
    const apiRoot = apiRootOf(context.req.url);
    const self = `${apiRoot}${items}/${encodeURIComponent(record.code)}`;
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
    return context.body(JSON.stringify(body), status, { 'content-type': geoJsonType, etag: projectEtag(record), 'cache-control': 'no-transform', ...extraHeaders });
  };

  const requireProject = async (code: string) => {
    const record = await findProject(database, code);
    if (!record) throw new ProjectRequestError(404, 'NotFound', `Project "${code}" was not found`, `未找到项目“${code}”`);
    return record;
  };

  /** 428 without If-Match, 404 without the project, 412 when If-Match is not its current ETag. */
  const requireCurrentVersion = async (context: Context, code: string) => {
    const ifMatch = context.req.header('if-match');
    if (ifMatch === undefined || ifMatch.trim() === '') throw preconditionRequired();
    const record = await requireProject(code);
    if (!ifMatchAccepts(ifMatch, projectEtag(record))) throw new PreconditionFailed(record);
    return record;
  };

  const readBody = async (context: Context) => parseJsonObject(await context.req.text());

  const router = createRouter();
  router.use(`${items}`, limitBody);
  router.use(`${items}/*`, limitBody);
  router.use('/impact', limitBody);
  router.openAPIRegistry.registerPath(createRoute({
        method: 'post', path: '/collections/projects/items', summary: 'Create a project (201, Location, ETag)',
        description: `A GeoJSON Feature; \`properties.code\` is generated (P<item>-<n>) when absent. At most ${projectLimits.bodyBytes / 1024 / 1024} MB and ${projectLimits.vertices} vertices.`,
        request: { body: { ...featureContent(ProjectFeatureInput), description: 'The project as a GeoJSON Feature' } },
        responses: { 201: { description: 'Created', content: { [geoJsonType]: { schema: FeatureBody } } }, 409: errorResponse('The code is taken'), ...writeErrors },
      }));
  router.openAPIRegistry.registerPath(createRoute({
        method: 'put', path: '/collections/projects/items/{projectCode}', summary: 'Replace a project (If-Match required)',
        request: { params: ProjectCodeParameters, headers: IfMatchHeader, body: featureContent(ProjectFeatureInput) },
        responses: { 200: { description: 'Replaced; new ETag', content: { [geoJsonType]: { schema: FeatureBody } } }, ...writeErrors },
      }));
  router.openAPIRegistry.registerPath(createRoute({
        method: 'patch', path: '/collections/projects/items/{projectCode}', summary: 'Update a project: JSON merge patch of properties, optional geometry (If-Match required)',
        request: {
          params: ProjectCodeParameters, headers: IfMatchHeader,
          body: { content: { 'application/merge-patch+json': { schema: ProjectPatchInput }, 'application/json': { schema: ProjectPatchInput } }, required: true },
        },
        responses: { 200: { description: 'Updated; new ETag', content: { [geoJsonType]: { schema: FeatureBody } } }, ...writeErrors },
      }));
  router.openAPIRegistry.registerPath(createRoute({
        method: 'post', path: '/impact', summary: 'What any geometry touches (a drawn area, line or point), fast enough to ask while drawing',
        request: { body: { content: { 'application/json': { schema: ImpactRequest } }, required: true } },
        responses: { 200: { description: 'Impact', content: { 'application/json': { schema: z.object({}).passthrough() } } }, 400: writeErrors[400], 413: writeErrors[413], 422: writeErrors[422] },
      }));
  router.onError((error, context) => (error instanceof ProjectRequestError ? context.json(error.body, error.status) : answerError(error, context)));

  router.on('POST', '/collections/projects/items', async (context: Context) => {
        const { username } = await requireRole(database, context, 'editor');
      const body = await readBody(context);
      const write = await validateProjectFeature(database, body);
      const code = write.properties.code ?? await nextProjectCode(database, write.properties.item);
      if (await findProject(database, code)) throw duplicateCode(code);
      const created = await createProject(database, code, write, username);
      return answerFeature(context, created, 201, { location: `${apiRootOf(context.req.url)}${items}/${encodeURIComponent(code)}` }) as never;
    });
  router.on('PUT', '/collections/projects/items/:projectCode', async (context: Context) => {
        const { username } = await requireRole(database, context, 'editor');
      const current = await requireCurrentVersion(context, context.req.param('projectCode') ?? '');
      const write = await validateProjectFeature(database, await readBody(context));
      requireSameCode(write.properties.code, current.code);
      return answerFeature(context, await replaceProject(database, current.code, current.version, write, username, 'update')) as never;
    });
  router.on('PATCH', '/collections/projects/items/:projectCode', async (context: Context) => {
        const { username } = await requireRole(database, context, 'editor');
      const current = await requireCurrentVersion(context, context.req.param('projectCode') ?? '');
      const patch = await readBody(context);
      const unknownMembers = Object.keys(patch).filter((key) => !['type', 'id', 'properties', 'geometry'].includes(key));
      if (unknownMembers.length > 0) {
        throw invalidProject(unknownMembers.map((field) => ({ field, message: 'is not a member of a Feature patch (type, id, properties, geometry)', messageZh: '不是要素修改的成员（type、id、properties、geometry）' })));
      }
      if (patch.properties !== undefined && (typeof patch.properties !== 'object' || patch.properties === null || Array.isArray(patch.properties))) {
        throw invalidProject([{ field: 'properties', message: 'must be an object', messageZh: '必须是对象' }]);
      }
      const patchProperties = (patch.properties ?? {}) as Record<string, unknown>;
      const merged = mergePatch(current.feature.properties, patchProperties) as Record<string, unknown>;
      // A field a person sets is no longer an assumption, unless the patch says which are.
      if (!('assumptions' in patchProperties) && Array.isArray(merged.assumptions)) {
        const edited = new Set(Object.keys(patchProperties));
        if (patch.geometry !== undefined) edited.add('geometry');
        merged.assumptions = merged.assumptions.filter((field) => !edited.has(String(field)));
      }
      const write = await validateProjectFeature(database, { type: 'Feature', properties: merged, geometry: patch.geometry ?? current.feature.geometry });
      requireSameCode(write.properties.code, current.code);
      return answerFeature(context, await replaceProject(database, current.code, current.version, write, username, 'update')) as never;
    });
  router.on('POST', '/impact', async (context: Context) => {
      const body = await readBody(context);
      const geometry = await validateImpactGeometry(database, body.geometry);
      return context.json(await measureImpact(database, walkingAnalysis, geometry) as never, 200);
    });

  return router
    .openapi(
      createRoute({
        method: 'post', path: '/collections/projects/import', summary: 'Projects cannot be imported as a file (409)',
        responses: { 409: errorResponse('Projects are written through the items API') },
      }),
      () => {
        throw new ProjectRequestError(409, 'ProjectsNotImportable',
          'Projects are created and edited through /api/collections/projects/items (POST, PUT, PATCH, DELETE), so that every write is validated and audited',
          '项目只能通过 /api/collections/projects/items 新建和编辑（POST、PUT、PATCH、DELETE），以便每次修改都经过校验并留下记录');
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/projects/vocabulary', summary: 'The six actions, sixteen items, statuses, lead units and limits of the project form',
        responses: { 200: { description: 'Vocabulary', content: { 'application/json': { schema: z.object({}).passthrough() } } } },
      }),
      (context) => context.json({
        actions: projectActions.map((action) => ({ ...action, items: action.items.map((item) => ({ item, ...projectItems[item] })) })),
        statuses: projectStatuses.map((status) => ({ key: status, nameZh: projectStatusNamesZh[status] })),
        units: projectUnits,
        residentialPartyOrganisation: '<居民区名>居民区党组织',
        assumableFields,
        limits: projectLimits,
      } as never, 200),
    )
    .openapi(
      createRoute({
        method: 'get', path: '/collections/projects/items/{projectCode}', summary: 'One project, with its strong ETag',
        request: { params: ProjectCodeParameters },
        responses: { 200: { description: 'GeoJSON Feature; ETag header', content: { [geoJsonType]: { schema: FeatureBody } } }, 404: errorResponse('No such project') },
      }),
      async (context) => answerFeature(context, await requireProject(context.req.valid('param').projectCode)) as never,
    )
    .openapi(
      createRoute({
        method: 'delete', path: '/collections/projects/items/{projectCode}', summary: 'Delete a project (If-Match required); its history stays',
        request: { params: ProjectCodeParameters, headers: IfMatchHeader },
        responses: { 204: { description: 'Deleted' }, ...writeErrors },
      }),
      async (context) => {
        const { username } = await requireRole(database, context, 'editor');
        const { projectCode } = context.req.valid('param');
        const current = await requireCurrentVersion(context, projectCode);
        await removeProject(database, current.code, current.version, username);
        return context.body(null, 204) as never;
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/collections/projects/items/{projectCode}/history', summary: 'Every version of a project with its audit record (who, when, before, after)',
        request: { params: ProjectCodeParameters },
        responses: { 200: { description: 'History, oldest first', content: { 'application/json': { schema: z.object({}).passthrough() } } }, 404: errorResponse('No such project') },
      }),
      async (context) => {
        const project = await requireProject(context.req.valid('param').projectCode);
        const versions = await listProjectAudit(database, project.id);
        return context.json({ code: project.code, currentVersion: project.version, versions } as never, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/collections/projects/items/{projectCode}/history/{version}/restore', summary: 'Restore an earlier version (If-Match required); the restore is itself a new version',
        request: { params: ProjectVersionParameters, headers: IfMatchHeader },
        responses: { 200: { description: 'Restored; new ETag', content: { [geoJsonType]: { schema: FeatureBody } } }, ...writeErrors },
      }),
      async (context) => {
        const { username } = await requireRole(database, context, 'editor');
        const { projectCode, version } = context.req.valid('param');
        const current = await requireCurrentVersion(context, projectCode);
        const record = (await listProjectAudit(database, current.id)).find((candidate) => candidate.version === version);
        if (!record?.after) {
          throw new ProjectRequestError(404, 'NotFound', `Project "${projectCode}" has no version ${version}`, `项目“${projectCode}”没有第 ${version} 版`);
        }
        const write = await validateProjectFeature(database, record.after as unknown as Record<string, unknown>);
        return answerFeature(context, await replaceProject(database, current.code, current.version, write, username, 'restore')) as never;
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/collections/projects/items/{projectCode}/impact', summary: 'What a project touches: area or length, estates and residents, buildings, facilities, streets, residents within 5/10/15 minutes',
        request: { params: ProjectCodeParameters },
        responses: { 200: { description: 'Impact', content: { 'application/json': { schema: z.object({}).passthrough() } } }, 404: errorResponse('No such project') },
      }),
      async (context) => {
        const project = await requireProject(context.req.valid('param').projectCode);
        return context.json(await measureImpact(database, walkingAnalysis, project.feature.geometry!) as never, 200);
      },
    );
}

function requireSameCode(code: string | undefined, currentCode: string) {
  if (code !== undefined && code !== currentCode) {
    throw invalidProject([{ field: 'properties.code', message: `cannot change (the project is "${currentCode}"); create a new project instead`, messageZh: `项目编号不能修改（当前为“${currentCode}”），如需新编号请新建项目` }]);
  }
}

/** The impact question takes any geometry a project could have, checked as a project's is. */
async function validateImpactGeometry(database: Database, geometry: unknown) {
  const { geometry: checked } = await validateProjectFeature(database, {
    type: 'Feature',
    geometry,
    properties: { title_zh: '影响分析', action: 'built_form', item: 6, lead_unit: '城建中心（房管办）', status: 'planned', start_date: '2025-01-01', end_date: '2025-12-31', progress_percent: 0 },
  });
  return checked;
}

