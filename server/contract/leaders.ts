import { z } from '@hono/zod-openapi';
import { firstSliderYear } from './as-of.ts';

/**
 * The leaders' view (issue 6): the renovation records of the estates, the summary of one date
 * (renovation, projects, facilities open, life-circle coverage, coverage year by year) and the
 * exports. Pure: no Node imports, shared with the client, which takes its types from here.
 *
 * Every figure "as of" a date is derived: the registries keep only the current state, so earlier
 * states are inferred from years and dates (see docs/leaders.md) and the answers say so.
 */

// ---------------------------------------------------------------- vocabulary

export const renovationStatuses = ['done', 'in_progress', 'planned', 'not_planned'] as const;
export type RenovationStatus = (typeof renovationStatuses)[number];
export const renovationStatusNamesZh: Record<RenovationStatus, string> = {
  done: '已完成', in_progress: '实施中', planned: '计划中', not_planned: '未列入计划',
};

/** The three kinds of works a record tracks, each with a status and a year. */
export const renovationWorkKeys = ['comprehensiveRenovation', 'flatRetrofit', 'sewerSeparation'] as const;
export type RenovationWorkKey = (typeof renovationWorkKeys)[number];
export const renovationWorkNamesZh: Record<RenovationWorkKey, string> = {
  comprehensiveRenovation: '综合整新', flatRetrofit: '旧住房成套改造', sewerSeparation: '雨污分流',
};

export const renovationSources = ['survey', 'official', 'plan', 'assumed'] as const;
export const renovationSourceNamesZh: Record<(typeof renovationSources)[number], string> = {
  survey: '调查', official: '官方数据', plan: '行动计划', assumed: '假设',
};
export const confidenceLevels = ['high', 'medium', 'low'] as const;

/** The plan's target: 综合整新 of every estate by the end of this year. */
export const renovationTargetYear = 2025;
/** The first year the leaders' view steps through: the slider's, from as-of.ts (the last is lastSliderYear(today)). */
export const leadersFirstYear = firstSliderYear;
export const renovationYearRange = { minimum: 2000, maximum: 2100 } as const;
export const liftCountMaximum = 500;
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

// ---------------------------------------------------------------- records

const Year = z.number({ message: 'must be a whole year' }).int('must be a whole year')
  .min(renovationYearRange.minimum, `must be ${renovationYearRange.minimum} or later`)
  .max(renovationYearRange.maximum, `must be ${renovationYearRange.maximum} or earlier`);

/** One kind of works on one estate: its status, the year work started and the year it is (or is to be) done. */
export const RenovationWork = z.object({
  status: z.enum(renovationStatuses),
  /** Year work started (null: not known, or the same year as `year`). */
  startYear: Year.nullable(),
  /** Done: the year it was finished. In progress or planned: the year it is expected to finish. */
  year: Year.nullable(),
  /** The plan projects that carry the works (codes of the project registry). */
  projectCodes: z.array(z.string()),
}).openapi('RenovationWork');
export type RenovationWork = z.infer<typeof RenovationWork>;

/** 加装电梯: lifts added to walk-up blocks. null: not known. */
export const RenovationLifts = z.object({
  installed: z.number().int().min(0).max(liftCountMaximum).nullable(),
  planned: z.number().int().min(0).max(liftCountMaximum).nullable(),
  projectCodes: z.array(z.string()),
}).openapi('RenovationLifts');
export type RenovationLifts = z.infer<typeof RenovationLifts>;

/** GET /api/renovation/{estateKey}: one estate's record (strong ETag in the header). */
export const RenovationRecord = z.object({
  estateKey: z.string(),
  estateName: z.string(),
  /** 居委 from the estate feature; 未知 when it has none. */
  residentsCommittee: z.string(),
  buildEra: z.string().nullable(),
  households: z.number(),
  residents: z.number(),
  /** One of the plan's demonstration areas (潍坊四村, 潍坊八村, 王家宅). */
  demonstration: z.boolean(),
  comprehensiveRenovation: RenovationWork,
  flatRetrofit: RenovationWork,
  sewerSeparation: RenovationWork,
  lifts: RenovationLifts,
  source: z.enum(renovationSources),
  confidence: z.enum(confidenceLevels),
  /** Which fields are assumed (see renovationAssumableFields). */
  assumptions: z.array(z.string()),
  note: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
}).openapi('RenovationRecord');
export type RenovationRecord = z.infer<typeof RenovationRecord>;

