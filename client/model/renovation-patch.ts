import type { RenovationPatch, RenovationRecord } from '../api/renovation.ts';

/** The renovation form's values, as an editor left them. */
export interface RenovationFormValues {
  status: RenovationRecord['comprehensiveRenovation']['status'];
  startYear: number | null;
  year: number | null;
  liftsInstalled: number | null;
  liftsPlanned: number | null;
}

/**
 * The merge patch of what the editor changed, and only that: a field sent is recorded as known
 * (no longer assumed), so fields left as they were keep their mark.
 */
export function changedFields(record: RenovationRecord, values: RenovationFormValues): RenovationPatch {
  const patch: RenovationPatch = {};
  const works: NonNullable<RenovationPatch['comprehensiveRenovation']> = {};
  if (values.status !== record.comprehensiveRenovation.status) works.status = values.status;
  if (values.startYear !== record.comprehensiveRenovation.startYear) works.startYear = values.startYear;
  if (values.year !== record.comprehensiveRenovation.year) works.year = values.year;
  if (Object.keys(works).length > 0) patch.comprehensiveRenovation = works;
  const lifts: NonNullable<RenovationPatch['lifts']> = {};
  if (values.liftsInstalled !== record.lifts.installed) lifts.installed = values.liftsInstalled;
  if (values.liftsPlanned !== record.lifts.planned) lifts.planned = values.liftsPlanned;
  if (Object.keys(lifts).length > 0) patch.lifts = lifts;
  return patch;
}
