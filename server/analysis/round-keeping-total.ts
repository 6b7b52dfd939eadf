/**
 * Whole numbers for shares of a total (residents spread over cells), rounded so that they still
 * add up to the rounded total: each is rounded down, and the units left over go to the largest
 * remainders. Plain rounding of a few hundred cells can miss the total by dozens of residents,
 * and a summary that disagrees with its own cells reads as an error.
 */
export function roundKeepingTotal(values: readonly number[]): number[] {
  const rounded = values.map(Math.floor);
  const leftOver = Math.round(values.reduce((sum, value) => sum + value, 0)) - rounded.reduce((sum, value) => sum + value, 0);
  const byRemainder = values.map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (let given = 0; given < leftOver && given < byRemainder.length; given++) rounded[byRemainder[given].index] += 1;
  return rounded;
}
