import { z } from '@hono/zod-openapi';

/**
 * The project registry's vocabulary and the schema of a project written through the API: the
 * properties of a GeoJSON Feature in the `projects` collection. Pure: shared with the client.
 */

export const projectActions = [
  { key: 'party_building', nameZh: '党建引领', nameEn: 'Party-building leads', items: [1, 2, 3, 4, 5] },
  { key: 'built_form', nameZh: '形态改善', nameEn: 'Better built form', items: [6, 7, 8] },
  { key: 'functions', nameZh: '功能提升', nameEn: 'Better functions', items: [9, 10] },
  { key: 'governance', nameZh: '治理增能', nameEn: 'Smarter governance', items: [11, 12] },
  { key: 'safety', nameZh: '平安底线', nameEn: 'Safety', items: [13, 14] },
  { key: 'culture', nameZh: '文化润心', nameEn: 'Culture', items: [15, 16] },
] as const;

export const projectActionKeys = ['party_building', 'built_form', 'functions', 'governance', 'safety', 'culture'] as const;
export type ProjectActionKey = (typeof projectActionKeys)[number];

/** The sixteen items of the plan, by number. */
export const projectItems: Record<number, { nameZh: string; nameEn: string }> = {
  1: { nameZh: '深化楼宇党建', nameEn: 'Office-tower Party building' },
  2: { nameZh: '完善街区党建', nameEn: 'Street-area Party building' },
  3: { nameZh: '创新行业党建', nameEn: 'Trade Party building' },
  4: { nameZh: '探索商圈党建', nameEn: 'Commercial-district Party building' },
  5: { nameZh: '做强居民区党建', nameEn: 'Residential Party building' },
  6: { nameZh: '提高小区环境品质', nameEn: 'Estate quality' },
  7: { nameZh: '改善街区景观环境', nameEn: 'Street landscape' },
  8: { nameZh: '推进道路设施提升', nameEn: 'Road facilities' },
  9: { nameZh: '加强公共服务阵地建设', nameEn: 'Public service sites' },
  10: { nameZh: '持续优化营商服务', nameEn: 'Business services' },
  11: { nameZh: '强化“一网统管”建设', nameEn: 'City-operations platform' },
  12: { nameZh: '数字赋能社区治理', nameEn: 'Digital community governance' },
  13: { nameZh: '加快人防技防建设', nameEn: 'Safety facilities' },
  14: { nameZh: '加强风险隐患排查', nameEn: 'Risk checks' },
  15: { nameZh: '优化文化供给', nameEn: 'Cultural offer' },
  16: { nameZh: '凝聚人心共识', nameEn: 'Civic practice' },
};

export const projectStatuses = ['planned', 'in_progress', 'completed', 'on_hold'] as const;
export const projectStatusNamesZh: Record<(typeof projectStatuses)[number], string> = {
  planned: '计划中', in_progress: '实施中', completed: '已完成', on_hold: '暂缓',
};

/** The member units of the leadership group (attachment 1 of the plan). */
export const projectUnits = [
  '党政办', '党建办', '管理办', '服务办', '平安办', '信访办', '自治办', '宣统文化办', '营商办', '人大办', '监察办',
  '总工会', '团工委', '妇联', '司法所', '潍坊新村派出所', '市场监督管理所', '社区卫生服务中心', '综合行政执法队（城管中队）',
  '社区事务受理中心', '社区党群服务中心', '城运中心（应急管理中心）', '城建中心（房管办）',
] as const;
/** "… each 居民区's Party organisation": e.g. 潍坊四村居民区党组织. */
export const residentialPartyOrganisationPattern = /^[\p{Script=Han}A-Za-z0-9（）()·]{1,30}居民区党(组织|总支|支部)$/u;

export const projectGeometryTypes = ['Polygon', 'MultiPolygon', 'LineString', 'MultiLineString', 'Point', 'MultiPoint'] as const;

/** Fields that may be marked as assumed (not given by the plan). */
export const assumableFields = [
  'status', 'start_date', 'end_date', 'progress_percent', 'budget_ten_thousand_yuan', 'lead_unit', 'partner_units', 'geometry', 'linked_features',
] as const;

/** Properties the server sets: accepted back in PUT/PATCH bodies and ignored. */
export const readOnlyProjectFields = ['action_name_zh', 'version', 'created_at', 'updated_at'] as const;

export const projectLimits = {
  bodyBytes: 1024 * 1024,
  vertices: 5000,
  links: 500,
  partnerUnits: 20,
  titleLength: 200,
  descriptionLength: 5000,
  /** How far outside the subdistrict boundary a project may reach. */
  boundaryMarginMetres: 500,
} as const;

/** Field names in Chinese, for messages that name the field. */
export const projectFieldNamesZh: Record<string, string> = {
  code: '项目编号', title_zh: '项目名称', action: '专项行动', item: '任务条目', lead_unit: '牵头单位', partner_units: '配合单位',
  status: '状态', start_date: '开始日期', end_date: '结束日期', progress_percent: '进度（%）', budget_ten_thousand_yuan: '预算（万元）',
  description: '项目说明', linked_features: '关联要素', assumptions: '假设字段', geometry: '几何图形', properties: '属性', type: '类型',
};

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

export const projectCodePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

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
