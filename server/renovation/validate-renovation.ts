import { z } from '@hono/zod-openapi';
import type { FieldProblem } from '../contract/errors.ts';
import type { RenovationRecord } from '../contract/renovation.ts';
import { projectCodePattern } from '../contract/vocabulary/projects.ts';
import {
  confidenceLevels, liftCountMaximum, renovationAssumableFields, renovationFieldNamesZh, renovationNoteLength, renovationSources, renovationStatuses,
  renovationWorkKeys, renovationWorkNames, renovationYearRange,
} from '../contract/vocabulary/renovation.ts';
import type { RenovationValue } from '../queries/renovation.ts';

const { minimum, maximum } = renovationYearRange;

const Year = z.number().int().min(minimum).max(maximum).nullable();
const Work = z.object({
  status: z.enum(renovationStatuses),
  startYear: Year,
  year: Year,
  projectCodes: z.array(z.string().regex(projectCodePattern)).max(20),
}).strict();
const Count = z.number().int().min(0).max(liftCountMaximum).nullable();

/** The whole editable record after a patch is merged in. */
const RenovationValueSchema = z.object({
  comprehensiveRenovation: Work,
  flatRetrofit: Work,
  sewerSeparation: Work,
  lifts: z.object({ installed: Count, planned: Count, projectCodes: z.array(z.string().regex(projectCodePattern)).max(20) }).strict(),
  source: z.enum(renovationSources),
  confidence: z.enum(confidenceLevels),
  assumptions: z.array(z.enum(renovationAssumableFields)).max(renovationAssumableFields.length),
  note: z.string().max(renovationNoteLength).refine((text) => !text.includes('\u0000'), 'must not contain NUL characters'),
}).strict();

const topLevelFields = ['comprehensiveRenovation', 'flatRetrofit', 'sewerSeparation', 'lifts', 'source', 'confidence', 'assumptions', 'note'];
const workFields = ['status', 'startYear', 'year', 'projectCodes'];
const liftFields = ['installed', 'planned', 'projectCodes'];
/** Shown in GET answers; accepted back in a patch only unchanged is too subtle: refused by name. */
const readOnlyFields = ['estateKey', 'estateName', 'residentsCommittee', 'buildEra', 'households', 'residents', 'demonstration', 'version', 'updatedAt'];

/** The name of a field in Chinese: comprehensiveRenovation.year → 综合整新·完成年份. */
export function renovationFieldNameZh(field: string): string {
  return field.split('.').filter((part) => !/^\d+$/.test(part)).map((part) => (Object.hasOwn(renovationFieldNamesZh, part) ? renovationFieldNamesZh[part] : part)).join('·');
}

/** Members of the patch that are not editable fields, each named (unknown or read-only). */
export function findUnknownFields(patch: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (readOnlyFields.includes(key)) {
      problems.push({ field: key, message: 'is read-only (it comes from the estate or the server)', messageZh: '为只读字段（来自小区数据或服务器），不能修改' });
      continue;
    }
    if (!topLevelFields.includes(key)) {
      problems.push({ field: key, message: `is not a field of a renovation record (fields: ${topLevelFields.join(', ')})`, messageZh: '不是小区改造记录的字段' });
      continue;
    }
    const nested = (renovationWorkKeys as readonly string[]).includes(key) ? workFields : key === 'lifts' ? liftFields : null;
    if (nested && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const inner of Object.keys(value)) {
        if (!nested.includes(inner)) problems.push({ field: `${key}.${inner}`, message: `is not a field of ${key} (fields: ${nested.join(', ')})`, messageZh: `不是“${renovationFieldNameZh(key)}”的字段` });
      }
    } else if (nested) {
      problems.push({ field: key, message: 'must be an object', messageZh: '必须是对象' });
    }
  }
  return problems;
}

/** RFC 7396 merge of a patch over the current record's editable fields. */
export function mergeRenovationPatch(current: RenovationValue, patch: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = structuredClone(current) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    const base = merged[key];
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && base !== null && typeof base === 'object' && !Array.isArray(base)) {
      merged[key] = { ...(base as Record<string, unknown>), ...(value as Record<string, unknown>) };
    } else {
      merged[key] = value;
    }
  }
  return merged;
}

/** Paths of the fields a patch sets: comprehensiveRenovation.year, lifts.installed, note … */
export function patchedFields(patch: Record<string, unknown>): string[] {
  return Object.entries(patch).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value).map((inner) => `${key}.${inner}`) : [key]);
}

