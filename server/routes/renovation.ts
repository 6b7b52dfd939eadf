import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { RenovationHistory, RenovationList, RenovationPatch, RenovationRecord, RenovationWriteError } from '../contract/leaders.ts';
import { todayInShanghai } from '../contract/as-of.ts';
import { requireRole } from '../auth/sign-in.ts';
import type { Database } from '../db/database.ts';
import { answerError } from '../errors.ts';
import {
  editableValue, findUnknownFields, mergeRenovationPatch, patchedFields, renovationFieldNameZh, validateRenovationValue, type FieldProblem,
} from '../leaders/validate-renovation.ts';
import { ifMatchAccepts, preconditionRequired } from '../projects/write-project.ts';
import { parseJsonObject, ProjectRequestError } from '../projects/validate-project.ts';
import {
  estateExists, findRenovation, findUnknownProjectCodes, insertRenovationAudit, listRenovationAudit, listRenovationRecords, updateRenovation,
  type StoredRenovation,
} from '../queries/renovation.ts';
import { createRouter } from './router.ts';

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: RenovationWriteError } } });
const EstateKeyParameters = z.object({
  estateKey: z.string().max(200).openapi({ param: { name: 'estateKey', in: 'path' }, example: 'estate-weifang-4' }),
});
const IfMatchHeader = z.object({ 'if-match': z.string().optional().openapi({ param: { name: 'if-match', in: 'header' }, example: '"renovation-1-1700000000000"' }) });

/** Strong entity tag of one version of one record (a re-created record never matches an old tag). */
export function renovationEtag(stored: StoredRenovation): string {
  return `"renovation-${stored.record.version}-${stored.createdMilliseconds}"`;
}

class RenovationPreconditionFailed extends ProjectRequestError {
  constructor(readonly current: RenovationRecord) {
    super(412, 'PreconditionFailed',
      `The renovation record of "${current.estateName}" has changed since you read it: it is now version ${current.version}. Nothing was changed; compare with the current version and try again`,
      `“${current.estateName}”的改造记录在您读取后已被修改，当前为第 ${current.version} 版。本次未做任何更改，请对照当前版本后重试`);
  }

  override get body() {
    return { ...super.body, currentVersion: this.current.version, current: this.current };
  }
}

function invalidRenovation(problems: FieldProblem[]): ProjectRequestError {
  return new ProjectRequestError(422, 'InvalidRenovation',
    problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '),
    problems.map((problem) => `${renovationFieldNameZh(problem.field)}：${problem.messageZh}`).join('；'),
    problems);
}

/**
 * Renovation records per estate (综合整新, 旧住房成套改造, 雨污分流, 加装电梯): read by anyone, edited
 * by editors with If-Match against a strong ETag, validated field by field, every edit a new
 * version with its audit record (who, when, before, after) written in the same transaction.
 */
