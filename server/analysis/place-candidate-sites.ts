import { booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Attachment } from './attach-points.ts';
import type { WalkingGraph } from './build-walking-graph.ts';
import type { PreparedNetwork } from './compute-coverage.ts';
import { locateAlongEdge } from './locate-along-edge.ts';
import { attachPlace } from './walk-facility-type.ts';

/** A place a new facility could go: where it is, and where it joins the walking network. */
export interface CandidateSite {
  longitude: number;
  latitude: number;
  attachment: Attachment;
}

/**
 * Points along the walking network at most `spacingMetres` apart: each edge is cut into equal
 * parts no longer than the spacing, with a point in the middle of each, so a short lane gets one
 * point and no point sits on a crossing shared by several edges. Only points inside `area` (a
 * drawn area, the subdistrict) when one is given.
 */
export function placeCandidateSites(graph: WalkingGraph, options: { spacingMetres?: number; area?: Polygon | MultiPolygon } = {}): CandidateSite[] {
  const spacingMetres = options.spacingMetres ?? 50;
  const sites: CandidateSite[] = [];
  for (let edge = 0; edge < graph.edgeCount; edge++) {
    const length = graph.edgeLengthMetres[edge];
    if (length === 0) continue;
    // A hair under: a 200.0000001 m edge is four 50 m parts, not five.
    const parts = Math.ceil(length / spacingMetres - 1e-9);
    for (let part = 0; part < parts; part++) {
      const offsetMetres = ((part + 0.5) * length) / parts;
      const { x, y } = locateAlongEdge(graph, edge, offsetMetres);
      const longitude = graph.projection.toLongitude(x);
      const latitude = graph.projection.toLatitude(y);
      if (options.area && !booleanPointInPolygon([longitude, latitude], options.area)) continue;
      sites.push({ longitude, latitude, attachment: { edge, offsetMetres, accessMetres: 0 } });
    }
  }
  return sites;
}

/**
 * A list of places given by the planner (vacant ground-floor units, say), each joined to the
 * nearest street; those farther than `maximumAccessMetres` from every street are left out and named.
 */
export function attachCandidateSites(network: PreparedNetwork, points: { longitude: number; latitude: number }[], maximumAccessMetres: number) {
  const sites: CandidateSite[] = [];
  const offNetwork: number[] = [];
  points.forEach((point, position) => {
    const attachment = attachPlace(network, point, maximumAccessMetres);
    if (attachment) sites.push({ longitude: point.longitude, latitude: point.latitude, attachment });
    else offNetwork.push(position);
  });
  return { sites, offNetwork };
}
