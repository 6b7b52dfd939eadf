import { describe, expect, it } from 'vitest';
import { asOfDateOfYear, asOfParameter, firstSliderYear, lastSliderYear, shownDate, sliderYearOfDate, sliderYears } from '../../../client/state/as-of-years.ts';

describe('the time slider: a year and the date it means', () => {
  const today = '2026-11-27';

  it('offers 2022 to 2026', () => {
    expect(sliderYears()).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect([firstSliderYear, lastSliderYear]).toEqual([2022, 2026]);
  });

  it('means the last day of a past year, today for the current year, the end of a later year', () => {
    expect(asOfDateOfYear(2022, today)).toBe('2022-12-31');
    expect(asOfDateOfYear(2025, today)).toBe('2025-12-31');
    expect(asOfDateOfYear(2026, today)).toBeNull();
    expect(asOfDateOfYear(2026, '2025-03-01')).toBe('2026-12-31');
    expect(asOfDateOfYear(2025, '2025-03-01')).toBeNull();
  });

  it('shows today when the date is null, and finds the year of a date within the range', () => {
    expect(shownDate(null, today)).toBe(today);
    expect(shownDate('2023-12-31', today)).toBe('2023-12-31');
    expect(sliderYearOfDate(null, today)).toBe(2026);
    expect(sliderYearOfDate('2023-12-31', today)).toBe(2023);
    expect(sliderYearOfDate('2019-05-01', today)).toBe(2022);
    expect(sliderYearOfDate('2030-01-01', today)).toBe(2026);
  });

  it('adds asOf to a query only for a date other than today', () => {
    expect(asOfParameter(null)).toBe('');
    expect(asOfParameter('2024-12-31')).toBe('&asOf=2024-12-31');
    expect(asOfParameter('2024-12-31', '?')).toBe('?asOf=2024-12-31');
  });
});
