import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { requireRole } from '../auth/sign-in.ts';
import { FacilityStandard, FacilityStandardHistory, FacilityStandardList, StandardParameters, StandardUpdate } from '../contract/coverage.ts';
import { errorAnswer } from '../contract/errors.ts';
import type { Database } from '../db/database.ts';
import { notFound, RequestError } from '../errors.ts';
import { ifMatchAccepts, preconditionRequired } from '../projects/write-project.ts';
import {
  type FacilityStandardRow, findFacilityStandard, forgetFacilityStandardEdit, insertFacilityStandardAudit, listFacilityStandardAudit, listFacilityStandards,
  updateFacilityStandardDistance,
} from '../queries/facility-standards.ts';
import { seedFacilityStandards } from '../seed/seed-standards.ts';
import type { WalkingAnalysis } from '../services/walking-analysis.ts';
import { createRouter, defaultBodyBytes, limitBody } from './router.ts';

const standardContent = { content: { 'application/json': { schema: FacilityStandard } } };
const IfMatchHeader = z.object({ 'if-match': z.string().max(200, 'If-Match must be at most 200 characters').optional().openapi({ param: { name: 'if-match', in: 'header' }, example: '"standard-community_health_center-2"' }) });
const editErrors = {
  400: errorAnswer('Bad request'), 401: errorAnswer('Not signed in'), 403: errorAnswer('Not an editor, or no valid X-CSRF-Token'), 404: errorAnswer('No such facility type'),
  412: errorAnswer('If-Match is not the current version; `current` is'), 428: errorAnswer('If-Match is missing'),
};

/** Strong entity tag of one version of one standard. */
export function standardEtag(standard: Pick<FacilityStandardRow, 'facilityType' | 'version'>): string {
  return `"standard-${standard.facilityType}-${standard.version}"`;
}

/** 412: the standard changed since it was read; the answer carries it as it is now. */
function standardPreconditionFailed(current: FacilityStandardRow): RequestError {
  const distance = current.maxWalkMetres === null ? 'no distance of its own' : `${current.maxWalkMetres} m`;
  const distanceZh = current.maxWalkMetres === null ? '无单独距离' : `${current.maxWalkMetres} 米`;
  return new RequestError(412, 'PreconditionFailed',
    `The standard of ${current.nameZh} has changed since you read it: it is now version ${current.version} (${distance}). Nothing was changed; look at the current value and try again`,
    `“${current.nameZh}”的标准在您读取后已被修改，当前为第 ${current.version} 版（${distanceZh}）。本次未做任何更改，请查看当前值后重试`,
    { currentVersion: current.version, current });
}

/**
 * The life-circle standards, mounted at /facility-standards: read by anyone; editing one changes
 * every coverage answer, so editors only, with If-Match against the standard's version (two
 * planners editing at once: the second is told, not overwritten), and every edit kept with who
 * made it.
 */
