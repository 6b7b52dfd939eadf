import { projectStateAsOf, type ProjectDates } from '../contract/vocabulary/project-state-as-of.ts';

export interface FacilityOpeningInput {
  key: string;
  /** From the facility's own `opening_year` property, if any. */
  openingYear: number | null;
  /** From the opening seed (facility_opening): a known date … */
  openedDate: string | null;
  /** … or the plan project whose completion opens it. */
  projectCode: string | null;
}

export interface FacilityOpening {
  open: boolean;
  /** When it opened (or opens), where that is known on the date. */
  openedDate: string | null;
  /** Why: a date, an opening year, a project, or the assumption that it existed before 2022. */
  basis: 'date' | 'opening-year' | 'project' | 'existed-before-2022';
}

/**
 * Whether one facility is open on a date. A known opening date wins; then the opening year of
 * the facility (open from 1 January); then the plan project that adds it, which opens it on its
 * end date once the project is completed on that date (projectStateAsOf) and not before; a
 * project no longer in the registry never opens it. A facility with none of these is assumed to
 * have existed before 2022. Pure.
 */
export function decideFacilityOpen(
  facility: FacilityOpeningInput,
  projects: ReadonlyMap<string, ProjectDates>,
  asOf: string,
  today: string,
): FacilityOpening {
  if (facility.openedDate !== null) return { open: asOf >= facility.openedDate, openedDate: facility.openedDate, basis: 'date' };
  if (facility.openingYear !== null) {
    const openedDate = `${facility.openingYear}-01-01`;
    return { open: asOf >= openedDate, openedDate, basis: 'opening-year' };
  }
  if (facility.projectCode !== null) {
    const project = projects.get(facility.projectCode);
    if (!project) return { open: false, openedDate: null, basis: 'project' };
    const completed = projectStateAsOf(project, asOf, today).status === 'completed';
    return { open: completed, openedDate: project.status === 'completed' ? project.end_date : null, basis: 'project' };
  }
  return { open: true, openedDate: null, basis: 'existed-before-2022' };
}

/** The keys of the facilities not open on the date, sorted (a stable cache key). Pure. */
export function findFacilitiesNotOpen(
  facilities: FacilityOpeningInput[],
  projects: ReadonlyMap<string, ProjectDates>,
  asOf: string,
  today: string,
): string[] {
  return facilities.filter((facility) => !decideFacilityOpen(facility, projects, asOf, today).open).map((facility) => facility.key).sort();
}
