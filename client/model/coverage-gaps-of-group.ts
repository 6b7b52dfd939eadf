import type { CoverageAnswer } from '../api/coverage.ts';

/**
 * The estates an essential group does not reach: none of the group's computed types is within
 * its standard distance (the same rule /api/coverage uses to count a group as met). Pure.
 */
export function estatesOutsideGroup(answer: Pick<CoverageAnswer, 'byGroup' | 'byUnit'>, groupKey: string): string[] {
  const group = answer.byGroup.find((candidate) => candidate.key === groupKey);
  if (!group) return [];
  return answer.byUnit.filter((unit) => group.facilityTypes.every((type) => unit.gaps.includes(type))).map((unit) => unit.id);
}

/** The estates that do not have every essential group within reach. */
export function estatesWithoutAllEssentials(answer: Pick<CoverageAnswer, 'byUnit'>): string[] {
  return answer.byUnit.filter((unit) => !unit.hasAllEssentials).map((unit) => unit.id);
}
