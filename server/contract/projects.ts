import { z } from '@hono/zod-openapi';
import { Geometry, Link, SimpleGeometry, featureOf } from './geojson.ts';
import { isValidIsoDate, todayInShanghai } from './vocabulary/as-of.ts';
import {
  projectActionKeys, projectActions, projectCodePattern, projectLimits, projectStatuses, projectUnits, residentialPartyOrganisationPattern, assumableFields,
} from './vocabulary/projects.ts';

/**
 * The project registry's requests and answers: a project written through the API (the
 * properties of a GeoJSON Feature in the `projects` collection), a project as answered, its
 * history, the impact of a geometry and the form's vocabulary. Pure (no Node imports); the
 * vocabulary it checks against is in vocabulary/projects.ts, which the client imports without zod.
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

const IsoDate = z.string().refine(isValidIsoDate, { message: 'must be a date YYYY-MM-DD between 2000 and 2100', params: { zh: '必须是 2000—2100 年间的日期，格式 YYYY-MM-DD' } });


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

/** The body of POST (create) and PUT (replace): a GeoJSON Feature. */
export const ProjectFeatureInput = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: SimpleGeometry,
  /** Checked field by field (StoredProjectProperties less what the server sets); a 422 names each field that breaks a rule. */
  properties: z.record(z.string(), z.unknown()),
}).openapi('ProjectFeatureInput');

/** The body of PATCH: a JSON merge patch (RFC 7396) of the properties, and optionally a new geometry. */
export const ProjectPatchInput = z.object({
  type: z.literal('Feature').optional(),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: SimpleGeometry.optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
}).openapi('ProjectPatchInput');

export const ImpactRequest = z.object({
  geometry: SimpleGeometry,
}).openapi('ImpactRequest');

// ---------------------------------------------------------------- answers

export const ProjectStatusReport = z.object({
  reported_on: z.string(),
  status: z.enum(projectStatuses),
  progress_percent: z.number(),
  start_date: z.string(),
  end_date: z.string(),
  lead_unit: z.string(),
  source: z.enum(['editor', 'schedule-import']),
  /** Which of its figures were still assumptions when it was recorded (an assumed status stays 待核实). */
  assumptions: z.array(z.string()),
}).openapi('ProjectStatusReport');

/** A project's properties as the registry answers them: what was written, and what the server adds. */
export const StoredProjectProperties = z.object({
  code: z.string(),
  title_zh: z.string(),
  action: z.enum(projectActionKeys),
  action_name_zh: z.string(),
  item: z.number().int(),
  lead_unit: z.string(),
  partner_units: z.array(z.string()),
  status: z.enum(projectStatuses),
  start_date: z.string(),
  end_date: z.string(),
  progress_percent: z.number(),
  budget_ten_thousand_yuan: z.number().nullable(),
  description: z.string(),
  linked_features: z.array(z.object({ collection_id: z.string(), feature_key: z.string() })),
  assumptions: z.array(z.enum(assumableFields)),
  /** How the project stood on each day someone recorded it, oldest first (see project-state-as-of.ts). */
  status_reports: z.array(ProjectStatusReport),
  /** Where the project came from: the plan's text (seeded) or an editor who drew it; fixed at creation. */
  source: z.enum(['plan-text', 'editor']),
  /** What it rests on: the plan item, or who drew it and when; in English and in Chinese. */
  source_detail: z.string(),
  source_detail_zh: z.string(),
  /** low while the outline is assumed, medium while any other field is, high once a person has checked them all. */
  confidence: z.enum(['high', 'medium', 'low']),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
}).openapi('StoredProjectProperties');

/** A project as stored: a Feature with its geometry, keyed by its code. */
export const ProjectFeature = featureOf(StoredProjectProperties).extend({ geometry: Geometry }).openapi('ProjectFeature');
export type ProjectFeature = z.infer<typeof ProjectFeature>;

/** GET, POST, PUT, PATCH and restore answer the project with its links (and its ETag in a header). */
export const ProjectAnswer = ProjectFeature.extend({ links: z.array(Link) }).openapi('ProjectAnswer');

export const projectAuditOperations = ['seed', 'create', 'update', 'delete', 'restore'] as const;
export type ProjectAuditOperation = (typeof projectAuditOperations)[number];

/** One version of a project with its audit record: who, when, and the project before and after. */
export const ProjectVersion = z.object({
  version: z.number().int(),
  operation: z.enum(projectAuditOperations),
  actor: z.string(),
  recordedAt: z.string(),
  before: ProjectFeature.nullable(),
  after: ProjectFeature.nullable(),
}).openapi('ProjectVersion');
export type ProjectVersion = z.infer<typeof ProjectVersion>;

export const ProjectHistory = z.object({
  code: z.string(),
  currentVersion: z.number().int(),
  /** Oldest first. */
  versions: z.array(ProjectVersion),
}).openapi('ProjectHistory');

const minuteFigures = z.record(z.string(), z.number()).openapi({ description: 'By minute band: 5, 10 and 15' });

/** What a geometry touches (POST /impact, GET …/items/{code}/impact). */
export const Impact = z.object({
  geometryType: z.string(),
  /** Polygons only. */
  areaSquareMetres: z.number().nullable(),
  /** Lines only. */
  lengthMetres: z.number().nullable(),
  estates: z.array(z.object({
    id: z.string(), name: z.string(), residents: z.number(),
    /** Share of the estate's area inside the geometry (polygons only). */
    overlapShare: z.number().nullable(),
  })),
  residentsOfEstatesTouched: z.number(),
  /** Residents of each estate times the share of its area overlapped (polygons only). */
  residentsInOverlap: z.number().nullable(),
  buildings: z.object({
    count: z.number().int(),
    households: z.number(),
    items: z.array(z.object({ id: z.string(), name: z.string(), buildingType: z.string().nullable(), households: z.number().nullable() })),
  }),
  facilities: z.array(z.object({ id: z.string(), name: z.string(), facilityType: z.string().nullable(), placeholder: z.boolean() })),
  streets: z.array(z.object({ id: z.string(), name: z.string(), distanceMetres: z.number() })),
  /** Residents whose estate gate is within 5/10/15 minutes' walk of the geometry. */
  walk: z.object({
    speedMetresPerSecond: z.number(),
    sourcePoints: z.number().int(),
    sourcesOnNetwork: z.number().int(),
    residentsWithinMinutes: minuteFigures,
    estatesWithinMinutes: minuteFigures,
    byEstate: z.array(z.object({ id: z.string(), name: z.string(), residents: z.number(), walkMetres: z.number().nullable(), minutes: z.number().nullable() })),
  }),
  computedMilliseconds: z.number(),
}).openapi('Impact');
export type Impact = z.infer<typeof Impact>;
export type GeometryImpact = Omit<Impact, 'walk' | 'computedMilliseconds'>;
export type WalkImpact = Impact['walk'];

/** GET /projects/vocabulary: the form's actions with their items, statuses, units and limits. */
export const ProjectVocabularyAnswer = z.object({
  actions: z.array(z.object({
    key: z.enum(projectActionKeys), nameZh: z.string(), nameEn: z.string(),
    items: z.array(z.object({ item: z.number().int(), nameZh: z.string(), nameEn: z.string() })),
  })),
  statuses: z.array(z.object({ key: z.enum(projectStatuses), nameZh: z.string(), nameEn: z.string() })),
  units: z.array(z.string()),
  residentialPartyOrganisation: z.string(),
  assumableFields: z.array(z.enum(assumableFields)),
  limits: z.record(z.string(), z.number()),
}).openapi('ProjectVocabulary');
