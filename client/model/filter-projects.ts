import type { PlaceCollection, PlaceFeature } from '../api/collections.ts';
import type { LinkedFeatureReference, ProjectProperties } from '../api/projects.ts';
import { projectActions, projectItems, type ProjectActionKey } from '../../server/contract/vocabulary/projects.ts';
import { projectStateAsOf, type ProjectStateAsOf } from '../../server/contract/vocabulary/project-state-as-of.ts';
import { todayInShanghai } from '../../server/contract/vocabulary/as-of.ts';

/**
 * Pure functions behind the projects panel, the project layer and the timeline: reading a
 * project feature, filtering, grouping by the six actions, counting by year, and finding the
 * projects that link to a place. No signals here, so they are tested on their own.
 */

export type ProjectStatus = ProjectStateAsOf['status'];

export type { LinkedFeatureReference, ProjectProperties };

export function projectPropertiesOf(feature: PlaceFeature): ProjectProperties {
  return feature.properties as unknown as ProjectProperties;
}

/** The years of the plan (2022–2025) and the year after, when late projects finish. */
export const projectYears = [2022, 2023, 2024, 2025, 2026] as const;

/**
 * The status filter: a status on the date, or `unverified` for the projects whose status (or
 * end date) is still an assumption (状态待核实: shown instead of 逾期).
 */
export type ProjectStatusFilter = ProjectStatus | 'unverified';
export const unverifiedStatusFilter = 'unverified' as const;

export interface ProjectFilter {
  status: ProjectStatusFilter | null;
  /** Projects running at some time in that year. */
  year: number | null;
  leadUnit: string | null;
  /** The name of a place the project links to (an estate, a road, a facility…). */
  place: string | null;
  text: string;
}

export const emptyProjectFilter: ProjectFilter = { status: null, year: null, leadUnit: null, place: null, text: '' };

export function isProjectFilterEmpty(filter: ProjectFilter): boolean {
  return filter.status === null && filter.year === null && filter.leadUnit === null && filter.place === null && filter.text.trim() === '';
}

/** Running at some time in `year`: started by its last day and not ended before its first. */
export function isActiveInYear(project: Pick<ProjectProperties, 'start_date' | 'end_date'>, year: number): boolean {
  return project.start_date <= `${year}-12-31` && project.end_date >= `${year}-01-01`;
}

/**
 * A project's status, progress, overdue and unverified flags on `asOf` (null: as recorded), and
 * whether they were derived from its dates (a past date with no status report on or before it).
 */
export function projectStateOn(project: ProjectProperties, asOf: string | null, today: string = todayInShanghai()): ProjectStateAsOf & { derived: boolean } {
  const state = projectStateAsOf(project, asOf, today);
  return { ...state, derived: isStateDerived(asOf, today) && state.recordedOn === null };
}

/** States on a date before today are derived from the projects' dates: the registry keeps only the current status. */
export function isStateDerived(asOf: string | null, today: string = todayInShanghai()): boolean {
  return asOf !== null && asOf < today;
}

/** The key of a linked feature, to look it up among the loaded collections. */
const keyOf = (collectionId: string, featureKey: string) => `${collectionId}\u0000${featureKey}`;

/** Every loaded feature by collection and key (the API's feature id is its key). */
export function indexFeatures(featuresByCollection: Record<string, PlaceCollection>): Map<string, { collectionId: string; feature: PlaceFeature }> {
  const index = new Map<string, { collectionId: string; feature: PlaceFeature }>();
  for (const [collectionId, collection] of Object.entries(featuresByCollection)) {
    if (collectionId === 'projects') continue;
    for (const feature of collection.features) {
      if (feature.id !== undefined) index.set(keyOf(collectionId, String(feature.id)), { collectionId, feature });
    }
  }
  return index;
}

export type FeatureIndex = ReturnType<typeof indexFeatures>;

/** The features a project links to that are loaded (a link to an unloaded collection is left out). */
export function linkedFeaturesOf(project: ProjectProperties, index: FeatureIndex): { collectionId: string; feature: PlaceFeature }[] {
  return (project.linked_features ?? []).flatMap((link) => {
    const found = index.get(keyOf(link.collection_id, link.feature_key));
    return found ? [found] : [];
  });
}

