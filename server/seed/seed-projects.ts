import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Geometry } from '../contract/geojson.ts';
import { projectActions } from '../contract/vocabulary/projects.ts';
import type { Database } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import { validateProjectFeature } from '../projects/validate-project.ts';
import { createProject } from '../projects/write-project.ts';
import { hasProjectCodeEverExisted, resolvePlanPlaces } from '../queries/projects.ts';

/** Where a seed project is: named features of a collection, every feature of a type, or all of a collection. */
export interface PlanPlace {
  collection: string;
  names?: string[];
  facilityType?: string;
  all?: boolean;
}

interface PlanProject {
  code: string;
  item: number;
  title_zh: string;
  lead_unit: string;
  partner_units: string[];
  places: PlanPlace[];
  description: string;
  extra_assumptions?: string[];
}

interface PlanProjectsFile {
  defaults: Record<string, unknown> & { assumptions: string[] };
  projects: PlanProject[];
}

export const planProjectsFile = (geodataDirectory: string) => join(geodataDirectory, 'projects', 'plan-projects.json');

/**
 * Adds each project of geodata/projects/plan-projects.json whose code has never existed in this
 * database, with its geometry and links from the places it names. Idempotent, and it never brings
 * back a project a person deleted or overwrites one a person edited. Every project passes the
 * same validation as an API write; a place that cannot be found stops the start-up with its name.
 */
export async function seedPlanProjects(database: Database, geodataDirectory: string): Promise<number> {
  const file = planProjectsFile(geodataDirectory);
  if (!existsSync(file)) return 0;
  const plan = JSON.parse(readFileSync(file, 'utf8')) as PlanProjectsFile;
  let added = 0;
  for (const project of plan.projects) {
    if (await hasProjectCodeEverExisted(database, project.code)) continue;
    const places = await resolvePlanPlaces(database, project.places);
    if (places.missing.length > 0) throw new Error(`${file}: ${project.code}: no feature named ${places.missing.join(', ')}`);
    if (!places.geometry) throw new Error(`${file}: ${project.code}: its places give no single geometry`);
    const action = projectActions.find((candidate) => (candidate.items as readonly number[]).includes(project.item));
    const { assumptions, ...defaults } = plan.defaults;
    const feature = {
      type: 'Feature',
      geometry: places.geometry as Geometry,
      properties: {
        ...defaults,
        code: project.code,
        title_zh: project.title_zh,
        action: action?.key,
        item: project.item,
        lead_unit: project.lead_unit,
        partner_units: project.partner_units,
        description: project.description,
        linked_features: places.links,
        assumptions: [...new Set([...assumptions, ...(project.extra_assumptions ?? [])])],
      },
    };
    try {
      const write = await validateProjectFeature(database, feature);
      await createProject(database, project.code, write, 'seed', 'seed');
    } catch (error) {
      if (error instanceof RequestError) throw new Error(`${file}: ${project.code}: ${error.message}`);
      throw error;
    }
    added += 1;
  }
  return added;
}
