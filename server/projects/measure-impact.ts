import type { Geometry } from '../contract/geojson.ts';
import type { Impact } from '../contract/projects.ts';
import type { Database } from '../db/database.ts';
import { measureGeometryImpact } from '../queries/projects.ts';
import type { WalkingAnalysis } from '../services/walking-analysis.ts';
import { measureResidentsWithinWalk } from './walk-to-geometry.ts';

/**
 * What a geometry touches: its area or length, the estates it overlaps with their residents and
 * the share of each estate overlapped, buildings, facilities inside, streets touched (PostGIS),
 * and residents whose estate gate is within 5/10/15 minutes' walk of it (the walking network).
 */
export async function measureImpact(database: Database, walkingAnalysis: WalkingAnalysis, geometry: Geometry): Promise<Impact> {
  const startedAt = performance.now();
  const [places, walk] = await Promise.all([
    measureGeometryImpact(database, geometry),
    measureResidentsWithinWalk(database, walkingAnalysis, geometry),
  ]);
  return { ...places, walk, computedMilliseconds: Math.round(performance.now() - startedAt) };
}
