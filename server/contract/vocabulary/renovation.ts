import { acceptedYears } from './as-of.ts';

/**
 * The renovation records' vocabulary (综合整新, 旧住房成套改造, 雨污分流, 加装电梯), without zod: the
 * client imports it at run time, and the contract's schemas build on it.
 */

export const renovationStatuses = ['done', 'in_progress', 'planned', 'not_planned'] as const;
export type RenovationStatus = (typeof renovationStatuses)[number];
export const renovationStatusNames: Record<RenovationStatus, { zh: string; en: string }> = {
  done: { zh: '已完成', en: 'Done' },
  in_progress: { zh: '实施中', en: 'In progress' },
  planned: { zh: '计划中', en: 'Planned' },
  not_planned: { zh: '未列入计划', en: 'Not planned' },
};

/** The three kinds of works a record tracks, each with a status and a year. */
export const renovationWorkKeys = ['comprehensiveRenovation', 'flatRetrofit', 'sewerSeparation'] as const;
export type RenovationWorkKey = (typeof renovationWorkKeys)[number];
export const renovationWorkNames: Record<RenovationWorkKey, { zh: string; en: string }> = {
  comprehensiveRenovation: { zh: '综合整新', en: 'Comprehensive renovation' },
  flatRetrofit: { zh: '旧住房成套改造', en: 'Flat retrofit' },
  sewerSeparation: { zh: '雨污分流', en: 'Sewer separation' },
};

export const renovationSources = ['survey', 'official', 'plan', 'assumed'] as const;
export type RenovationSource = (typeof renovationSources)[number];
export const renovationSourceNames: Record<RenovationSource, { zh: string; en: string }> = {
  survey: { zh: '调查', en: 'survey' },
  official: { zh: '官方数据', en: 'official' },
  plan: { zh: '行动计划', en: 'action plan' },
  assumed: { zh: '假设', en: 'assumed' },
};
export const confidenceLevels = ['high', 'medium', 'low'] as const;

/** The plan's target: 综合整新 of every estate by the end of this year. */
export const renovationTargetYear = 2025;
/** The years a record may name: the dates' own range. */
export const renovationYearRange = acceptedYears;
export const liftCountMaximum = 500;
export const renovationNoteLength = 2000;
/** The plan's demonstration areas (成片区改造示范): marked on the map. */
export const demonstrationEstateNames = ['潍坊四村', '潍坊八村', '王家宅小区'] as const;
/** Said where an estate has no 居委 in the data. */
export const unknownCommittee = '未知';

/** Fields of a record that may be marked as assumed (not known from a survey or an official list). */
export const renovationAssumableFields = [
  'comprehensiveRenovation.status', 'comprehensiveRenovation.startYear', 'comprehensiveRenovation.year', 'comprehensiveRenovation.projectCodes',
  'flatRetrofit.status', 'flatRetrofit.startYear', 'flatRetrofit.year', 'flatRetrofit.projectCodes',
  'sewerSeparation.status', 'sewerSeparation.startYear', 'sewerSeparation.year', 'sewerSeparation.projectCodes',
  'lifts.installed', 'lifts.planned', 'lifts.projectCodes', 'buildEra',
] as const;

/** Field names in Chinese, for messages that name the field. */
export const renovationFieldNamesZh: Record<string, string> = {
  comprehensiveRenovation: '综合整新', flatRetrofit: '旧住房成套改造', sewerSeparation: '雨污分流', lifts: '加装电梯',
  status: '状态', startYear: '开工年份', year: '完成年份', projectCodes: '项目编号', installed: '已加装', planned: '计划加装',
  source: '数据来源', confidence: '可信度', assumptions: '假设字段', note: '备注',
};
