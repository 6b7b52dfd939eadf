import { batch } from '@preact/signals';
import { asOfDate } from './as-of-state.ts';
import { asOfDateOfYear } from './as-of-years.ts';
import { runCoverage } from './coverage-actions.ts';
import { coverageStatus } from './coverage-state.ts';

/** The only functions that change the leaders' view and the dashboard's as-of date. */

/**
 * Sets the date the whole dashboard shows to the end of a year (today for the current year):
 * the leaders' figures, the renovation map, the open facilities and the coverage follow it.
 */
export function setAsOfYear(year: number): void {
  setAsOfDate(asOfDateOfYear(year));
}

export function setAsOfDate(date: string | null): void {
  if (date === asOfDate.peek()) return;
  batch(() => {
    asOfDate.value = date;
  });
  // The life-circle answer on screen is for the old date: asked again only if it was asked at all.
  if (coverageStatus.peek() !== 'idle') void runCoverage();
}
