import { resolveAsOf } from '../as-of/as-of-query.ts';
import type { ProjectDates } from '../contract/vocabulary/project-state-as-of.ts';
import { todayInShanghai } from '../contract/vocabulary/as-of.ts';
import type { Database } from '../db/database.ts';
import { readFacilityInputs, readProjectInputs } from '../queries/summary-inputs.ts';
import { findFacilitiesNotOpen } from './decide-facility-open.ts';

/** The projects by code, as decideFacilityOpen looks them up. */
export const mapProjectsByCode = (projects: (ProjectDates & { code: string })[]) => new Map<string, ProjectDates>(projects.map((project) => [project.code, project]));

/**
 * The facility keys not open on `asOf`, from what the database knows now: what every answer for
 * a date leaves out (coverage, isochrones, the walk from a point, the summary, the exports).
 * `keepPlaceholders`: placeholder sites are never left out (asked with placeholders=include, a
 * what-if that counts the stand-in sites of the plan whether or not their project has completed).
 */
export async function readFacilitiesNotOpen(database: Database, asOf: string, today = todayInShanghai(), keepPlaceholders = false): Promise<string[]> {
  const [facilities, projects] = await Promise.all([readFacilityInputs(database), readProjectInputs(database)]);
  const candidates = keepPlaceholders ? facilities.filter((facility) => !facility.placeholder) : facilities;
  return findFacilitiesNotOpen(candidates, mapProjectsByCode(projects), asOf, today);
}

/**
 * The date a life-circle answer is for (asOf, default today in Shanghai) and the facilities it
 * leaves out: those not open then. With placeholders included the stand-in sites all count, as
 * before dates existed: that answer is the what-if of the plan's sites, not a finding about a date.
 */
export async function readFacilitiesClosedOn(database: Database, asOf: string | undefined, includePlaceholders: boolean): Promise<{ date: string; excludedFacilityKeys: string[] }> {
  const today = todayInShanghai();
  const date = resolveAsOf(asOf, today);
  return { date, excludedFacilityKeys: await readFacilitiesNotOpen(database, date, today, includePlaceholders) };
}
