import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireRole } from '../auth/sign-in.ts';
import { errorAnswer, type FieldProblem } from '../contract/errors.ts';
import { RenovationHistory, RenovationList, RenovationPatch, RenovationRecord } from '../contract/renovation.ts';
import { todayInShanghai } from '../contract/vocabulary/as-of.ts';
import type { Database } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import { parseJsonObject } from '../projects/validate-project.ts';
import { ifMatchAccepts, preconditionRequired } from '../projects/write-project.ts';
import {
  estateExists, findRenovation, findUnknownProjectCodes, insertRenovationAudit, listRenovationAudit, listRenovationRecords, updateRenovation,
  type StoredRenovation,
} from '../queries/renovation.ts';
import {
  editableValue, findUnknownFields, mergeRenovationPatch, patchedFields, renovationFieldNameZh, validateRenovationValue,
} from '../renovation/validate-renovation.ts';
import { createRouter, documentedJsonBody, limitBody, type InputWithJsonBody } from './router.ts';

const EstateKeyParameters = z.object({
  estateKey: z.string().max(200).openapi({ param: { name: 'estateKey', in: 'path' }, example: 'estate-weifang-4' }),
});
const IfMatchHeader = z.object({ 'if-match': z.string().max(200, 'If-Match must be at most 200 characters').optional().openapi({ param: { name: 'if-match', in: 'header' }, example: '"renovation-1-1700000000000"' }) });
const recordContent = { content: { 'application/json': { schema: RenovationRecord } } };

/** Strong entity tag of one version of one record (a re-created record never matches an old tag). */
export function renovationEtag(stored: StoredRenovation): string {
  return `"renovation-${stored.record.version}-${stored.createdMilliseconds}"`;
}

/** 412: the record changed since it was read; the answer carries it as it is now. */
function renovationPreconditionFailed(current: RenovationRecord): RequestError {
  return new RequestError(412, 'PreconditionFailed',
    `The renovation record of "${current.estateName}" has changed since you read it: it is now version ${current.version}. Nothing was changed; compare with the current version and try again`,
    `“${current.estateName}”的改造记录在您读取后已被修改，当前为第 ${current.version} 版。本次未做任何更改，请对照当前版本后重试`,
    { currentVersion: current.version, current });
}

function invalidRenovation(problems: FieldProblem[]): RequestError {
  return new RequestError(422, 'InvalidRenovation',
    problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '),
    problems.map((problem) => `${renovationFieldNameZh(problem.field)}：${problem.messageZh}`).join('；'),
    { problems });
}

const patchRoute = createRoute({
  method: 'patch', path: '/{estateKey}', summary: 'Edit an estate\'s renovation record: JSON merge patch, If-Match required (editor)',
  middleware: [limitBody(64 * 1024)] as const,
  request: { params: EstateKeyParameters, headers: IfMatchHeader, body: documentedJsonBody('RenovationPatch', ['application/merge-patch+json', 'application/json']) },
  responses: {
    200: { description: 'The record as stored; new ETag', ...recordContent },
    400: errorAnswer('The body is not a JSON object'), 401: errorAnswer('Not signed in'), 403: errorAnswer('Not an editor, or no CSRF token'),
    404: errorAnswer('No such estate'), 412: errorAnswer('If-Match is not the current version; `current` is'), 413: errorAnswer('The body is larger than 64 kB'),
    422: errorAnswer('A field breaks a rule; `problems` names each'), 428: errorAnswer('If-Match is missing'),
  },
});

/**
 * Renovation records per estate (综合整新, 旧住房成套改造, 雨污分流, 加装电梯): read by anyone, edited
 * by editors with If-Match against a strong ETag, validated field by field, every edit a new
 * version with its audit record (who, when, before, after) written in the same transaction.
 * Mounted at /renovation. The patch is read and checked here (validate-renovation.ts), so that
 * every problem names its field.
 */
