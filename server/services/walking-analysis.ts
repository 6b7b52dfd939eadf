import { attachPoint, type Attachment } from '../analysis/attach-points.ts';
import { buildWalkingGraph, findConnectedParts } from '../analysis/build-walking-graph.ts';
import { attachUnits, computeCoverage, prepareNetwork, type AttachedUnits, type Coverage, type DistanceMode, type PreparedNetwork } from '../analysis/compute-coverage.ts';
import { markDataPresence, type CoverageWithDataPresence } from '../analysis/mark-data-presence.ts';
import { findFacilityThreshold, type FacilityThreshold } from '../analysis/facility-thresholds.ts';
import { findReachedEdgeParts, sliceEdge } from '../analysis/find-reached-edge-parts.ts';
import { measureWalkTo, walkFromSources } from '../analysis/walk-from-sources.ts';
import { buildHexGapGrid } from '../analysis/build-hex-gap-grid.ts';
import { roundKeepingTotal } from '../analysis/round-keeping-total.ts';
import { attachPlace } from '../analysis/walk-facility-type.ts';
import type { CoverageAnswer, HexGrid, Isochrones, PointWalk } from '../contract/coverage.ts';
import type { Database } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import { readAnalysisRevision, readEstateAreas, readEstates, readFacilities, readSubdistrictArea, readWalkingNetworkEdges, type FacilityRow } from '../queries/analysis-inputs.ts';
import { listFacilityStandards } from '../queries/facility-standards.ts';
import { bufferLinesToArea } from '../queries/isochrones.ts';

/** How far a point may be from the nearest street to count as on the network. */
const maximumAccessMetres = 500;
/** Reached streets are widened by this much into areas: about the depth of a block's buildings. */
const isochroneWidthMetres = 50;
/** Answers kept per graph: every type, speed and mode a room of planners would ask in a session. */
const maximumCachedAnswers = 64;

interface AnalysisInputs {
  revision: string;
  /** Answers computed from these inputs: kept with them, so an answer never outlives its graph. */
  coverageCache: Map<string, CoverageWithDataPresence>;
  network: PreparedNetwork;
  attachedEstates: AttachedUnits;
  facilities: FacilityRow[];
  thresholds: FacilityThreshold[];
  /** Reported with every answer: how big the graph is, whether it is one piece, how long it took to build. */
  networkReport: { edges: number; nodes: number; parts: number; largestPartShare: number; builtMilliseconds: number };
}

/**
 * The walking analyses over the stored data: builds the graph in memory and keeps it until the
 * network, the facilities, the estates or the standards change (their revision counters tell),
 * and caches results per question. The analysis itself is in the pure functions of analysis/.
 */
