import { firstSliderYear, lastSliderYear, todayInShanghai } from '../../server/contract/vocabulary/as-of.ts';

export { firstSliderYear, lastSliderYear };
/** Whether an address's ?asOf= is a date the server accepts: the vocabulary's one date check; anything else is ignored rather than opening on a 400. */
export { isValidIsoDate as isAcceptedAsOfDate } from '../../server/contract/vocabulary/as-of.ts';

/** `&asOf=…` (or `?asOf=…`) for a date; nothing for null, which the server takes as today in Shanghai, so answers for today stay shared. */
export function asOfParameter(asOf: string | null, separator: '?' | '&' = '&'): string {
  return asOf === null ? '' : `${separator}asOf=${encodeURIComponent(asOf)}`;
}

/**
 * The time slider's years and the date each one means. Pure, so the unit tests can check it.
 * A past year means its last day (what was done by the end of it); the current year means
 * today, as recorded; a later year means the end of that year, as planned.
 */

export function sliderYears(today: string = todayInShanghai()): number[] {
  return Array.from({ length: lastSliderYear(today) - firstSliderYear + 1 }, (_, index) => firstSliderYear + index);
}

/** The as-of date a slider year stands for: null for the current year (today, as recorded). */
export function asOfDateOfYear(year: number, today: string = todayInShanghai()): string | null {
  const currentYear = Number(today.slice(0, 4));
  if (year === currentYear) return null;
  return `${year}-12-31`;
}

/** The date shown beside the slider: the as-of date itself, or today when it is null. */
export function shownDate(asOf: string | null, today: string = todayInShanghai()): string {
  return asOf ?? today;
}

/** The slider year of an as-of date (its calendar year), kept within the slider's range. */
export function sliderYearOfDate(asOf: string | null, today: string = todayInShanghai()): number {
  const year = Number((asOf ?? today).slice(0, 4));
  return Math.min(lastSliderYear(today), Math.max(firstSliderYear, year));
}
