import { renovationStatuses, type RenovationStatus } from '../../server/contract/vocabulary/renovation.ts';
import type { Colour } from './palette.ts';

/**
 * The renovation choropleth's classes and colours, shared by the map layer and the legend in
 * the leaders' panel (free of deck.gl, so the panel does not load it).
 */
export const renovationClasses = renovationStatuses;
export type RenovationClass = RenovationStatus;

export const renovationColours: Record<RenovationClass, { fill: Colour; css: string }> = {
  done: { fill: [46, 139, 87, 170], css: 'rgba(46, 139, 87, 0.75)' },
  in_progress: { fill: [230, 159, 0, 170], css: 'rgba(230, 159, 0, 0.75)' },
  planned: { fill: [86, 140, 200, 150], css: 'rgba(86, 140, 200, 0.7)' },
  not_planned: { fill: [200, 70, 70, 120], css: 'rgba(200, 70, 70, 0.55)' },
};

/** An estate the data says nothing about: drawn pale, so it is not mistaken for a class. */
export const unknownRenovationColour: { fill: Colour; css: string } = { fill: [190, 190, 190, 90], css: 'rgba(190, 190, 190, 0.5)' };

/** The outline and name colour of the plan's three demonstration areas (行动计划 item 6). */
export const demonstrationOutline: Colour = [93, 78, 140, 255];

export function colourOfRenovation(renovationClass: RenovationClass | null | undefined): Colour {
  return renovationClass ? renovationColours[renovationClass].fill : unknownRenovationColour.fill;
}
