import type { AttachedUnits, FacilityPoint, PreparedNetwork } from './compute-coverage.ts';
import { weighDemand } from './weigh-demand.ts';
import { attachPlace, measureUnitDistances } from './walk-facility-type.ts';
import { walkFromSources } from './walk-from-sources.ts';

/** A facility with what it offers: beds, seats or m², in the unit its type is measured in. */
export interface FacilityWithCapacity extends FacilityPoint {
  /** Null where the capacity is not known: such a facility is left out and named, never counted as 0. */
  capacity: number | null;
}

export interface TwoStepCatchment {
  walkMetres: number;
  /** Whom the supply is per: all residents, residents aged 60+, or children (see weighDemand). */
  demandBasis: ReturnType<typeof weighDemand>['basis'];
  demandNote: string | null;
  byFacility: { id: string; capacity: number; demandInReach: number; supplyPerPerson: number | null }[];
  /**
   * Per estate, the supply per person of every facility within reach, summed. `incomplete` marks
   * an estate that also reaches a facility of unknown capacity: its figure is a lower bound.
   */
  byUnit: { id: string; supplyPerPerson: number; facilitiesInReach: number; incomplete: boolean }[];
  facilitiesWithoutCapacity: string[];
}

/**
 * Two-step floating catchment (Luo and Wang, 2003), so that one small centre does not "cover" fifty
 * thousand people. Step 1: each facility's capacity divided by the people within `walkMetres` of
 * it. Step 2: each estate sums the ratios of the facilities within `walkMetres` of it. Distances are
 * walks along the network from an estate's nearest gate, one bounded walk per facility. Null where
 * no type facility has a known capacity (no data is not a zero).
 */
export function computeTwoStepCatchment(
  network: PreparedNetwork,
  estates: AttachedUnits,
  facilityType: string,
  facilities: FacilityWithCapacity[],
  options: { walkMetres: number; maximumAccessMetres: number },
): TwoStepCatchment | null {
  const { graph } = network;
  const ofType = facilities.filter((facility) => facility.facilityType === facilityType);
  const known = ofType.filter((facility) => facility.capacity !== null && Number.isFinite(facility.capacity) && facility.capacity >= 0);
  if (known.length === 0) return null;
  const { weights, basis, note } = weighDemand(estates.units, facilityType);

  const estatesInReach = (facility: FacilityPoint): number[] => {
    const attachment = attachPlace(network, facility, options.maximumAccessMetres);
    if (!attachment) return [];
    const walk = walkFromSources(graph, [attachment], options.walkMetres);
    const { unitDistanceMetres } = measureUnitDistances(graph, walk, estates.gateAttachments);
    return estates.units.map((_unit, index) => index).filter((index) => unitDistanceMetres[index] <= options.walkMetres);
  };

  const byUnit = estates.units.map((unit) => ({ id: unit.id, supplyPerPerson: 0, facilitiesInReach: 0, incomplete: false }));
  const byFacility = known.map((facility) => {
    const reached = estatesInReach(facility);
    const demandInReach = reached.reduce((total, index) => total + weights[index], 0);
    const supplyPerPerson = demandInReach > 0 ? facility.capacity! / demandInReach : null;
    for (const index of reached) {
      byUnit[index].facilitiesInReach += 1;
      if (supplyPerPerson !== null) byUnit[index].supplyPerPerson += supplyPerPerson;
    }
    return { id: facility.id, capacity: facility.capacity!, demandInReach, supplyPerPerson };
  });
  const withoutCapacity = ofType.filter((facility) => !known.includes(facility));
  for (const facility of withoutCapacity) for (const index of estatesInReach(facility)) byUnit[index].incomplete = true;
  return { walkMetres: options.walkMetres, demandBasis: basis, demandNote: note, byFacility, byUnit, facilitiesWithoutCapacity: withoutCapacity.map((facility) => facility.id) };
}
