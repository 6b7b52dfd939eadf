import type { Colour } from './palette.ts';
import { minuteBandColours } from './coverage-colours.ts';

/**
 * Colours of the gap heat map, shared by its layer and its legend: the walking-time bands of the
 * estates' colouring (greens within 5 and 10 minutes, amber to 15, red beyond), and a dark grey
 * for cells from which no counted facility is reachable, or none is known: "no data" must not
 * read as a short walk. Cells with residents are drawn stronger than empty ones (streets, parks,
 * the river), so that the eye goes where people live.
 */
export const hexGapSteps = minuteBandColours.map(({ upToMinutes, colour, css }) => ({ upToMinutes, rgb: colour.slice(0, 3) as [number, number, number], css }));
export const hexUnreachable = { rgb: [96, 96, 104] as [number, number, number], css: 'rgb(96,96,104)' };

/** Alpha of a cell with residents, and of a cell without (still drawn: a gap there matters less, but is real). */
export const hexAlphaWithResidents = 200;
export const hexAlphaWithoutResidents = 80;

/** The fill of one cell: its band's colour, or grey where unreachable; stronger where residents live. */
export function colourOfHexCell(walkMinutes: number | null, residents: number): Colour {
  const alpha = residents > 0 ? hexAlphaWithResidents : hexAlphaWithoutResidents;
  if (walkMinutes === null) return [...hexUnreachable.rgb, alpha];
  const step = hexGapSteps.find((candidate) => walkMinutes <= candidate.upToMinutes) ?? hexGapSteps[hexGapSteps.length - 1];
  return [...step.rgb, alpha];
}

export interface HexLegendEntry {
  /** The band's upper bound in minutes; Infinity for "over 15"; null for unreachable / no data. */
  upToMinutes: number | null;
  css: string;
  /** Residents (estimated) of the cells in the band, from the answer. */
  residents: number;
}

/** The legend's rows: each band with the residents of its cells, then unreachable / no data. */
export function describeHexLegend(cells: readonly { walkMinutes: number | null; residents: number }[]): HexLegendEntry[] {
  const entries: HexLegendEntry[] = [...hexGapSteps.map((step) => ({ upToMinutes: step.upToMinutes, css: step.css, residents: 0 })), { upToMinutes: null, css: hexUnreachable.css, residents: 0 }];
  for (const cell of cells) {
    const entry = cell.walkMinutes === null
      ? entries[entries.length - 1]
      : entries.find((candidate) => candidate.upToMinutes !== null && cell.walkMinutes! <= candidate.upToMinutes) ?? entries[entries.length - 2];
    entry.residents += cell.residents;
  }
  return entries;
}