export function createFacilityStandardRoutes(database: Database, analysis: WalkingAnalysis, geodataDirectory: string) {
  // Route middleware runs before the body is validated, so an anonymous or viewer request learns nothing from a 400.
  const requireEditor = createMiddleware(async (context, next) => {
    await requireRole(database, context, 'editor');
    await next();
  });

  const requireStandard = async (facilityType: string): Promise<FacilityStandardRow> => {
    const standard = await findFacilityStandard(database, facilityType);
    if (!standard) throw notFound(`Facility type "${facilityType}"`, `设施类型“${facilityType}”`);
    return standard;
  };

  /** Checks If-Match before and again under the row's lock, changes the row and records the edit, in one transaction. */
  const editStandard = async (context: Context, facilityType: string, operation: 'set-distance' | 'undo-edit', change: (transaction: Parameters<Parameters<Database['transaction']>[0]>[0]) => Promise<void>) => {
    const { username } = await requireRole(database, context, 'editor');
    const current = await requireStandard(facilityType);
    const ifMatch = context.req.header('if-match');
    if (ifMatch === undefined || ifMatch.trim() === '') throw preconditionRequired('GET /api/facility-standards/{facilityType}');
    if (!ifMatchAccepts(ifMatch, standardEtag(current))) throw standardPreconditionFailed(current);
    return database.transaction(async (transaction) => {
      const before = await findFacilityStandard(transaction, facilityType, { lock: true });
      if (!before) throw notFound(`Facility type "${facilityType}"`, `设施类型“${facilityType}”`);
      if (before.version !== current.version) throw standardPreconditionFailed(before);
      await change(transaction);
      const after = (await findFacilityStandard(transaction, facilityType))!;
      // An undo of values already the standard's own changes nothing: no version, no audit row.
      if (after.version !== before.version) await insertFacilityStandardAudit(transaction, facilityType, { version: after.version, operation, actor: username, before, after });
      return after;
    });
  };

  // no-transform: compression would weaken the ETag (W/"…"), which If-Match could never match.
  const answerStandard = (context: Context, standard: FacilityStandardRow) =>
    context.json(standard, 200, { etag: standardEtag(standard), 'cache-control': 'no-transform' });

  return createRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/', summary: 'Life-circle standards per facility type, and the distance each uses',
        responses: { 200: { description: 'Standards', content: { 'application/json': { schema: FacilityStandardList } } } },
      }),
      async (context) => {
        const [standards, thresholds] = await Promise.all([listFacilityStandards(database), analysis.standards()]);
        return context.json({
          standards: standards.map((standard) => {
            const threshold = thresholds.find((candidate) => candidate.facilityType === standard.facilityType);
            return { ...standard, walkMetres: threshold?.walkMetres ?? null, basis: threshold?.basis ?? null };
          }),
        }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/{facilityType}', summary: 'One standard, with the strong ETag an edit sends as If-Match',
        request: { params: StandardParameters },
        responses: { 200: { description: 'The standard; ETag header', ...standardContent }, 404: errorAnswer('No such facility type') },
      }),
      async (context) => answerStandard(context, await requireStandard(context.req.valid('param').facilityType)),
    )
    .openapi(
      createRoute({
        method: 'get', path: '/{facilityType}/history', summary: 'Every planner\'s edit of a standard, newest first: who, when, before and after',
        request: { params: StandardParameters },
        responses: { 200: { description: 'The edits', content: { 'application/json': { schema: FacilityStandardHistory } } }, 404: errorAnswer('No such facility type') },
      }),
      async (context) => {
        const { facilityType } = context.req.valid('param');
        const standard = await requireStandard(facilityType);
        return context.json({ facilityType, currentVersion: standard.version, edits: await listFacilityStandardAudit(database, facilityType) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'patch', path: '/{facilityType}', summary: 'Set the walking distance of a facility type (null: the level default); editors, with X-CSRF-Token and If-Match',
        middleware: [requireEditor, limitBody(defaultBodyBytes)] as const,
        request: { params: StandardParameters, headers: IfMatchHeader, body: { content: { 'application/json': { schema: StandardUpdate } }, required: true } },
        responses: { 200: { description: 'The standard as stored; new ETag', ...standardContent }, ...editErrors },
      }),
      async (context) => {
        const { facilityType } = context.req.valid('param');
        const { maxWalkMetres } = context.req.valid('json');
        const stored = await editStandard(context, facilityType, 'set-distance', async (transaction) => {
          await updateFacilityStandardDistance(transaction, facilityType, maxWalkMetres);
        });
        return answerStandard(context, stored);
      },
    )
    .openapi(
      createRoute({
        method: 'delete', path: '/{facilityType}/edit', summary: 'Undo a planner\'s edit: the type goes back to the standard\'s own values; editors, with X-CSRF-Token and If-Match',
        middleware: [requireEditor] as const,
        request: { params: StandardParameters, headers: IfMatchHeader },
        responses: { 200: { description: 'The standard as stored; new ETag', ...standardContent }, ...editErrors },
      }),
      async (context) => {
        const { facilityType } = context.req.valid('param');
        const stored = await editStandard(context, facilityType, 'undo-edit', async (transaction) => {
          await forgetFacilityStandardEdit(transaction, facilityType);
          await seedFacilityStandards(transaction, geodataDirectory);
        });
        return answerStandard(context, stored);
      },
    );
}
