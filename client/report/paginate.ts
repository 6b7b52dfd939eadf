/** Splits table rows into A4 pages; an empty list still gives one (empty) page, so every section is there. */
export function chunk<T>(rows: T[], size: number): T[][] {
  if (!(size >= 1)) throw new RangeError(`rows per page must be at least 1, not ${size}`);
  if (rows.length === 0) return [[]];
  const pages: T[][] = [];
  for (let index = 0; index < rows.length; index += size) pages.push(rows.slice(index, index + size));
  return pages;
}

/**
 * For a laid-out A4 page that runs into its footer, how many of its table rows fit: the rows are
 * dropped from the end until the overflow is gone. Null when the page fits as it is.
 */
export function rowsThatFit(page: HTMLElement): number | null {
  const footer = page.querySelector('.report-footer')!.getBoundingClientRect();
  const content = [...page.children].filter((child) => !child.classList.contains('report-footer'));
  const overflow = Math.max(...content.map((child) => child.getBoundingClientRect().bottom)) - footer.top;
  if (overflow <= 0) return null;
  const rows = [...page.querySelectorAll('tbody tr')];
  let dropped = 0;
  for (let removedHeight = 0; dropped < rows.length && removedHeight < overflow; dropped++) {
    removedHeight += rows[rows.length - 1 - dropped].getBoundingClientRect().height;
  }
  return Math.max(1, rows.length - dropped);
}
