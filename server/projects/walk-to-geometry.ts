import type { Geometry } from '../contract/geojson.ts';
import { attachPoint, type Attachment } from '../analysis/attach-points.ts';
import { minuteBands } from '../analysis/compute-coverage.ts';
import { measureWalkTo, walkFromSources } from '../analysis/walk-from-sources.ts';
import type { WalkImpact } from '../contract/projects.ts';
import { walkingSpeeds } from '../contract/vocabulary/walking.ts';
import type { Database } from '../db/database.ts';
import { samplePointsOfGeometry } from '../queries/projects.ts';
import type { WalkingAnalysis } from '../services/walking-analysis.ts';

/** As the coverage analysis: a point farther than this from every street is off the network. */
const maximumAccessMetres = 500;
/** Points taken along a geometry's outline or line, at most this far apart. */
const sampleSpacingMetres = 25;
const walkingSpeedMetresPerSecond = walkingSpeeds.standardMetresPerSecond;

/**
 * Residents whose estate has a gate within 5, 10 and 15 minutes' walk (1 m/s, as the coverage
 * default) of the geometry: one multi-source walk on the walking network from points along the
 * geometry (its vertices and every 25 m of its outline or line), each attached to the nearest
 * street as a facility door is. An estate counts from its nearest gate; an estate the geometry
 * overlaps counts at 0 minutes.
 */
export async function measureResidentsWithinWalk(database: Database, walkingAnalysis: WalkingAnalysis, geometry: Geometry): Promise<WalkImpact> {
  // The walking analysis's own graph and gates: built once, rebuilt when the data changes.
  const [{ network, estates }, sample] = await Promise.all([walkingAnalysis.preparedEstates(), samplePointsOfGeometry(database, geometry, sampleSpacingMetres)]);
  const { graph, index } = network;
  const sources = sample.points
    .map(([longitude, latitude]) => attachPoint(graph, index, graph.projection.toX(longitude), graph.projection.toY(latitude), maximumAccessMetres))
    .filter((attachment): attachment is Attachment => attachment !== null);
  const largestMinutes = Math.max(...minuteBands);
  const budgetMetres = largestMinutes * 60 * walkingSpeedMetresPerSecond;
  const walk = sources.length > 0 ? walkFromSources(graph, sources, budgetMetres) : null;
  const overlapped = new Set(sample.overlappedEstateKeys);
  const residentsWithinMinutes: Record<string, number> = Object.fromEntries(minuteBands.map((band) => [band, 0]));
  const estatesWithinMinutes: Record<string, number> = Object.fromEntries(minuteBands.map((band) => [band, 0]));
  const byEstate: { id: string; name: string; residents: number; walkMetres: number | null; minutes: number | null }[] = [];
  estates.units.forEach((estate, estateIndex) => {
    let distanceMetres = overlapped.has(estate.id) ? 0 : Infinity;
    if (walk && distanceMetres > 0) {
      for (const gate of estates.gateAttachments[estateIndex]) {
        if (gate) distanceMetres = Math.min(distanceMetres, measureWalkTo(graph, walk, gate).distanceMetres);
      }
    }
    if (!Number.isFinite(distanceMetres) || distanceMetres > budgetMetres) return;
    const minutes = distanceMetres / walkingSpeedMetresPerSecond / 60;
    for (const band of minuteBands) {
      if (minutes <= band) {
        residentsWithinMinutes[band] += estate.residents;
        estatesWithinMinutes[band] += 1;
      }
    }
    byEstate.push({ id: estate.id, name: estate.name, residents: estate.residents, walkMetres: Math.round(distanceMetres), minutes: Math.round(minutes * 10) / 10 });
  });
  byEstate.sort((a, b) => (a.walkMetres ?? 0) - (b.walkMetres ?? 0) || a.id.localeCompare(b.id));
  return {
    speedMetresPerSecond: walkingSpeedMetresPerSecond,
    sourcePoints: sample.points.length,
    sourcesOnNetwork: sources.length,
    residentsWithinMinutes,
    estatesWithinMinutes,
    byEstate,
  };
}
