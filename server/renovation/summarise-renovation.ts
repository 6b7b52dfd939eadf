import type { RenovationRecord } from '../contract/renovation.ts';
import type { Counts, CountsByStatus, EstateStateAsOf, RenovationSummary, RenovationYearRow } from '../contract/summary.ts';
import { firstSliderYear } from '../contract/vocabulary/as-of.ts';
import { renovationTargetYear, type RenovationStatus } from '../contract/vocabulary/renovation.ts';
import { renovationStatusAsOf } from './renovation-state-as-of.ts';

const zero = (): Counts => ({ estates: 0, households: 0, residents: 0 });
const emptyByStatus = (): CountsByStatus => ({ done: zero(), in_progress: zero(), planned: zero(), not_planned: zero() });
function add(counts: Counts, record: { households: number; residents: number }) {
  counts.estates += 1;
  counts.households += record.households;
  counts.residents += record.residents;
}
const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10000) / 10000 : 0);

/**
 * Renovation coverage on a date: 综合整新 by status, against the 2025 target (every estate), year
 * by year from the recorded years, by 居委, and each estate's state for the choropleth. Pure.
 */
export function summariseRenovation(records: RenovationRecord[], asOf: string, today: string): RenovationSummary {
  const totals = zero();
  const byStatus = emptyByStatus();
  const sewerSeparation = emptyByStatus();
  const flatRetrofit = emptyByStatus();
  const committees = new Map<string, { totals: Counts; byStatus: CountsByStatus; estateKeys: string[] }>();
  const lifts = { installed: 0, planned: 0, estatesNotKnown: 0 };
  const estates: EstateStateAsOf[] = [];
  let assumedEstates = 0;

  for (const record of records) {
    add(totals, record);
    const status = renovationStatusAsOf(record.comprehensiveRenovation, asOf, today);
    add(byStatus[status], record);
    add(sewerSeparation[renovationStatusAsOf(record.sewerSeparation, asOf, today)], record);
    add(flatRetrofit[renovationStatusAsOf(record.flatRetrofit, asOf, today)], record);
    const committee = committees.get(record.residentsCommittee) ?? { totals: zero(), byStatus: emptyByStatus(), estateKeys: [] };
    add(committee.totals, record);
    add(committee.byStatus[status], record);
    committee.estateKeys.push(record.estateKey);
    committees.set(record.residentsCommittee, committee);
    if (record.lifts.installed === null && record.lifts.planned === null) lifts.estatesNotKnown += 1;
    lifts.installed += record.lifts.installed ?? 0;
    lifts.planned += record.lifts.planned ?? 0;
    const assumed = record.source === 'assumed' || record.assumptions.some((field) => field.startsWith('comprehensiveRenovation.'));
    if (assumed) assumedEstates += 1;
    estates.push({
      estateKey: record.estateKey, estateName: record.estateName, residentsCommittee: record.residentsCommittee,
      households: record.households, residents: record.residents, demonstration: record.demonstration,
      status, year: record.comprehensiveRenovation.year,
      sewerSeparationStatus: renovationStatusAsOf(record.sewerSeparation, asOf, today),
      flatRetrofitStatus: renovationStatusAsOf(record.flatRetrofit, asOf, today),
      liftsInstalled: record.lifts.installed, liftsPlanned: record.lifts.planned,
      projectCodes: [...new Set([...record.comprehensiveRenovation.projectCodes, ...record.sewerSeparation.projectCodes, ...record.flatRetrofit.projectCodes, ...record.lifts.projectCodes])],
      source: record.source, confidence: record.confidence, assumed,
    });
  }

  const met = byStatus.done;
  return {
    totals,
    byStatus,
    target: {
      year: renovationTargetYear,
      required: { ...totals },
      met: { ...met },
      share: { estates: share(met.estates, totals.estates), households: share(met.households, totals.households), residents: share(met.residents, totals.residents) },
    },
    byYear: summariseByYear(records, totals),
    byCommittee: [...committees.entries()]
      .map(([committee, figures]) => ({ committee, ...figures }))
      .sort((a, b) => a.committee.localeCompare(b.committee, 'zh-CN')),
    sewerSeparation,
    flatRetrofit,
    lifts,
    estates,
    assumedEstates,
  };
}

/**
 * 综合整新 by recorded year, 2022 to the target year and "after": finished that year (done) and
 * expected that year (in progress or planned with that year), each also cumulated. Works without
 * a year that are not done count as expected after the target year.
 */
export function summariseByYear(records: RenovationRecord[], totals: Counts): RenovationYearRow[] {
  const rows: RenovationYearRow[] = [];
  const cumulative = zero();
  const cumulativeWithExpected = zero();
  const inPlan = (status: RenovationStatus) => status !== 'not_planned';
  // Done before the first year shown: part of every cumulative figure.
  for (const record of records) {
    const { status, year } = record.comprehensiveRenovation;
    if (year !== null && year < firstSliderYear && inPlan(status)) {
      if (status === 'done') add(cumulative, record);
      add(cumulativeWithExpected, record);
    }
  }
  const years: (number | 'after2025')[] = [];
  for (let year = firstSliderYear; year <= renovationTargetYear; year += 1) years.push(year);
  years.push('after2025');
  for (const year of years) {
    const doneInYear = zero();
    const expectedInYear = zero();
    for (const record of records) {
      const work = record.comprehensiveRenovation;
      if (!inPlan(work.status)) continue;
      const matches = year === 'after2025' ? work.year === null || work.year > renovationTargetYear : work.year === year;
      if (!matches) continue;
      add(work.status === 'done' ? doneInYear : expectedInYear, record);
    }
    for (const key of ['estates', 'households', 'residents'] as const) {
      cumulative[key] += doneInYear[key];
      cumulativeWithExpected[key] += doneInYear[key] + expectedInYear[key];
    }
    rows.push({
      year,
      label: year === 'after2025' ? `${renovationTargetYear}年以后` : `${year}年`,
      doneInYear, expectedInYear,
      cumulative: { ...cumulative },
      cumulativeWithExpected: { ...cumulativeWithExpected },
      cumulativeResidentsShare: share(cumulative.residents, totals.residents),
    });
  }
  return rows;
}