/** The names of the places a project links to, each once, in the order of the links. */
export function linkedPlaceNamesOf(project: ProjectProperties, index: FeatureIndex): string[] {
  const names = linkedFeaturesOf(project, index).map(({ feature }) => feature.properties?.name).filter((name): name is string => typeof name === 'string' && name !== '');
  return [...new Set(names)];
}

/** Whether the text appears in the project's title, code, description, units, item or places. */
function matchesText(project: ProjectProperties, needle: string, placeNames: string[]): boolean {
  if (needle === '') return true;
  const item = projectItems[project.item];
  const haystack = [project.title_zh, project.code, project.description, project.lead_unit, ...(project.partner_units ?? []), item?.nameZh, item?.nameEn, ...placeNames]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
  return haystack.includes(needle);
}

/**
 * The projects that pass every filter. Status is the status on `asOf` (derived from the dates
 * for a past date), so "completed" on the time slider's 2023 means completed by then;
 * `unverified` keeps the projects whose status is an assumption.
 */
export function filterProjects(projects: PlaceFeature[], filter: ProjectFilter, asOf: string | null, index: FeatureIndex, today: string = todayInShanghai()): PlaceFeature[] {
  const needle = filter.text.trim().toLowerCase();
  return projects.filter((feature) => {
    const project = projectPropertiesOf(feature);
    if (filter.status !== null && !matchesStatus(projectStateOn(project, asOf, today), filter.status)) return false;
    if (filter.year !== null && !isActiveInYear(project, filter.year)) return false;
    if (filter.leadUnit !== null && project.lead_unit !== filter.leadUnit) return false;
    const placeNames = filter.place !== null || needle !== '' ? linkedPlaceNamesOf(project, index) : [];
    if (filter.place !== null && !placeNames.includes(filter.place)) return false;
    return matchesText(project, needle, placeNames);
  });
}

function matchesStatus(state: ProjectStateAsOf, wanted: ProjectStatusFilter): boolean {
  return wanted === unverifiedStatusFilter ? state.statusUnverified : state.status === wanted;
}

export interface ProjectGroup {
  action: (typeof projectActions)[number];
  projects: PlaceFeature[];
}

/** The projects under the six actions, in the plan's order; within an action by item, then code. */
export function groupProjectsByAction(projects: PlaceFeature[]): ProjectGroup[] {
  return projectActions.map((action) => ({
    action,
    projects: projects
      .filter((feature) => projectPropertiesOf(feature).action === action.key)
      .sort((first, second) => {
        const a = projectPropertiesOf(first);
        const b = projectPropertiesOf(second);
        return a.item - b.item || a.code.localeCompare(b.code, 'en', { numeric: true });
      }),
  }));
}

/** How many projects of each action run in each year of the timeline. */
export function countProjectsByYear(projects: PlaceFeature[]): { year: number; total: number; byAction: Record<ProjectActionKey, number> }[] {
  return projectYears.map((year) => {
    const byAction = Object.fromEntries(projectActions.map((action) => [action.key, 0])) as Record<ProjectActionKey, number>;
    let total = 0;
    for (const feature of projects) {
      const project = projectPropertiesOf(feature);
      if (!isActiveInYear(project, year)) continue;
      byAction[project.action] = (byAction[project.action] ?? 0) + 1;
      total += 1;
    }
    return { year, total, byAction };
  });
}

/** The projects that link to a feature. */
export function projectsLinkedTo(projects: PlaceFeature[], collectionId: string, featureKey: string): PlaceFeature[] {
  return projects.filter((feature) => (projectPropertiesOf(feature).linked_features ?? []).some((link) => link.collection_id === collectionId && link.feature_key === featureKey));
}

/** The units that lead at least one project, sorted. */
export function leadUnitsOf(projects: PlaceFeature[]): string[] {
  return [...new Set(projects.map((feature) => projectPropertiesOf(feature).lead_unit))].sort((first, second) => first.localeCompare(second, 'zh-CN'));
}

/** The names of all places any project links to, for the place filter, sorted. */
export function linkedPlaceNames(projects: PlaceFeature[], index: FeatureIndex): string[] {
  const names = new Set<string>();
  for (const feature of projects) for (const name of linkedPlaceNamesOf(projectPropertiesOf(feature), index)) names.add(name);
  return [...names].sort((first, second) => first.localeCompare(second, 'zh-CN'));
}
