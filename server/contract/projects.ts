import { z } from '@hono/zod-openapi';
import {
  projectActionKeys, projectActions, projectCodePattern, projectLimits, projectStatuses, projectUnits, residentialPartyOrganisationPattern, projectGeometryTypes, assumableFields,
} from './project-vocabulary.ts';
import { todayInShanghai } from './as-of.ts';

export * from './project-vocabulary.ts';

/**
 * The schema of a project written through the API: the properties of a GeoJSON Feature in the
 * `projects` collection. Pure (no Node imports); the vocabulary it checks against is in
 * project-vocabulary.ts, which the client imports without zod.
 */
const withoutNul = (text: string) => !text.includes('\u0000');
const noNulMessage = 'must not contain NUL characters';

const Text = (maximum: number, minimum = 0) =>
  z.string().trim().min(minimum).max(maximum).refine(withoutNul, { message: noNulMessage, params: { zh: '不能包含 NUL 字符' } });

const unitMessage = 'must be a member unit of the leadership group (e.g. 城建中心（房管办）) or a 居民区 Party organisation (e.g. 潍坊四村居民区党组织)';
const Unit = z.string().trim().refine(
  (unit) => (projectUnits as readonly string[]).includes(unit) || residentialPartyOrganisationPattern.test(unit),
  { message: unitMessage, params: { zh: '必须是领导小组成员单位（如 城建中心（房管办））或居民区党组织（如 潍坊四村居民区党组织）' } },
);

const IsoDate = z.string().refine((text) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 2000 && year <= 2100 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}, { message: 'must be a date YYYY-MM-DD between 2000 and 2100', params: { zh: '必须是 2000—2100 年间的日期，格式 YYYY-MM-DD' } });


export const LinkedFeature = z.object({
  collection_id: z.string().refine((id) => /^[a-z][a-z0-9_]{0,62}$/.test(id), { message: 'must be a collection id', params: { zh: '必须是数据集编号' } }).refine((id) => id !== 'projects', { message: 'a project cannot link to another project', params: { zh: '项目不能关联其他项目' } }),
  feature_key: Text(200, 1),
}).strict();

/** The properties a writer sets (PUT body, POST body, PATCH after merging). */
export const ProjectProperties = z.object({
  code: z.string().refine((code) => projectCodePattern.test(code), { message: 'must be 1–40 letters, digits, ".", "_" or "-", starting with a letter or digit', params: { zh: '须为 1—40 位字母、数字、“.”、“_”或“-”，以字母或数字开头' } }).optional(),
  title_zh: Text(projectLimits.titleLength, 1),
  action: z.enum(projectActionKeys),
  item: z.number().int().min(1).max(16),
  lead_unit: Unit,
  partner_units: z.array(Unit).max(projectLimits.partnerUnits).default([]),
  status: z.enum(projectStatuses),
  start_date: IsoDate,
  end_date: IsoDate,
  progress_percent: z.number().min(0).max(100),
  budget_ten_thousand_yuan: z.number().min(0).max(10_000_000).nullable().default(null),
  description: Text(projectLimits.descriptionLength).default(''),
  linked_features: z.array(LinkedFeature).max(projectLimits.links).default([]),
  assumptions: z.array(z.enum(assumableFields)).max(assumableFields.length).default([]),
}).strict().superRefine((properties, context) => {
  const action = projectActions.find((candidate) => candidate.key === properties.action);
  if (action && !(action.items as readonly number[]).includes(properties.item)) {
    context.addIssue({ code: 'custom', path: ['item'], message: `item ${properties.item} is not part of action ${properties.action} (its items are ${action.items.join(', ')})`, params: { zh: `第 ${properties.item} 项不属于“${action.nameZh}”行动（该行动包括第 ${action.items.join('、')} 项）` } });
  }
  if (properties.start_date > properties.end_date) {
    context.addIssue({ code: 'custom', path: ['end_date'], message: `must not be before start_date (${properties.start_date})`, params: { zh: `不能早于开始日期（${properties.start_date}）` } });
  }
  if (properties.status === 'completed' && properties.progress_percent !== 100) {
    context.addIssue({ code: 'custom', path: ['progress_percent'], message: 'must be 100 when status is completed', params: { zh: '状态为“已完成”时进度必须为 100' } });
  }
  // A project completed in the future would count as finished today and open its facilities on a
  // date that has not come: the leaders' figures for today and tomorrow would contradict each other.
  const today = todayInShanghai();
  if (properties.status === 'completed' && properties.end_date > today) {
    context.addIssue({ code: 'custom', path: ['end_date'], message: `a completed project must have ended: ${properties.end_date} is after today (${today})`, params: { zh: `已完成的项目结束日期不能晚于今天（${today}）` } });
  }
});

export type ProjectPropertiesInput = z.input<typeof ProjectProperties>;
export type ProjectPropertiesValue = z.output<typeof ProjectProperties>;

export const ProjectCodeParameters = z.object({
  projectCode: z.string().max(200).openapi({ param: { name: 'projectCode', in: 'path' }, example: 'P06-01' }),
});

export const ProjectVersionParameters = ProjectCodeParameters.extend({
  version: z.coerce.number({ message: 'version must be a whole number' }).int('version must be a whole number').min(1, 'version must be at least 1').max(1_000_000_000)
    .openapi({ param: { name: 'version', in: 'path' }, example: 1 }),
});

/** One field's problem, in English and Chinese. */
export const FieldProblem = z.object({ field: z.string(), message: z.string(), messageZh: z.string() }).openapi('FieldProblem');

export const ProjectWriteError = z.object({
  code: z.string(),
  message: z.string(),
  messageZh: z.string(),
  problems: z.array(FieldProblem).optional(),
  /** For an invalid geometry: PostGIS's ST_MakeValid repair, to offer the user. */
  suggestedGeometry: z.object({ type: z.string() }).passthrough().optional(),
}).openapi('ProjectWriteError');

/** The body of POST (create) and PUT (replace): a GeoJSON Feature. */
export const ProjectFeatureInput = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: z.object({ type: z.enum(projectGeometryTypes), coordinates: z.array(z.unknown()) }).passthrough(),
  properties: z.record(z.string(), z.unknown()),
}).openapi('ProjectFeatureInput');

/** The body of PATCH: a JSON merge patch (RFC 7396) of the properties, and optionally a new geometry. */
export const ProjectPatchInput = z.object({
  type: z.literal('Feature').optional(),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: z.object({ type: z.enum(projectGeometryTypes), coordinates: z.array(z.unknown()) }).passthrough().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
}).openapi('ProjectPatchInput');

export const ImpactRequest = z.object({
  geometry: z.object({ type: z.enum(projectGeometryTypes), coordinates: z.array(z.unknown()) }).passthrough(),
}).openapi('ImpactRequest');
