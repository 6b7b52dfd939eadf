import { computed, signal } from '@preact/signals';
import type { PlaceFeature } from '../api/collections.ts';
import type { ProjectHistoryEntry } from '../api/projects.ts';
import { asOfDate } from './as-of-state.ts';
import { sidePanel } from './side-panel.ts';
import { featuresByCollection } from './dashboard-state.ts';
import { boundsOfGeometry } from '../geometry/geometry-bounds.ts';
import {
  emptyProjectFilter, filterProjects, indexFeatures, linkedFeaturesOf, projectPropertiesOf, projectStateOn,
  type ProjectFilter,
} from '../model/filter-projects.ts';

/**
 * The projects panel's state: the filters, the selected project and its version history.
 * Changed only by the actions in project-actions.ts.
 */

export const projectFilter = signal<ProjectFilter>(emptyProjectFilter);
export const selectedProjectCode = signal<string | null>(null);
/**
 * The selected project's versions, oldest first. For an editor, also the ETag of the project as
 * it was when the history was read: a restore is sent with it (If-Match), so a change made since
 * by someone else is a conflict the editor sees, not a change silently undone.
 */
export interface ProjectHistoryView {
  code: string;
  entries: ProjectHistoryEntry[] | null;
  failure: string | null;
  etag: string | null;
}
export const selectedProjectHistory = signal<ProjectHistoryView | null>(null);

export const allProjects = computed<PlaceFeature[]>(() => featuresByCollection.value.projects?.features ?? []);
/** Every loaded place by collection and key, to resolve the places projects link to. */
export const placeIndex = computed(() => indexFeatures(featuresByCollection.value));

export const filteredProjects = computed(() => filterProjects(allProjects.value, projectFilter.value, asOfDate.value, placeIndex.value));
/** The same, without the year filter: what the timeline counts, so every year stays clickable. */
export const projectsForTimeline = computed(() => filterProjects(allProjects.value, { ...projectFilter.value, year: null }, asOfDate.value, placeIndex.value));

export const selectedProject = computed(() => allProjects.value.find((feature) => String(feature.id) === selectedProjectCode.value) ?? null);

function extentOf(feature: PlaceFeature): number {
  const bounds = boundsOfGeometry(feature.geometry);
  return bounds ? (bounds[2] - bounds[0]) * (bounds[3] - bounds[1]) : 0;
}

export const projectsPanelOpen = computed(() => sidePanel.value === 'projects');

/**
 * What the project layer draws: the filtered projects (all of them when the panel is closed)
 * with their status on the as-of date in `status_as_of`, and the selected project with the
 * places it links to as the highlight.
 */
export const projectLayerInput = computed(() => {
  const open = projectsPanelOpen.value;
  const asOf = asOfDate.value;
  const shown = open ? filteredProjects.value : allProjects.value;
  const features = shown.map((feature) => {
    const state = projectStateOn(projectPropertiesOf(feature), asOf);
    return { ...feature, properties: { ...feature.properties, status_as_of: state.status, overdue_as_of: state.overdue } };
  })
    // Largest first, so a project at one site is drawn over one that covers every estate.
    .sort((first, second) => extentOf(second) - extentOf(first));
  const selected = selectedProject.value;
  const highlight = open && selected ? { project: selected, places: linkedFeaturesOf(projectPropertiesOf(selected), placeIndex.value).map(({ feature }) => feature) } : null;
  return { panelOpen: open, features, highlight };
});
