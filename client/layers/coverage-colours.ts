import type { Colour } from './palette.ts';

/**
 * Colours of the walking-time bands, shared by the map and the panel's legend: greens within a
 * 5- or 10-minute walk, amber up to 15, red beyond, grey where no counted facility is reachable.
 */
export const minuteBandColours: { upToMinutes: number; colour: Colour; css: string }[] = [
  { upToMinutes: 5, colour: [26, 152, 80, 170], css: 'rgb(26,152,80)' },
  { upToMinutes: 10, colour: [145, 207, 96, 170], css: 'rgb(145,207,96)' },
  { upToMinutes: 15, colour: [254, 196, 79, 180], css: 'rgb(254,196,79)' },
  { upToMinutes: Infinity, colour: [215, 48, 39, 170], css: 'rgb(215,48,39)' },
];
export const unreachableColour: { colour: Colour; css: string } = { colour: [120, 120, 120, 150], css: 'rgb(120,120,120)' };
/** A type the data knows no real site of: a pale blue-grey, unlike the darker grey of "unreachable". */
export const noDataColour: { colour: Colour; css: string } = { colour: [176, 190, 214, 90], css: 'rgba(176,190,214,0.6)' };

export function colourOfMinutes(minutes: number | null | undefined): Colour {
  if (minutes === null || minutes === undefined) return unreachableColour.colour;
  return (minuteBandColours.find((band) => minutes <= band.upToMinutes) ?? minuteBandColours[minuteBandColours.length - 1]).colour;
}

/** Isochrone bands, 15 minutes drawn first (lowest), 5 minutes on top. */
export const isochroneColours: Record<number, { fill: Colour; line: Colour }> = {
  15: { fill: [254, 196, 79, 45], line: [217, 140, 20, 200] },
  10: { fill: [145, 207, 96, 55], line: [90, 160, 50, 210] },
  5: { fill: [26, 152, 80, 70], line: [20, 120, 60, 230] },
};
