import { copyTypeWalk, closeSource, openSource } from './change-type-walk.ts';
import type { FacilityPoint } from './compute-coverage.ts';
import { findTypeIndex, type CoverageState } from './coverage-state.ts';
import { attachPlace, measureUnitDistances, type FacilityTypeWalk } from './walk-facility-type.ts';

/** A what-if change to one facility. A move keeps the facility's id, type and name. */
export type FacilityChange =
  | { kind: 'add'; facility: FacilityPoint }
  | { kind: 'move'; facilityId: string; longitude: number; latitude: number }
  | { kind: 'close'; facilityId: string };

/**
 * The state after one facility change, recomputing only its type, and in it only the nodes the
 * change touches: adding walks from the new facility as far as it brings nodes nearer; closing
 * recomputes the nodes whose nearest facility it was; moving is closing and adding. Throws on a
 * facility or type the state does not know: requests are checked before they get here.
 */
export function applyFacilityChange(state: CoverageState, change: FacilityChange): CoverageState {
  const typeIndex = change.kind === 'add' ? findTypeIndex(state, change.facility.facilityType) : findFacilityTypeIndex(state, change.facilityId);
  const typeWalk = copyTypeWalk(state.types[typeIndex]);
  if (change.kind === 'add') {
    if (state.types.some((other) => other.facilities.some((facility) => facility.id === change.facility.id))) throw new Error(`Facility "${change.facility.id}" exists already`);
    addFacility(state, typeWalk, change.facility);
  } else {
    const facility = closeFacility(state, typeWalk, change.facilityId);
    if (change.kind === 'move') addFacility(state, typeWalk, { ...facility, longitude: change.longitude, latitude: change.latitude });
  }
  Object.assign(typeWalk, measureUnitDistances(state.network.graph, typeWalk.walk, state.estates.gateAttachments));
  const types = [...state.types];
  types[typeIndex] = typeWalk;
  return { ...state, types };
}

function findFacilityTypeIndex(state: CoverageState, facilityId: string): number {
  const index = state.types.findIndex((typeWalk) => typeWalk.facilities.some((facility) => facility.id === facilityId));
  if (index === -1) throw new Error(`Facility "${facilityId}" is not open in this coverage`);
  return index;
}

function addFacility(state: CoverageState, typeWalk: FacilityTypeWalk, facility: FacilityPoint) {
  typeWalk.facilities.push(facility);
  // A facility off the network counts but leads nowhere, as in computeCoverage.
  const attachment = attachPlace(state.network, facility, state.maximumAccessMetres);
  if (attachment) openSource(state.network.graph, typeWalk, attachment, facility.id);
}

function closeFacility(state: CoverageState, typeWalk: FacilityTypeWalk, facilityId: string): FacilityPoint {
  const position = typeWalk.facilities.findIndex((facility) => facility.id === facilityId);
  const [facility] = typeWalk.facilities.splice(position, 1);
  const source = typeWalk.sourceFacilityIds.indexOf(facilityId);
  if (source >= 0) closeSource(state.network.graph, typeWalk, source);
  return facility;
}
