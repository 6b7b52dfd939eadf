import type { RenovationStatus } from '../contract/vocabulary/renovation.ts';

/**
 * The state of one kind of works (综合整新, 成套改造, 雨污分流) on a date. The record keeps only
 * the current status and two years, so an earlier state is inferred: works recorded as done in
 * year Y (started in S, else Y) were planned before 1 January S, in progress until 30 December Y
 * and done from 31 December Y; works in progress were planned before their start year; planned
 * and not-planned works are what they are. From today on the recorded status holds. Pure.
 */
export function renovationStatusAsOf(
  work: { status: RenovationStatus; startYear: number | null; year: number | null },
  asOf: string,
  today: string,
): RenovationStatus {
  if (asOf >= today) return work.status;
  if (work.status === 'done') {
    if (work.year === null) return 'done';
    if (asOf >= `${work.year}-12-31`) return 'done';
    return asOf >= `${work.startYear ?? work.year}-01-01` ? 'in_progress' : 'planned';
  }
  if (work.status === 'in_progress') {
    return work.startYear !== null && asOf < `${work.startYear}-01-01` ? 'planned' : 'in_progress';
  }
  return work.status;
}