/** GET /api/renovation */
export const RenovationList = z.object({ estates: z.array(RenovationRecord) }).openapi('RenovationList');
export type RenovationList = z.infer<typeof RenovationList>;

/**
 * PATCH /api/renovation/{estateKey}: a JSON merge patch (RFC 7396) of the editable fields, with
 * If-Match. Unknown fields answer 422 naming the field. Setting a field removes it from
 * `assumptions` unless the patch sets `assumptions` itself.
 */
export const RenovationPatch = z.object({
  comprehensiveRenovation: RenovationWork.partial().optional(),
  flatRetrofit: RenovationWork.partial().optional(),
  sewerSeparation: RenovationWork.partial().optional(),
  lifts: RenovationLifts.partial().optional(),
  source: z.enum(renovationSources).optional(),
  confidence: z.enum(confidenceLevels).optional(),
  assumptions: z.array(z.enum(renovationAssumableFields)).optional(),
  note: z.string().max(2000).optional(),
}).openapi('RenovationPatch');
export type RenovationPatch = z.infer<typeof RenovationPatch>;

/** GET /api/renovation/{estateKey}/history: every version, oldest first. */
export const RenovationHistory = z.object({
  estateKey: z.string(),
  currentVersion: z.number().int(),
  versions: z.array(z.object({
    version: z.number().int(),
    operation: z.enum(['seed', 'update']),
    actor: z.string(),
    recordedAt: z.string(),
    before: RenovationRecord.nullable(),
    after: RenovationRecord,
  })),
}).openapi('RenovationHistory');
export type RenovationHistory = z.infer<typeof RenovationHistory>;

/** A write error: { code, message, messageZh, problems: [{ field, message, messageZh }] }; 412 adds `current`. */
export const RenovationWriteError = z.object({
  code: z.string(),
  message: z.string(),
  messageZh: z.string(),
  problems: z.array(z.object({ field: z.string(), message: z.string(), messageZh: z.string() })).optional(),
  current: RenovationRecord.optional(),
}).openapi('RenovationWriteError');

// ---------------------------------------------------------------- as of a date

