import type { ResidentialUnit } from './compute-coverage.ts';
import { essentialGroups } from './facility-thresholds.ts';

/** Whom a facility type serves, and so whom a new site of it is counted by. */
export type DemandBasis = 'residents' | 'residentsAged60Plus' | 'children';

/** Types that serve older residents: the elderly-care group, and the 老年养护院 beside it. */
const elderlyTypes = new Set([...essentialGroups.find((group) => group.key === 'elderly')!.facilityTypes, 'elderly_care_home']);
/** Types that serve young children: 幼儿园, 托儿所, 社区宝宝屋. */
const childTypes = new Set(['kindergarten', 'nursery', 'baby_house']);

export function findDemandBasis(facilityType: string): DemandBasis {
  if (elderlyTypes.has(facilityType)) return 'residentsAged60Plus';
  if (childTypes.has(facilityType)) return 'children';
  return 'residents';
}

/**
 * Each estate's weight for a new site of a type: its residents, its residents aged 60+, or its
 * children, as the type serves them; 0 for an estate already within reach (`coveredUnits`), so a
 * site counts only the people it newly brings in. Children are used only when every estate gives
 * them; otherwise all residents, and `note` says so rather than weighting by a guess.
 */
export function weighDemand(units: ResidentialUnit[], facilityType: string, coveredUnits: ArrayLike<boolean> = []) {
  const wanted = findDemandBasis(facilityType);
  const childrenKnown = units.every((unit) => typeof unit.children === 'number' && Number.isFinite(unit.children));
  const basis: DemandBasis = wanted === 'children' && !childrenKnown ? 'residents' : wanted;
  const weights = Float64Array.from(units, (unit, index) => {
    if (coveredUnits[index]) return 0;
    if (basis === 'residentsAged60Plus') return unit.residentsAged60Plus;
    if (basis === 'children') return unit.children!;
    return unit.residents;
  });
  const note = basis === wanted ? null : 'Children per estate are not known: weighted by all residents instead';
  return { weights, basis, note };
}
