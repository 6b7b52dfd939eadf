import { describe, expect, it } from 'vitest';
import { roundKeepingTotal } from '../../../server/analysis/round-keeping-total.ts';

describe('roundKeepingTotal', () => {
  it('gives whole numbers that add up to the rounded total, the leftover to the largest remainders', () => {
    // Plain rounding gives 0 + 0 + 0 = 0 for a total of 1.2.
    expect(roundKeepingTotal([0.4, 0.4, 0.4])).toEqual([1, 0, 0]);
    expect(roundKeepingTotal([10.2, 5.7, 3.1])).toEqual([10, 6, 3]);
    const spread = Array.from({ length: 300 }, (_, index) => 12_000 / 300 + Math.sin(index) * 0.49);
    const rounded = roundKeepingTotal(spread);
    expect(rounded.every(Number.isInteger)).toBe(true);
    expect(rounded.reduce((sum, value) => sum + value, 0)).toBe(Math.round(spread.reduce((sum, value) => sum + value, 0)));
    expect(rounded.every((value, index) => Math.abs(value - spread[index]) < 1)).toBe(true);
  });

  it('keeps whole numbers and zeros as they are', () => {
    expect(roundKeepingTotal([3, 0, 7])).toEqual([3, 0, 7]);
    expect(roundKeepingTotal([])).toEqual([]);
  });
});
