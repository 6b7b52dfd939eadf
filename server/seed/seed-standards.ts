import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { upsertSeedFacilityStandards } from '../queries/facility-standards.ts';
import type { Queryable } from '../db/database.ts';

const StandardsFile = z.array(z.object({
  facility_type: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name_zh: z.string().min(1),
  level: z.string().min(1),
  max_walk_metres: z.number().positive().max(5000).nullable(),
  scale: z.string().nullable().optional(),
  source: z.string().min(1),
  confidence: z.string().min(1),
}));

/**
 * Loads geodata/facility_standards.json into `facility_standard`. Standards a planner has edited
 * keep the planner's values; the rest follow the file.
 */
export async function seedFacilityStandards(database: Queryable, geodataDirectory: string): Promise<number> {
  const file = join(geodataDirectory, 'facility_standards.json');
  if (!existsSync(file)) return 0;
  const parsed = StandardsFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`geodata/facility_standards.json: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  await upsertSeedFacilityStandards(database, parsed.data.map((standard) => ({
    facilityType: standard.facility_type,
    nameZh: standard.name_zh,
    level: standard.level,
    maxWalkMetres: standard.max_walk_metres,
    scale: standard.scale ?? null,
    source: standard.source,
    confidence: standard.confidence,
  })));
  return parsed.data.length;
}
