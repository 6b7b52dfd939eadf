import { z } from '@hono/zod-openapi';
import { projectStatuses } from './vocabulary/projects.ts';
import { confidenceLevels, renovationSources, renovationStatuses } from './vocabulary/renovation.ts';

/**
 * GET /api/leaders/summary: everything the leaders' view shows for one date: renovation,
 * plan progress, facilities open and life-circle coverage, and coverage year by year.
 *
 * Every figure "as of" a date is derived: the registries keep only the current state, so earlier
 * states are inferred from years and dates (see docs/leaders.md) and the answers say so.
 */

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
  /** Read from a status report on or before the date, not inferred from dates (only before today). */
  recorded: z.object({ count: z.number(), codes: z.array(z.string()) }),
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
  recordedStatus: z.enum(projectStatuses),
  /** On the date. */
  status: z.enum(projectStatuses),
  progressPercent: z.number(),
  /** Never true while the status is unverified. */
  overdue: z.boolean(),
  /** The status or the end date is an assumption (from `assumptions`): 状态待核实. */
  statusUnverified: z.boolean(),
  /** The day of the status report the state was read from; null when inferred from dates or as recorded today. */
  recordedOn: z.string().nullable(),
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
/** hasData false: the data knows no real site of the group's types, and the shares are no data (无数据), not 0 %. */
export const CoverageGroupShare = z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), residentsShare: z.number(), elderlyShare: z.number(), hasData: z.boolean() });
export type CoverageGroupShare = z.infer<typeof CoverageGroupShare>;

export const CoverageHeadline = z.object({
  /** health, elderly, culture, sports, market, park: as GET /api/coverage computes them. */
  groups: z.array(CoverageGroupShare),
  /** hasData false when a group has no data: the share of residents with every essential is then not known. */
  allEssentials: z.object({ residentsShare: z.number(), elderlyShare: z.number(), hasData: z.boolean() }),
  /** Facilities counted (open on the date, placeholders left out as in /api/coverage). */
  facilitiesCounted: z.number(),
  /** Of the essential groups' facility types, how many the data knows a real site of. */
  essentialTypes: z.object({ withData: z.number().int(), total: z.number().int() }),
});
export type CoverageHeadline = z.infer<typeof CoverageHeadline>;

export const CoverageYear = z.object({
  year: z.number().int(),
  /** End of the year, or today for the current year. */
  date: z.string(),
  groups: z.array(CoverageGroupShare),
  allEssentials: z.object({ residentsShare: z.number(), elderlyShare: z.number(), hasData: z.boolean() }),
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

