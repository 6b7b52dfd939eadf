/** Splits table rows into A4 pages; an empty list still gives one (empty) page, so every section is there. */
export function chunk<T>(rows: T[], size: number): T[][] {
  if (!(size >= 1)) throw new RangeError(`rows per page must be at least 1, not ${size}`);
  if (rows.length === 0) return [[]];
  const pages: T[][] = [];
  for (let index = 0; index < rows.length; index += size) pages.push(rows.slice(index, index + size));
  return pages;
}
