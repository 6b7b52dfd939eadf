import type { ProjectActionKey } from '../../server/contract/vocabulary/projects.ts';
import type { Colour } from './palette.ts';

/**
 * The six actions' colours, shared by the project layer, the panel's list, the legend and the
 * timeline (no deck.gl import, so the panel does not load it). Distinct hues that stay apart from
 * the basemap's estates (orange-beige), water (blue) and green spaces.
 */
export const projectActionColours: Record<ProjectActionKey, Colour> = {
  party_building: [200, 32, 46], // 党建引领: Party red
  built_form: [228, 120, 20], // 形态改善: orange
  functions: [30, 110, 200], // 功能提升: blue
  governance: [120, 70, 180], // 治理增能: violet
  safety: [20, 140, 110], // 平安底线: teal green
  culture: [210, 60, 150], // 文化润心: magenta
};

/**
 * How a status changes the action's colour: planned is hollow and dashed, on hold grey. Fills are
 * light because projects overlap (several cover every estate) and the map under them must show.
 */
export const projectStatusStyles = {
  planned: { fillAlpha: 0, lineAlpha: 230, dashed: true, grey: false },
  in_progress: { fillAlpha: 28, lineAlpha: 235, dashed: false, grey: false },
  completed: { fillAlpha: 90, lineAlpha: 255, dashed: false, grey: false },
  on_hold: { fillAlpha: 25, lineAlpha: 200, dashed: true, grey: true },
} as const;

const onHoldGrey: [number, number, number] = [130, 130, 130];

export function projectFillColour(action: string, status: string): Colour {
  const style = projectStatusStyles[status as keyof typeof projectStatusStyles] ?? projectStatusStyles.in_progress;
  const [red, green, blue] = style.grey ? onHoldGrey : projectActionColours[action as ProjectActionKey] ?? onHoldGrey;
  return [red, green, blue, style.fillAlpha];
}

export function projectLineColour(action: string, status: string): Colour {
  const style = projectStatusStyles[status as keyof typeof projectStatusStyles] ?? projectStatusStyles.in_progress;
  const [red, green, blue] = style.grey ? onHoldGrey : projectActionColours[action as ProjectActionKey] ?? onHoldGrey;
  // Completed projects are drawn a shade darker, so "done" reads at a glance.
  const darken = status === 'completed' ? 0.7 : 1;
  return [Math.round(red * darken), Math.round(green * darken), Math.round(blue * darken), style.lineAlpha];
}