/**
 * Checks a merged record: types and ranges (years 2000–2100, counts 0–500), then the rules that
 * tie fields together: done has a year, and not in the future; not planned has no years; work
 * does not finish before it starts; installed plus planned lifts at most 500. Each problem
 * names its field in English and Chinese.
 */
export function validateRenovationValue(merged: Record<string, unknown>, currentYear: number): { value?: RenovationValue; problems: FieldProblem[] } {
  const parsed = RenovationValueSchema.safeParse(merged);
  if (!parsed.success) return { problems: parsed.error.issues.map(describeIssue) };
  const value = parsed.data as RenovationValue;
  const problems: FieldProblem[] = [];
  for (const key of renovationWorkKeys) {
    const work = value[key];
    const name = renovationWorkNames[key].zh;
    if (work.status === 'done' && work.year === null) {
      problems.push({ field: `${key}.year`, message: 'is required when status is done', messageZh: `${name}状态为“已完成”时必须填写完成年份` });
    }
    if (work.status === 'done' && work.year !== null && work.year > currentYear) {
      problems.push({ field: `${key}.year`, message: `cannot be later than this year (${currentYear}) when status is done`, messageZh: `${name}已完成的年份不能晚于今年（${currentYear}）` });
    }
    if (work.status === 'not_planned' && (work.year !== null || work.startYear !== null)) {
      problems.push({ field: `${key}.${work.year !== null ? 'year' : 'startYear'}`, message: 'must be null when status is not_planned', messageZh: `${name}未列入计划时不能填写年份` });
    }
    if (work.startYear !== null && work.year !== null && work.startYear > work.year) {
      problems.push({ field: `${key}.startYear`, message: `must not be after year (${work.year})`, messageZh: `开工年份不能晚于完成年份（${work.year}）` });
    }
  }
  if ((value.lifts.installed ?? 0) + (value.lifts.planned ?? 0) > liftCountMaximum) {
    problems.push({ field: 'lifts.planned', message: `installed and planned lifts together must be at most ${liftCountMaximum}`, messageZh: `已加装与计划加装电梯合计不能超过 ${liftCountMaximum} 部` });
  }
  return problems.length > 0 ? { problems } : { value, problems };
}

function describeIssue(issue: z.core.$ZodIssue): FieldProblem {
  const field = issue.path.map(String).join('.') || 'body';
  const last = String(issue.path.filter((part) => typeof part === 'string').at(-1) ?? '');
  const isYear = last === 'year' || last === 'startYear';
  const isCount = last === 'installed' || last === 'planned';
  switch (issue.code) {
    case 'too_small':
    case 'too_big':
      if (isYear) return { field, message: `must be a year from ${minimum} to ${maximum}`, messageZh: `必须是 ${minimum}—${maximum} 年之间的年份` };
      if (isCount) return { field, message: `must be a whole number from 0 to ${liftCountMaximum} (not negative)`, messageZh: `必须是 0—${liftCountMaximum} 的整数（不能为负数）` };
      return { field, message: issue.message, messageZh: issue.code === 'too_big' ? '超出允许范围' : '低于允许范围' };
    case 'invalid_type':
      if (isYear) return { field, message: 'must be a whole year or null', messageZh: '必须是整数年份或留空（null）' };
      if (isCount) return { field, message: 'must be a whole number or null', messageZh: '必须是整数或留空（null）' };
      return { field, message: `must be of type ${issue.expected}`, messageZh: '类型不正确' };
    case 'invalid_value':
      return { field, message: `must be one of ${issue.values.map(String).join(', ')}`, messageZh: `必须是以下之一：${issue.values.map(String).join('、')}` };
    case 'invalid_format':
      return { field, message: 'must be a project code (letters, digits, ".", "_" or "-"), e.g. P06-04', messageZh: '必须是项目编号，如 P06-04' };
    case 'unrecognized_keys':
      return { field: [field === 'body' ? '' : field, issue.keys[0]].filter(Boolean).join('.'), message: 'is not a field of a renovation record', messageZh: '不是小区改造记录的字段' };
    default:
      if (isYear && issue.code === 'custom') return { field, message: issue.message, messageZh: '年份不正确' };
      return { field, message: issue.message, messageZh: `${renovationFieldNameZh(field)}不正确` };
  }
}

/** The record's editable fields, as a patch is merged over. */
export function editableValue(record: RenovationRecord): RenovationValue {
  const { comprehensiveRenovation, flatRetrofit, sewerSeparation, lifts, source, confidence, assumptions, note } = record;
  return { comprehensiveRenovation, flatRetrofit, sewerSeparation, lifts, source, confidence, assumptions, note };
}
