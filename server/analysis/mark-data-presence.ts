import type { Coverage } from './compute-coverage.ts';

/** What the data knows of a type: real sites (any date) and stand-ins. */
interface FacilityKnown {
  facilityType: string;
  placeholder: boolean;
}

export type CoverageWithDataPresence = Omit<Coverage, 'byType' | 'byGroup' | 'allEssentials'> & {
  byType: (Coverage['byType'][number] & { placeholderCount: number; hasData: boolean })[];
  byGroup: (Coverage['byGroup'][number] & { hasData: boolean })[];
  allEssentials: Coverage['allEssentials'] & { hasData: boolean };
};

/**
 * Says which figures rest on data. A type of which the data knows no real site (on any date) has
 * no data: its 0 % would say "nobody can walk to one" when the truth is "we do not know where they
 * are", so the screens show 无数据 instead. With placeholders counted, their stand-ins count as the
 * type's data (the screens say they are stand-ins). A group has data when one of its types has; all
 * essentials when every group has. A type with real sites none of which is open on the date has
 * data: its 0 % is true. Pure.
 */
export function markDataPresence(coverage: Coverage, facilities: readonly FacilityKnown[], includePlaceholders: boolean): CoverageWithDataPresence {
  const placeholders = new Map<string, number>();
  const known = new Set<string>();
  for (const facility of facilities) {
    if (facility.placeholder) placeholders.set(facility.facilityType, (placeholders.get(facility.facilityType) ?? 0) + 1);
    if (!facility.placeholder || includePlaceholders) known.add(facility.facilityType);
  }
  const byGroup = coverage.byGroup.map((group) => ({ ...group, hasData: group.facilityTypes.some((type) => known.has(type)) }));
  return {
    ...coverage,
    byType: coverage.byType.map((type) => ({ ...type, placeholderCount: placeholders.get(type.facilityType) ?? 0, hasData: known.has(type.facilityType) })),
    byGroup,
    allEssentials: { ...coverage.allEssentials, hasData: byGroup.every((group) => group.hasData) },
  };
}