export const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date YYYY-MM-DD between 2000 and 2100. */
export function isValidIsoDate(text: string): boolean {
  if (!isoDatePattern.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= renovationYearRange.minimum && year <= renovationYearRange.maximum && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const asOfMessage = 'asOf must be a date YYYY-MM-DD between 2000-01-01 and 2100-12-31, e.g. 2024-12-31';
export const AsOfDate = z.string()
  .refine(isValidIsoDate, { message: asOfMessage })
  .optional()
  .openapi({ type: 'string', example: '2024-12-31', description: 'The date the answer shows (YYYY-MM-DD); default today in Shanghai' });

/** The end of `year`, or today when the year is the current one (the coverage-by-year steps). */
export function yearStepDate(year: number, today: string): string {
  const end = `${year}-12-31`;
  return end > today && today.startsWith(String(year)) ? today : end;
}

// ---------------------------------------------------------------- summary

/** Estates, households and residents. */
export const Counts = z.object({ estates: z.number(), households: z.number(), residents: z.number() }).openapi('LeadersCounts');
export type Counts = z.infer<typeof Counts>;

const CountsByStatus = z.object({ done: Counts, in_progress: Counts, planned: Counts, not_planned: Counts });
export type CountsByStatus = z.infer<typeof CountsByStatus>;

export const RenovationYearRow = z.object({
  /** 2022 … 2025, or 'after2025' for everything expected later (planned or in progress). */
  year: z.union([z.number().int(), z.literal('after2025')]),
  label: z.string(),
  /** 综合整新 recorded as finished in that year (after2025: finished after 2025). */
  doneInYear: Counts,
  /** Recorded as in progress or planned with that year (after2025: a later year, or none). */
  expectedInYear: Counts,
  /** Finished by the end of that year. */
  cumulative: Counts,
  /** Finished or expected by the end of that year (after2025: every estate in the plan). */
  cumulativeWithExpected: Counts,
  /** Share of all estates' residents covered by the end of that year. */
  cumulativeResidentsShare: z.number(),
});
export type RenovationYearRow = z.infer<typeof RenovationYearRow>;

export const EstateStateAsOf = z.object({
  estateKey: z.string(),
  estateName: z.string(),
  residentsCommittee: z.string(),
  households: z.number(),
  residents: z.number(),
  demonstration: z.boolean(),
  /** 综合整新 on that date. */
  status: z.enum(renovationStatuses),
  /** The recorded year (done or expected). */
  year: z.number().int().nullable(),
  sewerSeparationStatus: z.enum(renovationStatuses),
  flatRetrofitStatus: z.enum(renovationStatuses),
  liftsInstalled: z.number().nullable(),
  liftsPlanned: z.number().nullable(),
  projectCodes: z.array(z.string()),
  source: z.enum(renovationSources),
  confidence: z.enum(confidenceLevels),
  assumed: z.boolean(),
});
export type EstateStateAsOf = z.infer<typeof EstateStateAsOf>;

export const RenovationSummary = z.object({
  totals: Counts,
  /** 综合整新 on the date, by status. */
  byStatus: CountsByStatus,
  target: z.object({
    year: z.number().int(),
    /** Every estate: the plan's 综合整新全覆盖. */
    required: Counts,
    /** Done on the date. */
    met: Counts,
    /** met ÷ required, 0…1, by estates, households and residents. */
    share: z.object({ estates: z.number(), households: z.number(), residents: z.number() }),
  }),
  byYear: z.array(RenovationYearRow),
  byCommittee: z.array(z.object({ committee: z.string(), totals: Counts, byStatus: CountsByStatus, estateKeys: z.array(z.string()) })),
  /** The other works on the date. */
  sewerSeparation: CountsByStatus,
  flatRetrofit: CountsByStatus,
  lifts: z.object({ installed: z.number(), planned: z.number(), estatesNotKnown: z.number() }),
  estates: z.array(EstateStateAsOf),
  /** Estates whose 综合整新 rests on an assumption, not a survey or official record. */
  assumedEstates: z.number(),
});
export type RenovationSummary = z.infer<typeof RenovationSummary>;

export const projectStatusKeys = ['planned', 'in_progress', 'completed', 'on_hold'] as const;

/** Counts by status with the codes behind each number. */
export const ProjectFigures = z.object({
  total: z.number(),
  codes: z.array(z.string()),
  byStatus: z.object({
    planned: z.object({ count: z.number(), codes: z.array(z.string()) }),
    in_progress: z.object({ count: z.number(), codes: z.array(z.string()) }),
    completed: z.object({ count: z.number(), codes: z.array(z.string()) }),
    on_hold: z.object({ count: z.number(), codes: z.array(z.string()) }),
  }),
  /** Mean progress on the date, 0…100 (0 when there are no projects). */
  averageProgressPercent: z.number(),
  /** Past the end date and not completed, among the projects whose status is recorded (not assumed). */
  overdue: z.object({ count: z.number(), codes: z.array(z.string()) }),
  /** Status or end date still an assumption (状态待核实): never counted overdue. */
  unverified: z.object({ count: z.number(), codes: z.array(z.string()) }),
});
export type ProjectFigures = z.infer<typeof ProjectFigures>;

export const ProjectStateRow = z.object({
  code: z.string(),
  titleZh: z.string(),
  action: z.string(),
  item: z.number().int(),
  leadUnit: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  /** As recorded today. */
  recordedStatus: z.enum(projectStatusKeys),
  /** On the date. */
  status: z.enum(projectStatusKeys),
  progressPercent: z.number(),
  /** Never true while the status is unverified. */
  overdue: z.boolean(),
  /** The status or the end date is an assumption (from `assumptions`): 状态待核实. */
  statusUnverified: z.boolean(),
  /** Which fields of the project are assumptions (from the registry). */
  assumptions: z.array(z.string()),
});
export type ProjectStateRow = z.infer<typeof ProjectStateRow>;

export const ProjectsSummary = z.object({
  all: ProjectFigures,
  byAction: z.array(ProjectFigures.extend({
    action: z.string(), nameZh: z.string(), nameEn: z.string(),
    items: z.array(ProjectFigures.extend({ item: z.number().int(), nameZh: z.string(), nameEn: z.string() })),
  })),
  byLeadUnit: z.array(ProjectFigures.extend({ leadUnit: z.string() })),
  list: z.array(ProjectStateRow),
});
export type ProjectsSummary = z.infer<typeof ProjectsSummary>;

export const FacilitiesSummary = z.object({
  total: z.number(),
  openCount: z.number(),
  /** Facility keys not open on the date: the map hides them. */
  notOpenKeys: z.array(z.string()),
  /** Facilities that open with a plan project, and that project's state on the date. */
  projectFacilities: z.array(z.object({
    facilityKey: z.string(), name: z.string(), facilityType: z.string(), projectCode: z.string().nullable(),
    open: z.boolean(), openedDate: z.string().nullable(), placeholder: z.boolean(),
  })),
});
export type FacilitiesSummary = z.infer<typeof FacilitiesSummary>;

/** One essential group's share of residents within the standard distance. */
export const CoverageGroupShare = z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), residentsShare: z.number(), elderlyShare: z.number() });
export type CoverageGroupShare = z.infer<typeof CoverageGroupShare>;

