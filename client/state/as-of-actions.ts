import { asOfDate } from './as-of-state.ts';
import { asOfDateOfYear } from '../model/as-of-years.ts';
import { followAsOfDate as followAsOfDateInCoverage } from './coverage-actions.ts';
import { followAsOfDateInLeadersView } from './leaders-actions.ts';

/**
 * The only functions that change the date the whole dashboard shows. The date is the
 * dashboard's, not one panel's: the leaders' figures, the renovation map, the projects' states,
 * the open facilities and the coverage all follow it, each told here.
 */

/** Sets the date to the end of a year (today for the current year), as the time slider does. */
export function setAsOfYear(year: number): void {
  setAsOfDate(asOfDateOfYear(year));
}

/** Sets the date (YYYY-MM-DD; null: today, as recorded). */
export function setAsOfDate(date: string | null): void {
  if (date === asOfDate.peek()) return;
  asOfDate.value = date;
  // Which facilities are open follows the date everywhere, so the summary is read for any date.
  followAsOfDateInLeadersView();
  // The life-circle answers on screen are for the old date: asked again only if asked at all.
  followAsOfDateInCoverage();
}
