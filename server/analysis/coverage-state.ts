import { defaultMaximumAccessMetres, measureFromWalk, summariseCoverage, type AttachedUnits, type Coverage, type FacilityPoint, type PreparedNetwork } from './compute-coverage.ts';
import type { FacilityThreshold } from './facility-thresholds.ts';
import { walkFacilityType, type FacilityTypeWalk } from './walk-facility-type.ts';

/**
 * Network coverage with every type's whole walk kept, so that a what-if change recomputes only
 * what it touches (applyFacilityChange, applyWalkingLink). A state is never changed: a change
 * gives a new state and shares what it did not touch, so a scenario's state can start from the
 * base's without copying it.
 */
export interface CoverageState {
  network: PreparedNetwork;
  estates: AttachedUnits;
  /** One walk per threshold, in the thresholds' order. */
  types: FacilityTypeWalk[];
  thresholds: FacilityThreshold[];
  speedMetresPerSecond: number;
  maximumAccessMetres: number;
}

export function createCoverageState(
  network: PreparedNetwork,
  estates: AttachedUnits,
  facilities: FacilityPoint[],
  thresholds: FacilityThreshold[],
  options: { speedMetresPerSecond: number; maximumAccessMetres?: number },
): CoverageState {
  const maximumAccessMetres = options.maximumAccessMetres ?? defaultMaximumAccessMetres;
  const types = thresholds.map((threshold) => walkFacilityType(
    network, estates.gateAttachments, threshold.facilityType,
    facilities.filter((facility) => facility.facilityType === threshold.facilityType), maximumAccessMetres,
  ));
  return { network, estates, types, thresholds, speedMetresPerSecond: options.speedMetresPerSecond, maximumAccessMetres };
}

/** The coverage of the state, in the shape computeCoverage gives; only the named types when given. */
export function summariseCoverageState(state: CoverageState, facilityTypes?: readonly string[]): Coverage {
  const measured = state.types
    .map((typeWalk, index) => ({ typeWalk, threshold: state.thresholds[index] }))
    .filter(({ typeWalk }) => !facilityTypes || facilityTypes.includes(typeWalk.facilityType))
    .map(({ typeWalk, threshold }) => measureFromWalk(threshold, typeWalk));
  return summariseCoverage(state.estates.units, measured, { mode: 'network', speedMetresPerSecond: state.speedMetresPerSecond });
}

/** The open facilities of every type the state walks, as they stand after its changes. */
export function listStateFacilities(state: CoverageState): FacilityPoint[] {
  return state.types.flatMap((typeWalk) => typeWalk.facilities);
}

export function findTypeIndex(state: CoverageState, facilityType: string): number {
  const index = state.types.findIndex((typeWalk) => typeWalk.facilityType === facilityType);
  if (index === -1) throw new Error(`Facility type "${facilityType}" has no walking distance in this coverage`);
  return index;
}