export const CoverageHeadline = z.object({
  /** health, elderly, culture, sports, market, park: as GET /api/coverage computes them. */
  groups: z.array(CoverageGroupShare),
  allEssentials: z.object({ residentsShare: z.number(), elderlyShare: z.number() }),
  /** Facilities counted (open on the date, placeholders left out as in /api/coverage). */
  facilitiesCounted: z.number(),
});
export type CoverageHeadline = z.infer<typeof CoverageHeadline>;

export const CoverageYear = z.object({
  year: z.number().int(),
  /** End of the year, or today for the current year. */
  date: z.string(),
  groups: z.array(CoverageGroupShare),
  allEssentials: z.object({ residentsShare: z.number(), elderlyShare: z.number() }),
  /** Projects whose facilities opened in that year, with those facilities. */
  openedProjects: z.array(z.object({ code: z.string(), titleZh: z.string(), facilityKeys: z.array(z.string()) })),
  /** Facilities that opened that year without a project (from an opening year). */
  openedFacilityKeys: z.array(z.string()),
});
export type CoverageYear = z.infer<typeof CoverageYear>;

/** GET /api/leaders/summary?asOf=YYYY-MM-DD: everything the leaders' view shows for one date. */
export const LeadersSummary = z.object({
  asOf: z.string(),
  today: z.string(),
  /** True when the date is before today: states are inferred from years and dates. */
  inferred: z.boolean(),
  renovation: RenovationSummary,
  projects: ProjectsSummary,
  facilities: FacilitiesSummary,
  coverage: CoverageHeadline,
  coverageByYear: z.array(CoverageYear),
  /** What the figures rest on, in words (Chinese and English), for the report. */
  assumptions: z.array(z.object({ zh: z.string(), en: z.string() })),
  computedMilliseconds: z.number(),
}).openapi('LeadersSummary');
export type LeadersSummary = z.infer<typeof LeadersSummary>;

// ---------------------------------------------------------------- exports

export const exportDatasets = ['estates', 'projects', 'facilities', 'coverage'] as const;
export type ExportDataset = (typeof exportDatasets)[number];
export const exportFormats = ['csv', 'geojson'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/**
 * GET /api/exports/{dataset}.{csv|geojson}?asOf=…&action=…&status=…&committee=…&item=…&facilityType=…
 * status filters: estates by 综合整新 status on the date, projects by status on the date,
 * facilities by open|not_open. An empty selection is a valid empty file.
 */
export const ExportQuery = z.object({
  asOf: AsOfDate,
  action: z.string().max(40).optional(),
  item: z.string().regex(/^([1-9]|1[0-6])$/, 'item must be a number 1–16').optional(),
  status: z.string().max(40).optional(),
  committee: z.string().max(60).optional(),
  leadUnit: z.string().max(60).optional(),
  facilityType: z.string().max(60).optional(),
});

export type ExportQuery = z.infer<typeof ExportQuery>;
