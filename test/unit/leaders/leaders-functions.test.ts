import { describe, expect, it } from 'vitest';
import { projectStateAsOf, type ProjectDates } from '../../../server/contract/vocabulary/project-state-as-of.ts';
import type { RenovationRecord } from '../../../server/contract/renovation.ts';
import { isValidIsoDate, yearStepDate } from '../../../server/contract/vocabulary/as-of.ts';
import { attachmentDisposition, formatCsvField, writeCsv } from '../../../server/exports/write-csv.ts';
import { decideFacilityOpen, findFacilitiesNotOpen, type FacilityOpeningInput } from '../../../server/facility-openings/decide-facility-open.ts';
import { renovationStatusAsOf } from '../../../server/renovation/renovation-state-as-of.ts';
import { summariseRenovation } from '../../../server/renovation/summarise-renovation.ts';
import { editableValue, findUnknownFields, mergeRenovationPatch, validateRenovationValue } from '../../../server/renovation/validate-renovation.ts';
import { summariseProjects, type ProjectInput } from '../../../server/summary/summarise-projects.ts';

const today = '2026-11-27';

function record(key: string, overrides: Partial<RenovationRecord> = {}): RenovationRecord {
  return {
    estateKey: key, estateName: key, residentsCommittee: '甲居委会', buildEra: '1980s', households: 100, residents: 240, demonstration: false,
    comprehensiveRenovation: { status: 'done', startYear: 2023, year: 2024, projectCodes: ['P06-04'] },
    flatRetrofit: { status: 'not_planned', startYear: null, year: null, projectCodes: [] },
    sewerSeparation: { status: 'in_progress', startYear: 2024, year: 2026, projectCodes: ['P06-05'] },
    lifts: { installed: 2, planned: 3, projectCodes: [] },
    source: 'assumed', confidence: 'low', assumptions: ['comprehensiveRenovation.year'], note: '', version: 1, updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('renovationStatusAsOf', () => {
  const done = { status: 'done' as const, startYear: 2023, year: 2024 };
  it('infers planned, in progress and done from the start and finish years', () => {
    expect(renovationStatusAsOf(done, '2022-12-31', today)).toBe('planned');
    expect(renovationStatusAsOf(done, '2023-01-01', today)).toBe('in_progress');
    expect(renovationStatusAsOf(done, '2024-12-30', today)).toBe('in_progress');
    expect(renovationStatusAsOf(done, '2024-12-31', today)).toBe('done');
  });
  it('keeps the recorded status from today on, and for planned and not-planned works', () => {
    expect(renovationStatusAsOf({ status: 'in_progress', startYear: 2025, year: 2026 }, '2030-01-01', today)).toBe('in_progress');
    expect(renovationStatusAsOf({ status: 'in_progress', startYear: 2025, year: 2026 }, '2024-06-30', today)).toBe('planned');
    expect(renovationStatusAsOf({ status: 'planned', startYear: null, year: 2027 }, '2023-01-01', today)).toBe('planned');
    expect(renovationStatusAsOf({ status: 'not_planned', startYear: null, year: null }, '2026-12-31', today)).toBe('not_planned');
  });
  it('never has done works undone by a later date', () => {
    const dates = ['2021-06-30', '2022-12-31', '2023-12-31', '2024-12-31', '2025-12-31', today, '2026-12-31'];
    for (const work of [done, { status: 'done' as const, startYear: null, year: 2026 }, { status: 'in_progress' as const, startYear: 2024, year: 2025 }]) {
      const states = dates.map((date) => renovationStatusAsOf(work, date, today));
      const firstDone = states.indexOf('done');
      if (firstDone >= 0) expect(states.slice(firstDone).every((state) => state === 'done')).toBe(true);
    }
  });
});

describe('summariseRenovation', () => {
  const records = [
    record('a', { demonstration: true }),
    record('b', { residentsCommittee: '乙居委会', comprehensiveRenovation: { status: 'in_progress', startYear: 2025, year: 2026, projectCodes: [] } }),
    record('c', { comprehensiveRenovation: { status: 'planned', startYear: null, year: null, projectCodes: [] }, lifts: { installed: null, planned: null, projectCodes: [] } }),
    record('d', { comprehensiveRenovation: { status: 'done', startYear: null, year: 2025, projectCodes: [] } }),
  ];
  it('counts estates, households and residents by status on the date, against every estate', () => {
    const summary = summariseRenovation(records, '2024-12-31', today);
    expect(summary.totals).toEqual({ estates: 4, households: 400, residents: 960 });
    expect(summary.byStatus.done.estates).toBe(1);
    expect(summary.byStatus.planned.estates).toBe(3);
    expect(summary.target.share.estates).toBe(0.25);
    expect(summary.lifts).toEqual({ installed: 6, planned: 9, estatesNotKnown: 1 });
    expect(summary.byCommittee.map((committee) => committee.committee)).toEqual(['甲居委会', '乙居委会']);
    expect(summary.estates.find((estate) => estate.estateKey === 'a')).toMatchObject({ status: 'done', demonstration: true });
  });
  it('gives the years 2022–2025 and after, done and expected, cumulated', () => {
    const { byYear } = summariseRenovation(records, today, today);
    expect(byYear.map((row) => row.year)).toEqual([2022, 2023, 2024, 2025, 'after2025']);
    expect(byYear[2].doneInYear.estates).toBe(1);
    expect(byYear[3].doneInYear.estates).toBe(1);
    expect(byYear[3].cumulative.estates).toBe(2);
    expect(byYear[4].expectedInYear.estates).toBe(2);
    expect(byYear[4].cumulativeWithExpected.estates).toBe(4);
  });
  it('never has fewer done estates on a later date', () => {
    const dates = ['2022-12-31', '2023-12-31', '2024-06-30', '2024-12-31', '2025-12-31', today, '2026-12-31'];
    const done = dates.map((date) => summariseRenovation(records, date, today).byStatus.done.estates);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(2);
  });
});

describe('summariseProjects', () => {
  const project = (code: string, overrides: Partial<ProjectInput> = {}): ProjectInput => ({
    code, title_zh: code, action: 'built_form', item: 6, lead_unit: '城建中心（房管办）', status: 'in_progress',
    start_date: '2023-01-29', end_date: '2025-12-31', progress_percent: 40, assumptions: [], ...overrides,
  });
  it('counts by action, item and lead unit with the codes behind each number, and overdue past the end date', () => {
    const projects = [project('P06-01'), project('P06-02', { status: 'completed', progress_percent: 100, end_date: '2024-06-30' }), project('P13-01', { action: 'safety', item: 13, lead_unit: '平安办' })];
    const summary = summariseProjects(projects, '2026-01-31', today);
    expect(summary.all.total).toBe(3);
    expect(summary.all.overdue.codes).toEqual(['P06-01', 'P13-01']);
    expect(summary.all.byStatus.completed.codes).toEqual(['P06-02']);
    const builtForm = summary.byAction.find((action) => action.action === 'built_form')!;
    expect(builtForm.total).toBe(2);
    expect(builtForm.items.find((item) => item.item === 6)!.codes).toEqual(['P06-01', 'P06-02']);
    expect(summary.byAction).toHaveLength(6);
    expect(summary.byAction.flatMap((action) => action.items)).toHaveLength(16);
    expect(summary.byLeadUnit.find((unit) => unit.leadUnit === '平安办')!.codes).toEqual(['P13-01']);
    const before = summariseProjects(projects, '2022-12-31', today);
    expect(before.all.byStatus.planned.count).toBe(3);
    expect(before.all.averageProgressPercent).toBe(0);
  });
  it('counts a project whose status or end date is assumed as unverified, never overdue, until both are recorded', () => {
    const projects = [
      project('P06-01', { assumptions: ['status', 'start_date', 'end_date', 'progress_percent'] }),
      project('P06-02', { assumptions: ['end_date'] }),
      project('P06-03', { assumptions: ['start_date', 'progress_percent'] }),
      project('P13-01', { action: 'safety', item: 13, lead_unit: '平安办', assumptions: ['status'] }),
    ];
    const summary = summariseProjects(projects, '2026-01-31', today);
    expect(summary.all.overdue.codes).toEqual(['P06-03']);
    expect(summary.all.unverified).toEqual({ count: 3, codes: ['P06-01', 'P06-02', 'P13-01'] });
    const builtForm = summary.byAction.find((action) => action.action === 'built_form')!;
    expect(builtForm.unverified.codes).toEqual(['P06-01', 'P06-02']);
    expect(builtForm.items.find((item) => item.item === 6)!.unverified.count).toBe(2);
    expect(summary.byLeadUnit.find((unit) => unit.leadUnit === '平安办')!.unverified.codes).toEqual(['P13-01']);
    expect(summary.list.find((row) => row.code === 'P06-01')).toMatchObject({ overdue: false, statusUnverified: true, status: 'in_progress' });
    // The status recorded (taken out of the assumptions) but the end date still assumed: still unverified.
    const statusOnly = summariseProjects([project('P06-01', { assumptions: ['end_date', 'progress_percent'] })], '2026-01-31', today);
    expect(statusOnly.all.unverified.count).toBe(1);
    expect(statusOnly.all.overdue.count).toBe(0);
    // Both recorded: overdue as before.
    const recorded = summariseProjects([project('P06-01', { assumptions: ['progress_percent'] })], '2026-01-31', today);
    expect(recorded.all.unverified.count).toBe(0);
    expect(recorded.all.overdue.codes).toEqual(['P06-01']);
  });
});

describe('projectStateAsOf with assumed facts', () => {
  const assumed: ProjectDates = { status: 'in_progress', start_date: '2023-01-29', end_date: '2025-12-31', progress_percent: 0, assumptions: ['status', 'end_date'] };
  it('marks the status unverified and never overdue, on every date, while status or end date is assumed', () => {
    for (const date of [null, '2022-06-30', '2024-06-30', '2026-01-31', '2027-12-31']) {
      expect(projectStateAsOf(assumed, date, today), String(date)).toMatchObject({ statusUnverified: true, overdue: false });
    }
    expect(projectStateAsOf({ ...assumed, assumptions: ['status'] }, null, today)).toMatchObject({ statusUnverified: true, overdue: false });
    expect(projectStateAsOf({ ...assumed, assumptions: ['end_date'] }, null, today)).toMatchObject({ statusUnverified: true, overdue: false });
  });
  it('judges overdue as before once neither is assumed (or the list is absent)', () => {
    expect(projectStateAsOf({ ...assumed, assumptions: ['budget_ten_thousand_yuan'] }, null, today)).toEqual({ status: 'in_progress', progressPercent: 0, overdue: true, statusUnverified: false, recordedOn: null });
    const { assumptions: _dropped, ...withoutList } = assumed;
    expect(projectStateAsOf(withoutList, '2026-01-31', today)).toMatchObject({ overdue: true, statusUnverified: false });
    expect(projectStateAsOf({ ...withoutList, status: 'completed' }, null, today)).toMatchObject({ overdue: false, statusUnverified: false });
  });
  it('does not change the status, progress or which facilities open', () => {
    const recorded = { ...assumed, assumptions: [] };
    for (const date of [null, '2022-06-30', '2024-06-30', '2026-01-31']) {
      const { status, progressPercent } = projectStateAsOf(recorded, date, today);
      expect(projectStateAsOf(assumed, date, today), String(date)).toMatchObject({ status, progressPercent });
    }
  });
});

describe('projectStateAsOf with dated status reports', () => {
  const report = (reported_on: string, status: ProjectDates['status'], progress_percent: number, end_date = '2025-06-30') =>
    ({ reported_on, status, progress_percent, start_date: '2023-01-01', end_date, lead_unit: '城建中心（房管办）', source: 'schedule-import' as const });
  const project: ProjectDates = {
    status: 'completed', start_date: '2023-01-01', end_date: '2025-06-30', progress_percent: 100, assumptions: ['status', 'end_date'],
    status_reports: [report('2023-06-30', 'in_progress', 40), report('2024-03-31', 'on_hold', 45), report('2025-06-30', 'completed', 100)],
  };
  it('reads a past date from the latest report on or before it, as recorded, not inferred', () => {
    expect(projectStateAsOf(project, '2023-12-31', today)).toEqual({ status: 'in_progress', progressPercent: 40, overdue: false, statusUnverified: false, recordedOn: '2023-06-30' });
    expect(projectStateAsOf(project, '2024-03-31', today)).toMatchObject({ status: 'on_hold', progressPercent: 45, recordedOn: '2024-03-31' });
    expect(projectStateAsOf(project, '2025-07-01', today)).toMatchObject({ status: 'completed', progressPercent: 100, recordedOn: '2025-06-30' });
  });
  it('infers only before the first report, and holds the current record from today on', () => {
    const inferred = projectStateAsOf(project, '2023-06-29', today);
    expect(inferred).toMatchObject({ recordedOn: null, statusUnverified: true });
    expect(inferred.progressPercent).not.toBe(40);
    expect(projectStateAsOf(project, null, today)).toMatchObject({ status: 'completed', recordedOn: null });
    expect(projectStateAsOf(project, today, today)).toMatchObject({ status: 'completed', recordedOn: null });
  });
  it('keeps a report that copied an assumed status or end date unverified, and never overdue', () => {
    const copied = { ...report('2025-09-30', 'in_progress', 80, '2025-08-31'), assumptions: ['status', 'end_date'] };
    expect(projectStateAsOf({ ...project, status_reports: [copied] }, '2025-10-01', today)).toMatchObject({ status: 'in_progress', progressPercent: 80, overdue: false, statusUnverified: true, recordedOn: '2025-09-30' });
  });
  it('calls a recorded report overdue by its own end date', () => {
    const late = { ...project, status_reports: [report('2025-09-30', 'in_progress', 80, '2025-08-31')] };
    expect(projectStateAsOf(late, '2025-10-01', today)).toMatchObject({ status: 'in_progress', overdue: true, statusUnverified: false });
  });
  it('decides when a project\'s facility opens by the recorded completion', () => {
    const projects = new Map([['P09-02', project]]);
    const facility = { key: 'dining', openingYear: null, openedDate: null, projectCode: 'P09-02' };
    expect(decideFacilityOpen(facility, projects, '2024-12-31', today).open).toBe(false);
    expect(decideFacilityOpen(facility, projects, '2025-06-30', today).open).toBe(true);
  });
});

describe('decideFacilityOpen', () => {
  const completed: ProjectDates = { status: 'completed', start_date: '2023-01-29', end_date: '2025-06-30', progress_percent: 100 };
  const running: ProjectDates = { status: 'in_progress', start_date: '2023-01-29', end_date: '2025-12-31', progress_percent: 50 };
  const projects = new Map([['P09-02', completed], ['P13-01', running]]);
  const facility = (key: string, overrides: Partial<FacilityOpeningInput> = {}): FacilityOpeningInput => ({ key, openingYear: null, openedDate: null, projectCode: null, ...overrides });
  it('opens a project\'s facility on its end date once completed, and never for a running or missing project', () => {
    expect(decideFacilityOpen(facility('dining', { projectCode: 'P09-02' }), projects, '2025-06-29', today).open).toBe(false);
    expect(decideFacilityOpen(facility('dining', { projectCode: 'P09-02' }), projects, '2025-06-30', today)).toEqual({ open: true, openedDate: '2025-06-30', basis: 'project' });
    expect(decideFacilityOpen(facility('charging', { projectCode: 'P13-01' }), projects, '2026-12-31', today).open).toBe(false);
    expect(decideFacilityOpen(facility('gone', { projectCode: 'P99-01' }), projects, '2026-12-31', today).open).toBe(false);
  });
  it('uses a known date, then an opening year, else assumes the facility existed before 2022', () => {
    expect(decideFacilityOpen(facility('dated', { openedDate: '2024-03-01', projectCode: 'P13-01' }), projects, '2024-03-01', today).open).toBe(true);
    expect(decideFacilityOpen(facility('year', { openingYear: 2018 }), projects, '2017-12-31', today).open).toBe(false);
    expect(decideFacilityOpen(facility('old'), projects, '2022-01-01', today)).toEqual({ open: true, openedDate: null, basis: 'existed-before-2022' });
  });
  it('has every facility open in 2022 still open in 2026', () => {
    const facilities = [facility('a'), facility('b', { projectCode: 'P09-02' }), facility('c', { openingYear: 2024 }), facility('d', { projectCode: 'P13-01' })];
    const notOpen2022 = new Set(findFacilitiesNotOpen(facilities, projects, '2022-12-31', today));
    const notOpen2026 = new Set(findFacilitiesNotOpen(facilities, projects, '2026-12-31', today));
    expect([...notOpen2026].every((key) => notOpen2022.has(key))).toBe(true);
    expect([...notOpen2022].sort()).toEqual(['b', 'c', 'd']);
    expect([...notOpen2026]).toEqual(['d']);
  });
});

describe('renovation edits', () => {
  const current = editableValue(record('a'));
  it('names unknown and read-only fields', () => {
    expect(findUnknownFields({ colour: 1, households: 3, lifts: { height: 2 }, note: 'x' }).map((problem) => problem.field)).toEqual(['colour', 'households', 'lifts.height']);
  });
  it('refuses years out of range, negative counts, done without a year or in the future, years on not-planned works', () => {
    const check = (patch: Record<string, unknown>) => validateRenovationValue(mergeRenovationPatch(current, patch), 2026).problems.map((problem) => problem.field);
    expect(check({ comprehensiveRenovation: { year: 1999 } })).toEqual(['comprehensiveRenovation.year']);
    expect(check({ comprehensiveRenovation: { startYear: 2101 } })).toEqual(['comprehensiveRenovation.startYear']);
    expect(check({ lifts: { installed: -1 } })).toEqual(['lifts.installed']);
    expect(check({ lifts: { planned: 2.5 } })).toEqual(['lifts.planned']);
    expect(check({ lifts: { installed: 300, planned: 300 } })).toEqual(['lifts.planned']);
    expect(check({ comprehensiveRenovation: { year: null } })).toEqual(['comprehensiveRenovation.year']);
    expect(check({ comprehensiveRenovation: { year: 2027, startYear: 2026 } })).toEqual(['comprehensiveRenovation.year']);
    expect(check({ sewerSeparation: { status: 'not_planned' } })).toEqual(['sewerSeparation.year']);
    expect(check({ comprehensiveRenovation: { startYear: 2025 } })).toEqual(['comprehensiveRenovation.startYear']);
    expect(check({ comprehensiveRenovation: { status: 'finished' } })).toEqual(['comprehensiveRenovation.status']);
    expect(check({ source: 'rumour' })).toEqual(['source']);
    expect(check({ comprehensiveRenovation: { projectCodes: ['P 06'] } })).toEqual(['comprehensiveRenovation.projectCodes.0']);
    expect(check({ lifts: { installed: 4, planned: 0 }, comprehensiveRenovation: { status: 'in_progress', year: 2027 } })).toEqual([]);
  });
});

describe('CSV and dates', () => {
  it('writes RFC 4180 with a BOM and CRLF, quoting commas, quotes and line breaks, and defusing formulas', () => {
    expect(writeCsv(['名称', '数'], [['a,b', 1], ['say "hi"', null], ['line\nbreak', -2], ['=SUM(A1)', true]]))
      .toBe('\uFEFF名称,数\r\n"a,b",1\r\n"say ""hi""",\r\n"line\nbreak",-2\r\n\'=SUM(A1),是\r\n');
    expect(formatCsvField(Number.NaN)).toBe('');
    expect([formatCsvField('\t=1+2'), formatCsvField('\r=1'), formatCsvField('-3 户'), formatCsvField('潍坊四村')]).toEqual(["'\t=1+2", "\"'\r=1\"", "'-3 户", '潍坊四村']);
    expect(writeCsv(['小区名称'], [])).toBe('\uFEFF小区名称\r\n');
  });
  it('names a download in ASCII and in UTF-8', () => {
    expect(attachmentDisposition('lifecircle-estates-2024-12-31.csv', '潍坊新村-小区改造-2024-12-31.csv'))
      .toBe(`attachment; filename="lifecircle-estates-2024-12-31.csv"; filename*=UTF-8''${encodeURIComponent('潍坊新村-小区改造-2024-12-31.csv')}`);
  });
  it('accepts real dates only, and steps the current year at today', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(isValidIsoDate('1999-12-31')).toBe(false);
    expect(isValidIsoDate('2024-1-1')).toBe(false);
    expect(yearStepDate(2026, today)).toBe(today);
    expect(yearStepDate(2025, today)).toBe('2025-12-31');
    expect(yearStepDate(2027, today)).toBe('2027-12-31');
  });
});
