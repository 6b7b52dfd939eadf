import { todayInShanghai } from './as-of.ts';
import type { ProjectStatus } from './projects.ts';

/**
 * A project's state on a given date. Where someone recorded how the project stood on or before
 * that date (a status report: the editor, or the schedule workbook), the latest such report is
 * the answer, as recorded. Before a project's first report its state is inferred from its dates
 * and current status (and the UI says so): before its start date a project is planned; between
 * start and end it is in progress unless it is recorded as planned or on hold; from its end date
 * on it has its recorded status. A project past its end date and not completed is overdue. Pure:
 * shared by the server and the client.
 *
 * A project whose status or end date is itself an assumption (listed in `assumptions`, as every
 * seeded project's is) has an unverified status: nobody has recorded how it stands, so it is
 * never called overdue; it is reported as unverified instead, until a person records the status
 * and the end date (an edit takes the field out of `assumptions`).
 */

/** How a project stood on a day, as a person recorded it (project_status_report). */
export interface ProjectStatusReport {
  reported_on: string;
  status: ProjectStatus;
  progress_percent: number;
  start_date: string;
  end_date: string;
  lead_unit: string;
  source: 'editor' | 'schedule-import';
  /** Which of its figures were still assumptions when it was recorded. */
  assumptions?: readonly string[];
}

export interface ProjectDates {
  status: ProjectStatus;
  start_date: string;
  end_date: string;
  progress_percent: number;
  /** The fields that are assumptions, not records (the registry's `assumptions`); absent: none. */
  assumptions?: readonly string[];
  /** The dated reports, oldest first; absent or empty: nothing recorded, every past state is inferred. */
  status_reports?: readonly ProjectStatusReport[];
}

/** The assumed fields that make a project's status, and so whether it is overdue, unverified. */
export const statusEvidenceFields = ['status', 'end_date'] as const;

/** Whether a project's status (or the end date it is judged against) is an assumption nobody has recorded. */
export function isStatusUnverified(project: Pick<ProjectDates, 'assumptions'>): boolean {
  return (project.assumptions ?? []).some((field) => (statusEvidenceFields as readonly string[]).includes(field));
}

export interface ProjectStateAsOf {
  status: ProjectDates['status'];
  /** Progress on that date: the recorded figure from the end date on, else a straight line from the start. */
  progressPercent: number;
  /** Past its end date on that date and not completed; never for a project whose status is unverified. */
  overdue: boolean;
  /** The status (or the end date) is an assumption: shown as 待核实, not as overdue. */
  statusUnverified: boolean;
  /** The day of the report the state was read from; null when it was inferred or is the current record. */
  recordedOn: string | null;
}

/** The latest report on or before `date` (reports are oldest first; a later one of the same day wins). */
export function findStatusReport(reports: readonly ProjectStatusReport[] | undefined, date: string): ProjectStatusReport | null {
  let found: ProjectStatusReport | null = null;
  for (const report of reports ?? []) if (report.reported_on <= date) found = report;
  return found;
}

/** `asOf` is YYYY-MM-DD (ISO dates compare as strings); null means today, as recorded. */
export function projectStateAsOf(project: ProjectDates, asOf: string | null, today: string = todayInShanghai()): ProjectStateAsOf {
  if (asOf !== null && asOf < today) {
    const report = findStatusReport(project.status_reports, asOf);
    if (report) {
      // A report that copied an assumed status or end date (an editor changed only the progress) does not verify them.
      const statusUnverified = isStatusUnverified(report);
      return {
        status: report.status, progressPercent: report.progress_percent,
        overdue: report.status !== 'completed' && report.end_date < asOf && !statusUnverified, statusUnverified, recordedOn: report.reported_on,
      };
    }
  }
  const state = inferProjectState(project, asOf, today);
  const statusUnverified = isStatusUnverified(project);
  return { ...state, overdue: state.overdue && !statusUnverified, statusUnverified, recordedOn: null };
}

function inferProjectState(project: ProjectDates, asOf: string | null, today: string): Omit<ProjectStateAsOf, 'statusUnverified' | 'recordedOn'> {
  const date = asOf ?? today;
  const recorded = project.status;
  if (asOf === null || date >= today) {
    return { status: recorded, progressPercent: project.progress_percent, overdue: recorded !== 'completed' && project.end_date < date };
  }
  if (date < project.start_date) return { status: 'planned', progressPercent: 0, overdue: false };
  if (date >= project.end_date) {
    // Finished by then only if it is recorded as completed; otherwise it was running late.
    const status = recorded === 'completed' ? 'completed' : recorded === 'planned' ? 'planned' : recorded;
    const progressPercent = recorded === 'completed' ? 100 : Math.min(project.progress_percent, linearProgress(project, date));
    return { status, progressPercent, overdue: status !== 'completed' && project.end_date < date };
  }
  const status = recorded === 'planned' || recorded === 'on_hold' ? recorded : 'in_progress';
  const ceiling = recorded === 'completed' ? 100 : project.progress_percent;
  return { status, progressPercent: status === 'in_progress' ? Math.min(ceiling, linearProgress(project, date)) : 0, overdue: false };
}

function linearProgress(project: ProjectDates, date: string): number {
  const start = Date.parse(project.start_date);
  const end = Date.parse(project.end_date);
  const at = Date.parse(date);
  if (!(end > start)) return at >= end ? 100 : 0;
  return Math.round(Math.max(0, Math.min(1, (at - start) / (end - start))) * 100);
}
