import { attachPoint, type Attachment } from './attach-points.ts';
import type { WalkingGraph } from './build-walking-graph.ts';
import type { FacilityPoint, PreparedNetwork } from './compute-coverage.ts';
import { measureWalkTo, walkFromSources, type WalkFromSources } from './walk-from-sources.ts';

/**
 * One facility type walked over the whole network, kept whole so that a change (a facility
 * added, moved or closed, a walking link opened) recomputes only the nodes it touches.
 */
export interface FacilityTypeWalk {
  facilityType: string;
  /** The open facilities of the type, those off the network included: they count, but lead nowhere. */
  facilities: FacilityPoint[];
  /** The walk from every facility on the network; sources keep their index when one closes. */
  walk: WalkFromSources;
  /** The facility of each source, or null once it is closed (nothing is labelled with it then). */
  sourceFacilityIds: (string | null)[];
  /** Per estate: the walk from its nearest gate to the nearest facility (Infinity: none reachable). */
  unitDistanceMetres: Float64Array;
  /** Per estate: the source of that walk, -1 for none. */
  unitSource: Int32Array;
}

/** One multi-source walk from the facilities of a type over the whole network, and each estate's distance. */
export function walkFacilityType(network: PreparedNetwork, gateAttachments: (Attachment | null)[][], facilityType: string, facilities: FacilityPoint[], maximumAccessMetres: number): FacilityTypeWalk {
  const { graph } = network;
  const sources: Attachment[] = [];
  const sourceFacilityIds: string[] = [];
  for (const facility of facilities) {
    const attachment = attachPlace(network, facility, maximumAccessMetres);
    if (attachment) {
      sources.push(attachment);
      sourceFacilityIds.push(facility.id);
    }
  }
  const walk = walkFromSources(graph, sources);
  return { facilityType, facilities, walk, sourceFacilityIds, ...measureUnitDistances(graph, walk, gateAttachments) };
}

/** Where a place given in longitude and latitude (a facility's door, a cell's centre) joins the network, or null beyond `maximumAccessMetres`. */
export function attachPlace(network: PreparedNetwork, place: { longitude: number; latitude: number }, maximumAccessMetres: number): Attachment | null {
  const { graph, index } = network;
  return attachPoint(graph, index, graph.projection.toX(place.longitude), graph.projection.toY(place.latitude), maximumAccessMetres);
}

/** The nearest gate's walk to the walk's nearest source, per estate. */
export function measureUnitDistances(graph: WalkingGraph, walk: WalkFromSources, gateAttachments: (Attachment | null)[][]) {
  const unitDistanceMetres = new Float64Array(gateAttachments.length).fill(Infinity);
  const unitSource = new Int32Array(gateAttachments.length).fill(-1);
  gateAttachments.forEach((gates, unitIndex) => {
    for (const gate of gates) {
      if (!gate) continue;
      const { distanceMetres, source } = measureWalkTo(graph, walk, gate);
      if (distanceMetres < unitDistanceMetres[unitIndex] && source >= 0) {
        unitDistanceMetres[unitIndex] = distanceMetres;
        unitSource[unitIndex] = source;
      }
    }
  });
  return { unitDistanceMetres, unitSource };
}