export function createWalkingAnalysis(database: Database) {
  let inputs: Promise<AnalysisInputs> | null = null;
  let inputsRevision = '';

  async function loadInputs(): Promise<AnalysisInputs> {
    const revision = await readAnalysisRevision(database);
    if (!inputs || revision !== inputsRevision) {
      inputsRevision = revision;
      inputs = buildInputs(database, revision);
      inputs.catch(() => { inputs = null; });
    }
    return inputs;
  }

  function thresholdsFor(all: FacilityThreshold[], facilityTypes: string[] | undefined): FacilityThreshold[] {
    if (!facilityTypes) return all;
    const unknown = facilityTypes.filter((type) => !all.some((threshold) => threshold.facilityType === type));
    if (unknown.length > 0) {
      throw new RequestError(400, 'UnknownFacilityType', `Unknown facility type(s), or types without a walking distance: ${unknown.join(', ')}`, `未知的设施类型或无步行距离标准：${unknown.join('、')}`);
    }
    return all.filter((threshold) => facilityTypes.includes(threshold.facilityType));
  }

  function attachOrRefuse(loaded: AnalysisInputs, longitude: number, latitude: number): Attachment {
    const { graph, index } = loaded.network;
    const attachment = attachPoint(graph, index, graph.projection.toX(longitude), graph.projection.toY(latitude), maximumAccessMetres);
    if (!attachment) {
      throw new RequestError(400, 'OutsideArea', `The point ${longitude}, ${latitude} is more than ${maximumAccessMetres} m from every street of the walking network`, `该点距离步行网络超过 ${maximumAccessMetres} 米，不在分析范围内`);
    }
    return attachment;
  }

  return {
    /**
     * Coverage of the facility types (all with a walking distance when none are named). Placeholder
     * facilities (stand-ins where a type has no known site) are left out unless asked for: coverage
     * by invented sites is a what-if, not a finding. Each type says how many it left out.
     */
    async coverage(options: CoverageQuestion): Promise<Omit<CoverageAnswer, 'asOf' | 'facilitiesNotOpen'>> {
      const loaded = await loadInputs();
      const thresholds = thresholdsFor(loaded.thresholds, options.facilityTypes);
      const includePlaceholders = options.includePlaceholders ?? false;
      // Facilities not open on a date (the leaders' view): the cache keys on the set left out, so a
      // date with the same open facilities as one asked before is answered from the cache.
      const excluded = new Set(options.excludedFacilityKeys ?? []);
      const countable = facilitiesToCount(loaded, includePlaceholders);
      const excludedKey = countable.filter((facility) => excluded.has(facility.id)).map((facility) => facility.id).join(',');
      const key = `${options.mode}|${options.speedMetresPerSecond}|${includePlaceholders}|${thresholds.map((threshold) => threshold.facilityType).join(',')}|${excludedKey}`;
      const coverageCache = loaded.coverageCache;
      let result = coverageCache.get(key);
      if (result) {
        // Most recently used last: the oldest answer is the first to go when the cache is full.
        coverageCache.delete(key);
        coverageCache.set(key, result);
      } else {
        const counted = countable.filter((facility) => !excluded.has(facility.id));
        const computed = computeCoverage(loaded.network, loaded.attachedEstates, counted, thresholds, { mode: options.mode, speedMetresPerSecond: options.speedMetresPerSecond, maximumAccessMetres });
        result = markDataPresence(computed, loaded.facilities, includePlaceholders);
        coverageCache.set(key, result);
        if (coverageCache.size > maximumCachedAnswers) coverageCache.delete(coverageCache.keys().next().value!);
      }
      return { ...result, revision: loaded.revision, network: loaded.networkReport, includePlaceholders };
    },

    async standards(): Promise<FacilityThreshold[]> {
      return (await loadInputs()).thresholds;
    },

    /**
     * The graph and the estates with their gates attached, exactly as the coverage uses them, for
     * other walks on the same network (a project's impact): one graph, built and kept here.
     */
    async preparedEstates(): Promise<{ network: PreparedNetwork; estates: AttachedUnits }> {
      const loaded = await loadInputs();
      return { network: loaded.network, estates: loaded.attachedEstates };
    },

    /**
     * Walking distance and minutes from a point to the nearest facility of every type, leaving out
     * the facilities not open on the date asked for (`excludedFacilityKeys`).
     */
    async walkFromPoint(longitude: number, latitude: number, speedMetresPerSecond: number, includePlaceholders = false, excludedFacilityKeys: readonly string[] = []): Promise<Pick<PointWalk, 'accessMetres' | 'byType'>> {
      const loaded = await loadInputs();
      const { graph, index } = loaded.network;
      const start = attachOrRefuse(loaded, longitude, latitude);
      const walk = walkFromSources(graph, [start]);
      const nearest = new Map<string, { distanceMetres: number; facility: FacilityRow }>();
      const excluded = new Set(excludedFacilityKeys);
      for (const facility of facilitiesToCount(loaded, includePlaceholders)) {
        if (excluded.has(facility.id)) continue;
        const door = attachPoint(graph, index, graph.projection.toX(facility.longitude), graph.projection.toY(facility.latitude), maximumAccessMetres);
        if (!door) continue;
        const { distanceMetres } = measureWalkTo(graph, walk, door);
        const best = nearest.get(facility.facilityType);
        if (Number.isFinite(distanceMetres) && (!best || distanceMetres < best.distanceMetres)) nearest.set(facility.facilityType, { distanceMetres, facility });
      }
      const byType = loaded.thresholds.map((threshold) => {
        const found = nearest.get(threshold.facilityType);
        return {
          facilityType: threshold.facilityType,
          nameZh: threshold.nameZh,
          walkMetres: threshold.walkMetres,
          distanceMetres: found ? Math.round(found.distanceMetres) : null,
          minutes: found ? Math.round((found.distanceMetres / speedMetresPerSecond / 60) * 10) / 10 : null,
          withinStandard: found ? found.distanceMetres <= threshold.walkMetres : false,
          facility: found ? { id: found.facility.id, name: found.facility.name } : null,
        };
      });
      // The walk from the point to its street is part of every distance: shown so that a point
      // inside a large block is understood.
      return { accessMetres: Math.round(start.accessMetres * 10) / 10, byType };
    },

    /**
     * The gap heat map of one type: H3 cells (resolution 10) over the subdistrict and every estate,
     * each with the minutes from its centre to the nearest facility of the type open on the date
     * (`excludedFacilityKeys` left out) and its residents, estimated by spreading each estate's
     * over its cells by area. Not cached here: the route keeps the answer as ready bytes.
     */
    async hexGapGrid(facilityType: string, speedMetresPerSecond: number, includePlaceholders: boolean, excludedFacilityKeys: readonly string[] = []): Promise<Omit<HexGrid, 'asOf'>> {
      const loaded = await loadInputs();
      const [threshold] = thresholdsFor(loaded.thresholds, [facilityType]);
      const excluded = new Set(excludedFacilityKeys);
      const counted = facilitiesToCount(loaded, includePlaceholders).filter((facility) => facility.facilityType === facilityType && !excluded.has(facility.id));
      const sources = counted.map((facility) => attachPlace(loaded.network, facility, maximumAccessMetres)).filter((attachment): attachment is Attachment => attachment !== null);
      const walk = walkFromSources(loaded.network.graph, sources);
      const [area, estates] = await Promise.all([readSubdistrictArea(database), readEstateAreas(database)]);
      const grid = buildHexGapGrid(loaded.network, walk, area ?? { type: 'MultiPolygon', coordinates: [] }, estates, { speedMetresPerSecond, maximumAccessMetres });
      const residents = roundKeepingTotal(grid.map((cell) => cell.residents));
      const cells = grid.map((cell, index) => ({
        cell: cell.cell,
        walkMinutes: cell.walkMinutes === null ? null : Math.round(cell.walkMinutes * 10) / 10,
        residents: residents[index],
      }));
      const thresholdMinutes = threshold.walkMetres / speedMetresPerSecond / 60;
      const sumResidents = (chosen: typeof cells) => chosen.reduce((sum, cell) => sum + cell.residents, 0);
      return {
        facilityType,
        nameZh: threshold.nameZh,
        thresholdMetres: threshold.walkMetres,
        thresholdMinutes: Math.round(thresholdMinutes * 10) / 10,
        speedMetresPerSecond,
        includePlaceholders,
        facilityCount: counted.length,
        resolution: 10,
        cells,
        summary: {
          cells: cells.length,
          residents: sumResidents(cells),
          // Compared on the unrounded metres: a cell at 15.04 minutes is beyond a 15-minute standard.
          residentsBeyondThreshold: sumResidents(cells.filter((cell, index) => grid[index].walkMetres !== null && grid[index].walkMetres! > threshold.walkMetres)),
          residentsUnreachable: sumResidents(cells.filter((cell) => cell.walkMinutes === null)),
        },
      };
    },

    /**
     * Areas reachable within each of `minutes` from the sources (a facility, every facility of a
     * type, or a point), built from the reached stretches of street, partial edges included. A
     * type's sources leave out the facilities not open on the date (`excludedFacilityKeys`); a
     * facility named by id is walked from as asked.
     */
    async isochrones(from: { facilityId?: string; facilityType?: string; point?: [number, number] }, minutes: number[], speedMetresPerSecond: number, includePlaceholders = false, excludedFacilityKeys: readonly string[] = []): Promise<Isochrones> {
      const loaded = await loadInputs();
      const { graph, index } = loaded.network;
      let origins: { longitude: number; latitude: number }[];
      if (from.point) origins = [{ longitude: from.point[0], latitude: from.point[1] }];
      else if (from.facilityId) {
        const facility = loaded.facilities.find((candidate) => candidate.id === from.facilityId);
        if (!facility) throw new RequestError(404, 'NotFound', `Facility "${from.facilityId}" was not found`, `未找到设施“${from.facilityId}”`);
        origins = [facility];
      } else {
        thresholdsFor(loaded.thresholds, [from.facilityType!]);
        const excluded = new Set(excludedFacilityKeys);
        origins = facilitiesToCount(loaded, includePlaceholders).filter((facility) => facility.facilityType === from.facilityType && !excluded.has(facility.id));
      }
      const sources = from.point
        ? [attachOrRefuse(loaded, from.point[0], from.point[1])]
        : origins.map((origin) => attachPoint(graph, index, graph.projection.toX(origin.longitude), graph.projection.toY(origin.latitude), maximumAccessMetres)).filter((attachment): attachment is Attachment => attachment !== null);
      const largestBudget = Math.max(...minutes) * 60 * speedMetresPerSecond;
      const walk = walkFromSources(graph, sources, largestBudget);
      const bands = [...minutes].sort((a, b) => b - a);
      const features = [];
      for (const band of bands) {
        const budgetMetres = band * 60 * speedMetresPerSecond;
        const lines = findReachedEdgeParts(graph, walk, budgetMetres)
          .filter((part) => part.endMetres > part.startMetres)
          .map((part) => sliceEdge(graph, part.edge, part.startMetres, part.endMetres));
        const geometry = await bufferLinesToArea(database, lines, isochroneWidthMetres);
        features.push({
          type: 'Feature' as const,
          id: `isochrone-${band}`,
          geometry,
          properties: { minutes: band, distanceMetres: Math.round(budgetMetres), speedMetresPerSecond, streetsReached: lines.length, sources: sources.length },
        });
      }
      return { type: 'FeatureCollection' as const, features };
    },
  };
}

