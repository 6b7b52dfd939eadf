import type { CoverageHeadline, CoverageYear, FacilitiesSummary, LeadersSummary } from '../contract/summary.ts';
import { firstSliderYear, lastSliderYear, todayInShanghai, yearStepDate } from '../contract/vocabulary/as-of.ts';
import { walkingSpeeds } from '../contract/vocabulary/walking.ts';
import type { Database } from '../db/database.ts';
import { decideFacilityOpen, findFacilitiesNotOpen } from '../facility-openings/decide-facility-open.ts';
import { mapProjectsByCode } from '../facility-openings/read-facilities-not-open.ts';
import { readFacilityInputs, readProjectInputs, type FacilityInput } from '../queries/summary-inputs.ts';
import { listRenovationRecords } from '../queries/renovation.ts';
import { summariseRenovation } from '../renovation/summarise-renovation.ts';
import type { WalkingAnalysis } from '../services/walking-analysis.ts';
import { summariseProjects, type ProjectInput } from './summarise-projects.ts';

/**
 * The summary of one date (the leaders' view and its report), put together from the registries (renovation records, projects,
 * facility openings) and the walking analysis. Not pure: it reads the database; the figures come
 * from the pure functions beside it. Coverage is the walking analysis's own answer over the
 * facilities open on the date, cached there by the set of facilities left out.
 */

/** The question the summary's figures and the coverage export ask: the network walk at the standard speed, without placeholders, as the life-circle panel does by default. */
export const summaryCoverageQuestion = { mode: 'network' as const, speedMetresPerSecond: walkingSpeeds.standardMetresPerSecond, includePlaceholders: false };

async function coverageHeadline(analysis: WalkingAnalysis, excludedFacilityKeys: string[]): Promise<CoverageHeadline> {
  const coverage = await analysis.coverage({ ...summaryCoverageQuestion, excludedFacilityKeys });
  const essentialTypes = new Set(coverage.byGroup.flatMap((group) => group.facilityTypes));
  return {
    groups: coverage.byGroup.map(({ key, nameZh, nameEn, residentsShare, elderlyShare, hasData }) => ({ key, nameZh, nameEn, residentsShare, elderlyShare, hasData })),
    allEssentials: { residentsShare: coverage.allEssentials.residentsShare, elderlyShare: coverage.allEssentials.elderlyShare, hasData: coverage.allEssentials.hasData },
    facilitiesCounted: coverage.byType.reduce((sum, type) => sum + type.facilityCount, 0),
    essentialTypes: { withData: coverage.byType.filter((type) => essentialTypes.has(type.facilityType) && type.hasData).length, total: essentialTypes.size },
  };
}

export const summaryAssumptions = [
  { zh: '小区改造记录（综合整新、雨污分流、成套改造、加装电梯）没有调查数据：状态与年份按行动计划文本和项目登记假设，标为“假设”，请以房管办台账替换。', en: 'No survey of renovation exists: statuses and years are assumed from the action plan text and the project registry, marked "assumed"; replace with the housing office\'s records.' },
  { zh: '某日的状态由年份推断：记为某年完成的，视为当年12月31日完成、开工年1月1日起实施；今天及以后按登记状态。', en: 'States on a date are inferred from years: works done in year Y count as done from 31 December Y and in progress from 1 January of the start year; from today on the recorded status holds.' },
  { zh: '项目某日的状态：有截至当日的进度记录（编辑或进度填报表所填，注明填报日期）的，按最近一次记录；没有的，由其起止日期与登记状态推断（projectStateAsOf）。种子项目的状态、日期、进度均为假设。状态或完成日期为假设的项目标为“状态待核实”（报告中以 * 标注），不计为逾期，直到有人登记。', en: 'A project\'s state on a date is its latest progress report by that day (from the editor or the schedule workbook, dated by its report day) where there is one, else inferred from its dates and recorded status (projectStateAsOf). The seed projects\' statuses, dates and progress are assumptions. A project whose status or end date is assumed is marked "status not verified" (* in the report) and not counted overdue until someone records them.' },
  { zh: '未列出开放日期的设施假设在2022年前已存在，改造中的既有设施（如养老院）假设照常开放；行动计划新增的设施（社会餐桌、充电点、文明实践点、沿岸公园等）在其项目完成时开放。不指定日期时，各页面均按今天开放的设施计算。', en: 'Facilities without an opening date are assumed to have existed before 2022, and existing ones under renovation (the care home) to stay open; facilities the plan adds open when their project completes. Without a date, every screen counts the facilities open today.' },
  { zh: '生活圈覆盖按步行网络、1.0米/秒计算，不计示意设施，与“生活圈”面板一致。', en: 'Coverage walks the network at 1.0 m/s without placeholder facilities, as the life-circle panel does.' },
];

