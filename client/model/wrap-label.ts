/**
 * A chart label split into lines no wider than `maxEms` (the font size), so that it is shown whole
 * instead of cut: "公共绿地（≥3000㎡）" → ["公共绿地", "（≥3000㎡）"]. Chinese, full-width and
 * other wide characters take one em, the rest about 0.6. Lines break before a bracket or after a
 * space where one is near, else between any two Chinese characters; a word longer than a line
 * is split. Joined together (with the spaces broken at), the lines are the label again.
 */
export function wrapLabel(text: string, maxEms: number): string[] {
  const characters = Array.from(text.trim());
  const lines: string[] = [];
  let start = 0;
  while (start < characters.length) {
    const end = lineEnd(characters, start, maxEms);
    lines.push(characters.slice(start, end).join('').trim());
    start = end;
    while (characters[start] === ' ') start += 1;
  }
  return lines;
}

/** The width of a character in ems, roughly: wide (CJK, full-width forms, ㎡, and ≥ ≤ as Chinese fonts draw them) or not. */
export function emsOfCharacter(character: string): number {
  return /[≥≤\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u3000-\u33ff]|[\u{20000}-\u{3fffd}]/u.test(character) ? 1 : 0.6;
}

/** Where the line that starts at `start` ends (exclusive): the last good break that fits. */
function lineEnd(characters: string[], start: number, maxEms: number): number {
  let width = 0;
  let end = start;
  while (end < characters.length && (end === start || width + emsOfCharacter(characters[end]) <= maxEms)) {
    width += emsOfCharacter(characters[end]);
    end += 1;
  }
  if (end === characters.length) return end;
  // Break before an opening bracket or after a space.
  for (let candidate = end; candidate > start + 1; candidate -= 1) {
    if (/[（(［[【]/.test(characters[candidate]) || characters[candidate - 1] === ' ') return candidate;
  }
  // Chinese text breaks between any two characters, but never before closing punctuation; a
  // Latin word only where nothing better is.
  for (let candidate = end; candidate > start; candidate -= 1) {
    const wide = emsOfCharacter(characters[candidate - 1]) === 1 || emsOfCharacter(characters[candidate]) === 1;
    if (wide && !/[）)］\]】，。、：；！？]/.test(characters[candidate])) return candidate;
  }
  return end;
}

export interface ChartRow {
  /** The label's lines (wrapLabel), top to bottom. */
  lines: string[];
  /** From the chart's top, in the chart's units. */
  top: number;
  height: number;
  bottom: number;
}

/**
 * The rows of a bar chart with labels that wrap: each row is `minimumHeight` tall, or taller
 * to hold its label's lines `lineHeight` apart, and starts where the one above ends.
 */
export function layOutChartRows(labels: string[], maxEms: number, { lineHeight = 12, minimumHeight = 18 } = {}): ChartRow[] {
  const rows: ChartRow[] = [];
  for (const label of labels) {
    const lines = wrapLabel(label, maxEms);
    const top = rows.at(-1)?.bottom ?? 0;
    const height = Math.max(minimumHeight, lines.length * lineHeight + 6);
    rows.push({ lines, top, height, bottom: top + height });
  }
  return rows;
}
