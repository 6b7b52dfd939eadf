/**
 * The facility types of the life-circle panel's list, grouped by their life-circle level (5, 10,
 * 15 minutes, the block) and, within a level, by domain (`domainRankOf`: education, health,
 * elderly care… in the order the map's legend has them) and then by name. A type of two levels
 * ('15;10') is listed under the nearer. Pure.
 */

export const lifeCircleLevels = ['5', '10', '15', 'block', 'other'] as const;
export type LifeCircleLevel = (typeof lifeCircleLevels)[number];

export function levelOfStandard(level: string | null | undefined): LifeCircleLevel {
  const levels = String(level ?? '').split(';').map((part) => part.trim());
  for (const candidate of ['5', '10', '15', 'block'] as const) if (levels.includes(candidate)) return candidate;
  return 'other';
}

export interface TypeOrdering<Type> {
  nameOf: (type: Type) => string;
  domainRankOf: (facilityType: string) => number;
  locale: string;
}

export function groupTypesByLevel<Type extends { facilityType: string; level?: string | null }>(types: Type[], { nameOf, domainRankOf, locale }: TypeOrdering<Type>): { level: LifeCircleLevel; types: Type[] }[] {
  return lifeCircleLevels
    .map((level) => ({
      level,
      types: types
        .filter((type) => levelOfStandard(type.level) === level)
        .sort((a, b) => domainRankOf(a.facilityType) - domainRankOf(b.facilityType) || nameOf(a).localeCompare(nameOf(b), locale)),
    }))
    .filter((group) => group.types.length > 0);
}