export function createRenovationRoutes(database: Database) {
  const requireRecord = async (estateKey: string): Promise<StoredRenovation> => {
    const stored = await findRenovation(database, estateKey);
    if (stored) return stored;
    if (await estateExists(database, estateKey)) {
      throw new RequestError(404, 'NotFound', `Estate "${estateKey}" has no renovation record yet; it is added when the server next starts`, `小区“${estateKey}”尚无改造记录，服务器下次启动时将补上`);
    }
    throw new RequestError(404, 'NotFound', `There is no estate "${estateKey}" (estates are the features of the neighbourhoods collection)`, `未找到小区“${estateKey}”（小区即 neighbourhoods 数据集中的要素）`);
  };

  const answerRecord = (context: Context, stored: StoredRenovation) =>
    // no-transform: compression would weaken the ETag (W/"…"), which If-Match could never match.
    context.json(stored.record, 200, { etag: renovationEtag(stored), 'cache-control': 'no-transform' });

  const router = createRouter();
  // The patch is documented, not validated by zod-openapi (see documentedJsonBody).
  router.openAPIRegistry.register('RenovationPatch', RenovationPatch);
  return router
    .openapi<typeof patchRoute, InputWithJsonBody<typeof patchRoute, typeof RenovationPatch>>(patchRoute, async (context) => {
      const { username } = await requireRole(database, context, 'editor');
      const { estateKey } = context.req.valid('param');
      const ifMatch = context.req.header('if-match');
      if (ifMatch === undefined || ifMatch.trim() === '') throw preconditionRequired('GET /api/renovation/{estateKey}');
      const current = await requireRecord(estateKey);
      if (!ifMatchAccepts(ifMatch, renovationEtag(current))) throw renovationPreconditionFailed(current.record);

      const patch = parseJsonObject(await context.req.text(), { en: 'the fields of a renovation record to change', zh: '要修改的小区改造字段' });
      const unknown = findUnknownFields(patch);
      if (unknown.length > 0) throw invalidRenovation(unknown);
      // Nothing to change: no new version, no audit row that says nothing happened.
      if (Object.keys(patch).length === 0) return answerRecord(context, current);
      const merged = mergeRenovationPatch(editableValue(current.record), patch);
      // A field a person sets is no longer an assumption, unless the patch says which are.
      if (!('assumptions' in patch) && Array.isArray(merged.assumptions)) {
        const edited = new Set(patchedFields(patch));
        merged.assumptions = (merged.assumptions as string[]).filter((field) => !edited.has(field));
      }
      const { value, problems } = validateRenovationValue(merged, Number(todayInShanghai().slice(0, 4)));
      if (!value) throw invalidRenovation(problems);
      const unknownCodes: FieldProblem[] = [];
      for (const key of ['comprehensiveRenovation', 'flatRetrofit', 'sewerSeparation', 'lifts'] as const) {
        const missing = await findUnknownProjectCodes(database, value[key].projectCodes);
        for (const [index, code] of value[key].projectCodes.entries()) {
          if (!missing.includes(code)) continue;
          unknownCodes.push({ field: `${key}.projectCodes.${index}`, message: `"${code}" is not a project of the registry`, messageZh: `“${code}”不是项目登记中的项目` });
        }
      }
      if (unknownCodes.length > 0) throw invalidRenovation(unknownCodes);

      const stored = await database.transaction(async (transaction) => {
        const before = await findRenovation(transaction, estateKey, { lock: true });
        if (!before) throw new RequestError(404, 'NotFound', `Estate "${estateKey}" was removed meanwhile`, `小区“${estateKey}”已被删除`);
        // Checked again under the lock: an edit that landed since the check above wins, this one answers 412.
        if (renovationEtag(before) !== renovationEtag(current)) throw renovationPreconditionFailed(before.record);
        await updateRenovation(transaction, estateKey, value);
        const after = (await findRenovation(transaction, estateKey))!;
        await insertRenovationAudit(transaction, { estateKey, version: after.record.version, operation: 'update', actor: username, before: before.record, after: after.record });
        return after;
      });
      return answerRecord(context, stored);
    })
    .openapi(
      createRoute({
        method: 'get', path: '/', summary: 'Every estate\'s renovation record (综合整新, 成套改造, 雨污分流, 加装电梯) with source and assumptions',
        responses: { 200: { description: 'Records, by estate key', content: { 'application/json': { schema: RenovationList } } } },
      }),
      async (context) => context.json({ estates: await listRenovationRecords(database) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get', path: '/{estateKey}', summary: 'One estate\'s renovation record, with its strong ETag',
        request: { params: EstateKeyParameters },
        responses: { 200: { description: 'Record; ETag header', ...recordContent }, 404: errorAnswer('No such estate') },
      }),
      async (context) => answerRecord(context, await requireRecord(context.req.valid('param').estateKey)),
    )
    .openapi(
      createRoute({
        method: 'get', path: '/{estateKey}/history', summary: 'Every version of an estate\'s renovation record with its audit (who, when, before, after)',
        request: { params: EstateKeyParameters },
        responses: { 200: { description: 'History, oldest first', content: { 'application/json': { schema: RenovationHistory } } }, 404: errorAnswer('No such estate') },
      }),
      async (context) => {
        const stored = await requireRecord(context.req.valid('param').estateKey);
        const versions = await listRenovationAudit(database, stored.record.estateKey);
        return context.json({ estateKey: stored.record.estateKey, currentVersion: stored.record.version, versions }, 200);
      },
    );
}
