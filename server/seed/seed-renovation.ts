import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database.ts';
import {
  findRenovation, insertRenovationAudit, insertRenovationIfMissing, listEstateKeys, listFacilityKeysOfType, replaceFacilityOpenings,
  type FacilityOpeningSeed, type RenovationValue,
} from '../queries/renovation.ts';

interface RenovationSeedFile {
  estates: (RenovationValue & { estateKey: string })[];
}

interface OpeningRule {
  facilityKeys?: string[];
  facilityType?: string;
  openedDate?: string;
  projectCode?: string;
  source: string;
  confidence: string;
  note?: string;
}

export const renovationSeedFile = (geodataDirectory: string) => join(geodataDirectory, 'renovation', 'estate-renovation.json');
export const facilityOpeningsFile = (geodataDirectory: string) => join(geodataDirectory, 'renovation', 'facility-openings.json');

/**
 * An estate the seed file does not name (an imported one) gets the plan's words and nothing more:
 * 综合整新 planned for 2025 under P06-04, everything else not known or not planned, all assumed.
 */
export function defaultRenovation(): RenovationValue {
  const notPlanned = { status: 'not_planned' as const, startYear: null, year: null, projectCodes: [] };
  return {
    comprehensiveRenovation: { status: 'planned', startYear: null, year: 2025, projectCodes: ['P06-04'] },
    flatRetrofit: notPlanned,
    sewerSeparation: { status: 'planned', startYear: null, year: null, projectCodes: ['P06-05'] },
    lifts: { installed: null, planned: null, projectCodes: [] },
    source: 'plan',
    confidence: 'low',
    assumptions: ['comprehensiveRenovation.status', 'comprehensiveRenovation.year', 'flatRetrofit.status', 'sewerSeparation.status'],
    note: '种子文件未列出此小区：仅按行动计划“2025年综合整新全覆盖”假设。Not in the seed file: only the plan target is assumed.',
  };
}

/**
 * Gives every estate without a renovation record its record from geodata/renovation/ (audited as
 * 'seed'), never overwriting one a person edited, and replaces the facilities' opening knowledge
 * from the same folder. Returns the number of records added.
 */
export async function seedRenovation(database: Database, geodataDirectory: string): Promise<{ added: number; openings: number }> {
  const file = renovationSeedFile(geodataDirectory);
  const seeded = new Map<string, RenovationValue>();
  if (existsSync(file)) {
    for (const { estateKey, ...value } of (JSON.parse(readFileSync(file, 'utf8')) as RenovationSeedFile).estates) seeded.set(estateKey, pickValue(value));
  }
  let added = 0;
  for (const estateKey of await listEstateKeys(database)) {
    const value = seeded.get(estateKey) ?? defaultRenovation();
    const inserted = await database.transaction(async (transaction) => {
      if (!(await insertRenovationIfMissing(transaction, estateKey, value))) return false;
      const after = (await findRenovation(transaction, estateKey))!.record;
      await insertRenovationAudit(transaction, { estateKey, version: after.version, operation: 'seed', actor: 'seed', before: null, after });
      return true;
    });
    if (inserted) added += 1;
  }

  let openings = 0;
  const openingsPath = facilityOpeningsFile(geodataDirectory);
  if (existsSync(openingsPath)) {
    const rules = (JSON.parse(readFileSync(openingsPath, 'utf8')) as { openings: OpeningRule[] }).openings;
    const rows: FacilityOpeningSeed[] = [];
    for (const rule of rules) {
      const keys = [...(rule.facilityKeys ?? []), ...(rule.facilityType ? await listFacilityKeysOfType(database, rule.facilityType) : [])];
      for (const facilityKey of keys) {
        rows.push({ facilityKey, openedDate: rule.openedDate ?? null, projectCode: rule.projectCode ?? null, source: rule.source, confidence: rule.confidence, note: rule.note ?? '' });
      }
    }
    openings = await database.transaction((transaction) => replaceFacilityOpenings(transaction, rows));
  }
  return { added, openings };
}

function pickValue(value: RenovationValue): RenovationValue {
  const { comprehensiveRenovation, flatRetrofit, sewerSeparation, lifts, source, confidence, assumptions, note } = value;
  return { comprehensiveRenovation, flatRetrofit, sewerSeparation, lifts, source, confidence, assumptions, note };
}
