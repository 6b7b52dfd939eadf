import { batch } from '@preact/signals';
import { fetchAllFeatures } from '../api/collections.ts';
import { fetchProject, fetchProjectHistory } from '../api/projects.ts';
import { describeFailure, requestCamera, selectFeature } from './actions.ts';
import { openSidePanel } from './side-panel.ts';
import { featuresByCollection } from './dashboard-state.ts';
import { emptyProjectFilter, type ProjectFilter } from '../model/filter-projects.ts';
import { boundsOfGeometry, unionOfBounds } from '../geometry/geometry-bounds.ts';
import { allProjects, placeIndex, projectFilter, selectedProjectCode, selectedProjectHistory } from './project-state.ts';
import { linkedFeaturesOf, projectPropertiesOf } from '../model/filter-projects.ts';
import { canEdit } from './session-state.ts';

/** The only functions that change the projects' state (the list, filters, selection). */

/** Reads the projects collection again after a write, so the panel and the map show it. */
export async function reloadProjects(): Promise<void> {
  const projects = await fetchAllFeatures('projects');
  featuresByCollection.value = { ...featuresByCollection.value, projects };
  // A deleted project is no longer selected; an edited one shows its new history.
  const code = selectedProjectCode.value;
  if (code !== null) {
    if (projects.features.some((feature) => String(feature.id) === code)) void loadProjectHistory(code);
    else selectProject(null);
  }
}

export function changeProjectFilter(change: Partial<ProjectFilter>): void {
  projectFilter.value = { ...projectFilter.value, ...change };
}

export function clearProjectFilter(): void {
  projectFilter.value = emptyProjectFilter;
}

/** Clicking the timeline's year: filters to that year, or clears the year when it is already chosen. */
export function toggleProjectYear(year: number): void {
  changeProjectFilter({ year: projectFilter.value.year === year ? null : year });
}

/**
 * Selects a project: the projects panel opens on its details, the map highlights it and its
 * linked places and flies to them. Null goes back to the list.
 */
export function selectProject(code: string | null, options: { fly?: boolean } = { fly: true }): void {
  const project = code === null ? null : allProjects.value.find((feature) => String(feature.id) === code) ?? null;
  batch(() => {
    selectedProjectCode.value = project ? code : null;
    if (project) {
      openSidePanel('projects');
      // The project's details are in the side panel; a place's details would cover the map.
      selectFeature(null);
    }
  });
  if (!project || code === null) {
    selectedProjectHistory.value = null;
    return;
  }
  void loadProjectHistory(code);
  if (options.fly !== false) {
    const places = linkedFeaturesOf(projectPropertiesOf(project), placeIndex.value);
    const bounds = [project, ...places.map(({ feature }) => feature)]
      .map((feature) => boundsOfGeometry(feature.geometry))
      .reduce((union, next) => (union && next ? unionOfBounds(union, next) : union ?? next), null);
    if (bounds) requestCamera(bounds, 'overview');
  }
}

/** Reads the selected project's versions again (after a restore, which adds one). */
export function reloadProjectHistory(): Promise<void> {
  const code = selectedProjectCode.value;
  return code === null ? Promise.resolve() : loadProjectHistory(code);
}

async function loadProjectHistory(code: string): Promise<void> {
  selectedProjectHistory.value = { code, entries: null, failure: null, etag: null };
  try {
    // An editor may restore a version: the project's current ETag is read with the versions.
    const [entries, current] = await Promise.all([fetchProjectHistory(code), canEdit.peek() ? fetchProject(code) : Promise.resolve(null)]);
    if (selectedProjectCode.value === code) selectedProjectHistory.value = { code, entries, failure: null, etag: current?.etag ?? null };
  } catch (error) {
    if (selectedProjectCode.value === code) selectedProjectHistory.value = { code, entries: null, failure: describeFailure(error), etag: null };
  }
}