export function createRenovationRoutes(database: Database) {
  const requireRecord = async (estateKey: string): Promise<StoredRenovation> => {
    const stored = await findRenovation(database, estateKey);
    if (stored) return stored;
    if (await estateExists(database, estateKey)) {
      throw new ProjectRequestError(404, 'NotFound', `Estate "${estateKey}" has no renovation record yet; it is added when the server next starts`, `小区“${estateKey}”尚无改造记录，服务器下次启动时将补上`);
    }
    throw new ProjectRequestError(404, 'NotFound', `There is no estate "${estateKey}" (estates are the features of the neighbourhoods collection)`, `未找到小区“${estateKey}”（小区即 neighbourhoods 数据集中的要素）`);
  };

  const answerRecord = (context: Context, stored: StoredRenovation) =>
    // no-transform: compression would weaken the ETag (W/"…"), which If-Match could never match.
    context.body(JSON.stringify(stored.record), 200, { 'content-type': 'application/json', etag: renovationEtag(stored), 'cache-control': 'no-transform' });

  const router = createRouter();
  router.use('/renovation/*', bodyLimit({
    maxSize: 64 * 1024,
    onError: () => { throw new ProjectRequestError(413, 'PayloadTooLarge', 'The request body is larger than 64 kB', '请求内容超过 64 kB'); },
  }));
  router.onError((error, context) => (error instanceof ProjectRequestError ? context.json(error.body, error.status) : answerError(error, context)));

  router.openAPIRegistry.registerPath(createRoute({
    method: 'patch', path: '/renovation/{estateKey}', summary: 'Edit an estate\'s renovation record: JSON merge patch, If-Match required (editor)',
    request: { params: EstateKeyParameters, headers: IfMatchHeader, body: { content: { 'application/merge-patch+json': { schema: RenovationPatch }, 'application/json': { schema: RenovationPatch } }, required: true } },
    responses: {
      200: { description: 'The record as stored; new ETag', content: { 'application/json': { schema: RenovationRecord } } },
      400: errorResponse('The body is not a JSON object'), 401: errorResponse('Not signed in'), 403: errorResponse('Not an editor, or no CSRF token'),
      404: errorResponse('No such estate'), 412: errorResponse('If-Match is not the current version; `current` is'),
      422: errorResponse('A field breaks a rule; `problems` names each'), 428: errorResponse('If-Match is missing'),
    },
  }));
  router.on('PATCH', '/renovation/:estateKey', async (context: Context) => {
    const { username } = await requireRole(database, context, 'editor');
    const estateKey = context.req.param('estateKey') ?? '';
    const ifMatch = context.req.header('if-match');
    if (ifMatch === undefined || ifMatch.trim() === '') throw preconditionRequired('GET /api/renovation/{estateKey}');
    const current = await requireRecord(estateKey);
    if (!ifMatchAccepts(ifMatch, renovationEtag(current))) throw new RenovationPreconditionFailed(current.record);

    const patch = parseJsonObject(await context.req.text(), { en: 'the fields of a renovation record to change', zh: '要修改的小区改造字段' });
    const unknown = findUnknownFields(patch);
    if (unknown.length > 0) throw invalidRenovation(unknown);
    // Nothing to change: no new version, no audit row that says nothing happened.
    if (Object.keys(patch).length === 0) return answerRecord(context, current) as never;
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
      if (!before) throw new ProjectRequestError(404, 'NotFound', `Estate "${estateKey}" was removed meanwhile`, `小区“${estateKey}”已被删除`);
      // Checked again under the lock: an edit that landed since the check above wins, this one answers 412.
      if (renovationEtag(before) !== renovationEtag(current)) throw new RenovationPreconditionFailed(before.record);
      await updateRenovation(transaction, estateKey, value);
      const after = (await findRenovation(transaction, estateKey))!;
      await insertRenovationAudit(transaction, { estateKey, version: after.record.version, operation: 'update', actor: username, before: before.record, after: after.record });
      return after;
    });
    return answerRecord(context, stored) as never;
  });

  return router
    .openapi(
      createRoute({
        method: 'get', path: '/renovation', summary: 'Every estate\'s renovation record (综合整新, 成套改造, 雨污分流, 加装电梯) with source and assumptions',
        responses: { 200: { description: 'Records, by estate key', content: { 'application/json': { schema: RenovationList } } } },
      }),
      async (context) => context.json({ estates: await listRenovationRecords(database) } as never, 200),
    )
    .openapi(
      createRoute({
        method: 'get', path: '/renovation/{estateKey}', summary: 'One estate\'s renovation record, with its strong ETag',
        request: { params: EstateKeyParameters },
        responses: { 200: { description: 'Record; ETag header', content: { 'application/json': { schema: RenovationRecord } } }, 404: errorResponse('No such estate') },
      }),
      async (context) => answerRecord(context, await requireRecord(context.req.valid('param').estateKey)) as never,
    )
    .openapi(
      createRoute({
        method: 'get', path: '/renovation/{estateKey}/history', summary: 'Every version of an estate\'s renovation record with its audit (who, when, before, after)',
        request: { params: EstateKeyParameters },
        responses: { 200: { description: 'History, oldest first', content: { 'application/json': { schema: RenovationHistory } } }, 404: errorResponse('No such estate') },
      }),
      async (context) => {
        const stored = await requireRecord(context.req.valid('param').estateKey);
        const versions = await listRenovationAudit(database, stored.record.estateKey);
        return context.json({ estateKey: stored.record.estateKey, currentVersion: stored.record.version, versions } as never, 200);
      },
    );
}
