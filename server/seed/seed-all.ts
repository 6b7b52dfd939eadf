import type { Database } from '../db/database.ts';
import { seedCollections, type SeedReport } from './seed-collections.ts';
import { seedPlanProjects } from './seed-projects.ts';
import { seedRenovation } from './seed-renovation.ts';
import { seedFacilityStandards } from './seed-standards.ts';

export interface SeedAllReport {
  collections: SeedReport[];
  standards: number;
  /** Projects of the action plan added (never one a person deleted or edited). */
  projectsAdded: number;
  /** Renovation records added for estates without one, and the facilities' opening rules loaded. */
  renovation: { added: number; openings: number };
}

/**
 * Loads geodata/ into a migrated database, in the order each step needs: the collections (the
 * places everything else names), the life-circle standards, the plan's projects (linked to
 * places), then the renovation records and the facility openings (which name projects).
 * Idempotent, and never overwrites what a person edited. Start-up, `npm run seed` and the tests
 * all seed through here.
 */
export async function seedAll(database: Database, geodataDirectory: string): Promise<SeedAllReport> {
  const collections = await seedCollections(database, geodataDirectory);
  const standards = await seedFacilityStandards(database, geodataDirectory);
  const projectsAdded = await seedPlanProjects(database, geodataDirectory);
  const renovation = await seedRenovation(database, geodataDirectory);
  return { collections, standards, projectsAdded, renovation };
}

/** What a seed did, a line each, for the server's start-up and `npm run seed`. */
export function describeSeedReport(report: SeedAllReport): string[] {
  const seeded = report.collections.filter((collection) => !collection.skipped);
  return [
    `${seeded.length} collection(s) seeded`,
    ...(report.projectsAdded > 0 ? [`  projects: ${report.projectsAdded} project(s) of the action plan added`] : []),
    ...(report.renovation.added > 0 ? [`  renovation: ${report.renovation.added} estate record(s) added`] : []),
    ...seeded.map((collection) => `  ${collection.collectionId}: ${collection.changed} feature(s) added or refreshed, ${collection.removed} removed`),
  ];
}
