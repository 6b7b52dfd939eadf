import type { PlaceFeature } from '../api/collections.ts';
import { compareSpecificity, specificityOfGeometry } from '../geometry/specificity-of-geometry.ts';
import { selectFeature } from './actions.ts';
import { walkFromPoint } from './coverage-actions.ts';
import { editingSession, pickingLinks } from './editing-state.ts';
import { selectProject } from './project-actions.ts';
import { projectsPanelOpen } from './project-state.ts';
import { coverageActive } from './side-panel.ts';

/**
 * What a click on the map opens: one policy for every click. The map (client/map/) hands in every
 * feature under the cursor, topmost first; this action picks the one the task at hand cares about:
 *
 * - while a project is drawn or edited, the clicks belong to the drawing tools; when linking
 *   places, the place under the cursor is linked (never a project);
 * - with the projects panel open, a project under the cursor opens in the panel, unless the click
 *   is on a place's symbol drawn over it (a facility: its details list its projects);
 * - with the life-circle panel open, an estate or facility opens, and the walk from the point is asked;
 * - otherwise the most specific place under the cursor opens in the details panel: a point over
 *   a line over an area, a narrower area over a wider one (client/geometry/specificity-of-geometry.ts).
 *
 * It never switches the side panel: a project picked while the projects panel is closed ranks
 * below every place (the place under it opens), and only when nothing but a project is under the
 * cursor does the project show, in the details panel, whose list of projects can open the panel
 * on request.
 */
export interface PickedFeature {
  collectionId: string;
  feature: PlaceFeature;
}

const projectsCollectionId = 'projects';
/** What the life-circle panel is about: the estates and the facilities they walk to. */
const coverageCollectionIds = new Set(['neighbourhoods', 'facilities']);

const isProject = (picked: PickedFeature) => picked.collectionId === projectsCollectionId;

/** The most specific of the picked features; among equals the topmost (the list's order). */
export function mostSpecificFeature(picked: readonly PickedFeature[]): PickedFeature | null {
  let best: PickedFeature | null = null;
  let bestSpecificity = specificityOfGeometry(null);
  for (const candidate of picked) {
    const specificity = specificityOfGeometry(candidate.feature.geometry);
    if (best === null || compareSpecificity(specificity, bestSpecificity) < 0) {
      best = candidate;
      bestSpecificity = specificity;
    }
  }
  return best;
}

/** `picked`: every feature under the cursor, topmost first. `coordinate`: the click's longitude and latitude. */
export function clickMap(picked: readonly PickedFeature[], coordinate: readonly [number, number] | null): void {
  const places = picked.filter((candidate) => !isProject(candidate));
  if (editingSession.value) {
    const place = pickingLinks.value ? mostSpecificFeature(places.filter((candidate) => candidate.feature.id !== undefined)) : null;
    // The editor has loaded the editing actions by now; importing them here lazily keeps them out of the first map's code.
    if (place) void import('./editing-actions.ts').then(({ toggleLinkedFeature }) => toggleLinkedFeature(place.collectionId, String(place.feature.id)));
    return;
  }
  if (projectsPanelOpen.value) {
    const project = mostSpecificFeature(picked.filter(isProject));
    // A symbol drawn over the projects (a facility, a station) clicked on purpose opens the place,
    // whose details list its projects; a road or an estate under a project gives way to the project.
    const first = picked[0];
    const symbolOnTop = first !== undefined && !isProject(first) && specificityOfGeometry(first.feature.geometry).kindRank === 0;
    if (project && !symbolOnTop) {
      selectProject(String(project.feature.id), { fly: false });
      return;
    }
  }
  if (coverageActive.value) {
    const place = mostSpecificFeature(places.filter((candidate) => coverageCollectionIds.has(candidate.collectionId))) ?? mostSpecificFeature(places);
    selectFeature(place);
    if (coordinate) void walkFromPoint(coordinate[0], coordinate[1]);
    return;
  }
  selectFeature(mostSpecificFeature(places) ?? mostSpecificFeature(picked));
}