export type WalkingAnalysis = ReturnType<typeof createWalkingAnalysis>;


export interface CoverageQuestion {
  facilityTypes?: string[];
  mode: DistanceMode;
  speedMetresPerSecond: number;
  includePlaceholders?: boolean;
  /** Facilities to leave out: those not open on the date asked for (GET /api/coverage?asOf=…). */
  excludedFacilityKeys?: readonly string[];
}

function facilitiesToCount(loaded: AnalysisInputs, includePlaceholders: boolean): FacilityRow[] {
  return includePlaceholders ? loaded.facilities : loaded.facilities.filter((facility) => !facility.placeholder);
}

async function buildInputs(database: Database, revision: string): Promise<AnalysisInputs> {
  const [edges, estates, facilities, standards] = await Promise.all([
    readWalkingNetworkEdges(database), readEstates(database), readFacilities(database), listFacilityStandards(database),
  ]);
  const startedAt = performance.now();
  const graph = buildWalkingGraph(edges);
  const network = prepareNetwork(graph);
  const attachedEstates = attachUnits(network, estates, maximumAccessMetres);
  const parts = findConnectedParts(graph);
  const builtMilliseconds = performance.now() - startedAt;
  const thresholds = standards.map(findFacilityThreshold).filter((threshold): threshold is FacilityThreshold => threshold !== null);
  return {
    revision,
    coverageCache: new Map(),
    network,
    attachedEstates,
    facilities,
    thresholds,
    networkReport: { edges: graph.edgeCount, nodes: graph.nodeCount, parts: parts.length, largestPartShare: graph.nodeCount ? parts[0].length / graph.nodeCount : 0, builtMilliseconds: Math.round(builtMilliseconds * 10) / 10 },
  };
}
