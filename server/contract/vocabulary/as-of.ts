/**
 * The dates the dashboard shows: which dates are accepted, today in Shanghai, and the years of
 * the time slider. Zod-free, so the client imports it at run time; the server's asOf query
 * schema (server/as-of/) and every other date check build on `isValidIsoDate`.
 */

/** The years a date or a recorded year may fall in, on both sides of the API. */
export const acceptedYears = { minimum: 2000, maximum: 2100 } as const;

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day YYYY-MM-DD between 2000-01-01 and 2100-12-31. */
export function isValidIsoDate(text: string): boolean {
  const match = isoDatePattern.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= acceptedYears.minimum && year <= acceptedYears.maximum && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today in Shanghai (UTC+8) as YYYY-MM-DD. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** An instant (ISO 8601) as the minute it was in Shanghai, YYYY-MM-DD HH:MM: how the office reads a record's time. */
export function minuteInShanghai(instant: string): string {
  const time = new Date(instant).getTime();
  return Number.isNaN(time) ? instant : new Date(time + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The years the time slider and the leaders' yearly steps go through. The first is fixed (the
 * plan's baseline); the last is 2026 or the current year in Shanghai, whichever is later, so
 * the slider always has a position for today.
 */
export const firstSliderYear = 2022;
export function lastSliderYear(today: string = todayInShanghai()): number {
  return Math.max(2026, Number(today.slice(0, 4)));
}

/** The end of `year`, or today when the year is the current one (the coverage-by-year steps). */
export function yearStepDate(year: number, today: string): string {
  const end = `${year}-12-31`;
  return end > today && today.startsWith(String(year)) ? today : end;
}
