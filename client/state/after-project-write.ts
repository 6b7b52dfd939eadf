import { followAsOfDate } from './coverage-actions.ts';
import { loadLeadersSummary } from './leaders-actions.ts';
import { leadersStatus } from './leaders-state.ts';
import { reloadProjects } from './project-actions.ts';

/**
 * A project's status, dates and the facility it adds change the leaders' counts (待核实, overdue,
 * facilities open) and the coverage: after any project write (the editor, a restore, the
 * schedule workbook) both are read again, if they were read at all, and the projects (with the
 * selected one's history) too.
 */
export async function readAgainAfterProjectWrite(): Promise<void> {
  if (leadersStatus.peek() !== 'idle') void loadLeadersSummary();
  followAsOfDate();
  await reloadProjects().catch(() => undefined);
}
