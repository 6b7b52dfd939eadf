import { projectStateAsOf, type ProjectDates } from '../contract/vocabulary/project-state-as-of.ts';
import type { ProjectFigures, ProjectStateRow, ProjectsSummary } from '../contract/summary.ts';
import { projectActions, projectItems, type ProjectActionKey } from '../contract/vocabulary/projects.ts';

export interface ProjectInput extends ProjectDates {
  code: string;
  title_zh: string;
  action: ProjectActionKey;
  item: number;
  lead_unit: string;
  assumptions: string[];
}

/** Each project's state on the date (projectStateAsOf), in code order. Pure. */
export function listProjectStates(projects: ProjectInput[], asOf: string, today: string): ProjectStateRow[] {
  return [...projects]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((project) => {
      const state = projectStateAsOf(project, asOf, today);
      return {
        code: project.code, titleZh: project.title_zh, action: project.action, item: project.item, leadUnit: project.lead_unit,
        startDate: project.start_date, endDate: project.end_date, recordedStatus: project.status,
        status: state.status, progressPercent: state.progressPercent, overdue: state.overdue, statusUnverified: state.statusUnverified,
        recordedOn: state.recordedOn,
        assumptions: project.assumptions,
      };
    });
}

/**
 * Counts by status, mean progress, overdue and unverified (status or end date assumed: not
 * counted overdue, since nobody recorded how it stands), with the codes behind each number. Pure.
 */
export function summariseProjectStates(rows: ProjectStateRow[]): ProjectFigures {
  const byStatus = {
    planned: { count: 0, codes: [] as string[] }, in_progress: { count: 0, codes: [] as string[] },
    completed: { count: 0, codes: [] as string[] }, on_hold: { count: 0, codes: [] as string[] },
  };
  const overdue = { count: 0, codes: [] as string[] };
  const unverified = { count: 0, codes: [] as string[] };
  const recorded = { count: 0, codes: [] as string[] };
  let progress = 0;
  for (const row of rows) {
    byStatus[row.status].count += 1;
    byStatus[row.status].codes.push(row.code);
    if (row.overdue) {
      overdue.count += 1;
      overdue.codes.push(row.code);
    }
    if (row.statusUnverified) {
      unverified.count += 1;
      unverified.codes.push(row.code);
    }
    if (row.recordedOn !== null) {
      recorded.count += 1;
      recorded.codes.push(row.code);
    }
    progress += row.progressPercent;
  }
  return {
    total: rows.length,
    codes: rows.map((row) => row.code),
    byStatus,
    averageProgressPercent: rows.length > 0 ? Math.round((progress / rows.length) * 10) / 10 : 0,
    overdue,
    unverified,
    recorded,
  };
}

/** The plan's six actions and sixteen items, and the lead units, on a date. Pure. */
export function summariseProjects(projects: ProjectInput[], asOf: string, today: string): ProjectsSummary {
  const list = listProjectStates(projects, asOf, today);
  const byAction = projectActions.map((action) => ({
    action: action.key, nameZh: action.nameZh, nameEn: action.nameEn,
    ...summariseProjectStates(list.filter((row) => row.action === action.key)),
    items: action.items.map((item) => ({
      item, nameZh: projectItems[item].nameZh, nameEn: projectItems[item].nameEn,
      ...summariseProjectStates(list.filter((row) => row.item === item)),
    })),
  }));
  const units = [...new Set(list.map((row) => row.leadUnit))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const byLeadUnit = units.map((leadUnit) => ({ leadUnit, ...summariseProjectStates(list.filter((row) => row.leadUnit === leadUnit)) }));
  return { all: summariseProjectStates(list), byAction, byLeadUnit, list };
}