/** Coverage year by year, and which projects' facilities opened in each year. */
async function coverageByYear(analysis: WalkingAnalysis, facilities: FacilityInput[], projects: ProjectInput[], today: string): Promise<CoverageYear[]> {
  const projectsByCode = mapProjectsByCode(projects);
  const titles = new Map(projects.map((project) => [project.code, project.title_zh]));
  const years: CoverageYear[] = [];
  let previousNotOpen = new Set(findFacilitiesNotOpen(facilities, projectsByCode, `${firstSliderYear - 1}-12-31`, today));
  for (let year = firstSliderYear; year <= lastSliderYear(today); year += 1) {
    const date = yearStepDate(year, today);
    const notOpen = findFacilitiesNotOpen(facilities, projectsByCode, date, today);
    const notOpenSet = new Set(notOpen);
    const opened = facilities.filter((facility) => previousNotOpen.has(facility.key) && !notOpenSet.has(facility.key));
    const byProject = new Map<string, string[]>();
    const withoutProject: string[] = [];
    for (const facility of opened) {
      if (facility.projectCode && facility.openedDate === null) byProject.set(facility.projectCode, [...(byProject.get(facility.projectCode) ?? []), facility.key]);
      else withoutProject.push(facility.key);
    }
    const headline = await coverageHeadline(analysis, notOpen);
    years.push({
      year, date, groups: headline.groups, allEssentials: headline.allEssentials,
      openedProjects: [...byProject.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, facilityKeys]) => ({ code, titleZh: titles.get(code) ?? code, facilityKeys })),
      openedFacilityKeys: withoutProject,
    });
    previousNotOpen = notOpenSet;
  }
  return years;
}

export async function computeSummary(database: Database, analysis: WalkingAnalysis, asOf: string, today = todayInShanghai()): Promise<LeadersSummary> {
  const startedAt = performance.now();
  const [records, projects, facilities] = await Promise.all([listRenovationRecords(database), readProjectInputs(database), readFacilityInputs(database)]);
  const projectsByCode = mapProjectsByCode(projects);
  const openings = facilities.map((facility) => ({ facility, opening: decideFacilityOpen(facility, projectsByCode, asOf, today) }));
  const notOpenKeys = openings.filter(({ opening }) => !opening.open).map(({ facility }) => facility.key).sort();
  const facilitiesSummary: FacilitiesSummary = {
    total: facilities.length,
    openCount: facilities.length - notOpenKeys.length,
    notOpenKeys,
    projectFacilities: openings
      .filter(({ facility }) => facility.projectCode !== null || facility.openedDate !== null || facility.openingYear !== null)
      .map(({ facility, opening }) => ({
        facilityKey: facility.key, name: facility.name, facilityType: facility.facilityType, projectCode: facility.projectCode,
        open: opening.open, openedDate: opening.openedDate, placeholder: facility.placeholder,
      })),
  };
  const [coverage, byYear] = await Promise.all([coverageHeadline(analysis, notOpenKeys), coverageByYear(analysis, facilities, projects, today)]);
  return {
    asOf,
    today,
    inferred: asOf < today,
    renovation: summariseRenovation(records, asOf, today),
    projects: summariseProjects(projects, asOf, today),
    facilities: facilitiesSummary,
    coverage,
    coverageByYear: byYear,
    assumptions: summaryAssumptions,
    computedMilliseconds: Math.round((performance.now() - startedAt) * 10) / 10,
  };
}
