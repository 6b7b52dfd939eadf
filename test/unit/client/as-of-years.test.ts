import { describe, expect, it } from 'vitest';
import { asOfDateOfYear, asOfParameter, firstSliderYear, isAcceptedAsOfDate, lastSliderYear, shownDate, sliderYearOfDate, sliderYears } from '../../../client/model/as-of-years.ts';
import * as sharedAsOf from '../../../server/contract/vocabulary/as-of.ts';

describe('the time slider: a year and the date it means', () => {
  const today = '2026-11-27';

  it('offers 2022 to 2026', () => {
    expect(sliderYears(today)).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect([firstSliderYear, lastSliderYear(today)]).toEqual([2022, 2026]);
  });

  it('always has a position for the current year: from 2027 the last year is the current one', () => {
    expect(lastSliderYear('2027-03-01')).toBe(2027);
    expect(sliderYears('2028-01-01')).toEqual([2022, 2023, 2024, 2025, 2026, 2027, 2028]);
    expect(sliderYearOfDate(null, '2028-06-30')).toBe(2028);
    expect(asOfDateOfYear(lastSliderYear('2028-06-30'), '2028-06-30')).toBeNull();
  });

  it('takes its years from the one zod-free shared module, not a copy', () => {
    expect(firstSliderYear).toBe(sharedAsOf.firstSliderYear);
    expect(lastSliderYear).toBe(sharedAsOf.lastSliderYear);
  });

  it('accepts from an address only a real date between 2000-01-01 and 2100-12-31', () => {
    for (const good of ['2024-12-31', '2024-02-29', '2000-01-01', '2100-12-31']) expect(isAcceptedAsOfDate(good), good).toBe(true);
    for (const bad of ['2024-02-30', '2023-02-29', '2024-04-31', '1999-12-31', '0001-01-01', '2101-01-01', '2024-13-01', '2024-00-10', '2024-1-01', ' 2024-12-31', '2024-12-31x', ''])
      expect(isAcceptedAsOfDate(bad), bad).toBe(false);
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
