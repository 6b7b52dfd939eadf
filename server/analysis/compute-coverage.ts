import { attachPoint, indexSegments, type Attachment, type SegmentIndex } from './attach-points.ts';
import type { WalkingGraph } from './build-walking-graph.ts';
import { essentialGroups, type FacilityThreshold } from './facility-thresholds.ts';
import { walkFacilityType, type FacilityTypeWalk } from './walk-facility-type.ts';

export interface ResidentialUnit {
  id: string;
  name: string;
  residents: number;
  residentsAged60Plus: number;
  /** Children of kindergarten age and under, where the estate's data gives them; no estate's does yet. */
  children?: number | null;
  /** Where residents leave the estate: [longitude, latitude] of each gate. */
  gates: number[][];
}

export interface FacilityPoint {
  id: string;
  name: string;
  facilityType: string;
  longitude: number;
  latitude: number;
}

export type DistanceMode = 'network' | 'straight-line';

export interface CoverageOptions {
  mode: DistanceMode;
  speedMetresPerSecond: number;
  /** A gate or door farther than this from every street is not on the network. */
  maximumAccessMetres?: number;
}

/** Minute bands reported for every type: within 5, 10 and 15 minutes' walk. */
export const minuteBands = [5, 10, 15] as const;

export interface TypeCoverage {
  facilityType: string;
  nameZh: string;
  /** The life-circle level of its standard: 5, 10, 15, '15;10' or block. */
  level: string;
  walkMetres: number;
  basis: FacilityThreshold['basis'];
  facilityCount: number;
  residentsShare: number;
  elderlyShare: number;
  estatesShare: number;
  /** Share of residents within 5, 10 and 15 minutes. */
  residentsShareWithinMinutes: Record<string, number>;
  /** Residents by the band of their walk: 0–5, 5–10, 10–15, over 15 minutes, and unreachable. */
  residentsByMinuteBand: { upTo5: number; upTo10: number; upTo15: number; over15: number; unreachable: number };
}

export interface UnitCoverage {
  id: string;
  name: string;
  residents: number;
  residentsAged60Plus: number;
  /** Per type: metres to the nearest facility, or null where none is reachable. */
  walkMetres: Record<string, number | null>;
  walkMinutes: Record<string, number | null>;
  nearestFacility: Record<string, string | null>;
  /** Types not within their distance: the estate's gap list. */
  gaps: string[];
  hasAllEssentials: boolean;
}

export interface Coverage {
  mode: DistanceMode;
  speedMetresPerSecond: number;
  totalResidents: number;
  byType: TypeCoverage[];
  byUnit: UnitCoverage[];
  allEssentials: { groups: typeof essentialGroups; residentsShare: number; elderlyShare: number };
  /** Each essential group on its own: residents with any of its types within that type's distance. */
  byGroup: { key: string; nameZh: string; nameEn: string; facilityTypes: string[]; residentsShare: number; elderlyShare: number; estatesShare: number }[];
}

/** The graph with its segment index, built once per network revision. */
export interface PreparedNetwork {
  graph: WalkingGraph;
  index: SegmentIndex;
}

export function prepareNetwork(graph: WalkingGraph): PreparedNetwork {
  return { graph, index: indexSegments(graph, 100) };
}

/** Residential units with their gates attached to the network (null: a gate off the network). */
export interface AttachedUnits {
  units: ResidentialUnit[];
  gateAttachments: (Attachment | null)[][];
}

/**
 * Attaches every gate once; the attachments depend only on the network and the estates, so they
 * are kept with the graph and reused by every facility type, speed and mode.
 */
export function attachUnits(network: PreparedNetwork, units: ResidentialUnit[], maximumAccessMetres = defaultMaximumAccessMetres): AttachedUnits {
  const { graph, index } = network;
  return {
    units,
    gateAttachments: units.map((unit) =>
      unit.gates.map(([longitude, latitude]) => attachPoint(graph, index, graph.projection.toX(longitude), graph.projection.toY(latitude), maximumAccessMetres))),
  };
}

export const defaultMaximumAccessMetres = 500;

/**
 * Coverage of each facility type: for every estate, the walk from its nearest gate to the
 * nearest facility of the type (one multi-source shortest-path run per type), or the straight
 * line, and the shares of residents, older residents and estates within the type's distance and
 * within 5/10/15 minutes.
 */
export function computeCoverage(
  network: PreparedNetwork,
  attachedUnits: AttachedUnits,
  facilities: FacilityPoint[],
  thresholds: FacilityThreshold[],
  options: CoverageOptions,
): Coverage {
  const { graph } = network;
  const { units, gateAttachments } = attachedUnits;
  const maximumAccessMetres = options.maximumAccessMetres ?? defaultMaximumAccessMetres;
  const measured = thresholds.map((threshold): MeasuredType => {
    const ofType = facilities.filter((facility) => facility.facilityType === threshold.facilityType);
    if (options.mode === 'network') return measureFromWalk(threshold, walkFacilityType(network, gateAttachments, threshold.facilityType, ofType, maximumAccessMetres));
    const straight = measureStraightDistances(graph, units, ofType);
    return {
      threshold,
      facilityCount: ofType.length,
      unitDistanceMetres: straight.distanceMetres,
      nearestFacilityId: (unitIndex) => (straight.facility[unitIndex] >= 0 ? ofType[straight.facility[unitIndex]].id : null),
    };
  });
  return summariseCoverage(units, measured, options);
}

/** One type's distance per estate, however it was measured, ready to be summarised. */
export interface MeasuredType {
  threshold: FacilityThreshold;
  facilityCount: number;
  /** Per estate, in the order of the units; Infinity where no facility is reachable. */
  unitDistanceMetres: Float64Array;
  nearestFacilityId: (unitIndex: number) => string | null;
}

export function measureFromWalk(threshold: FacilityThreshold, typeWalk: FacilityTypeWalk): MeasuredType {
  return {
    threshold,
    facilityCount: typeWalk.facilities.length,
    unitDistanceMetres: typeWalk.unitDistanceMetres,
    nearestFacilityId: (unitIndex) => (typeWalk.unitSource[unitIndex] >= 0 ? typeWalk.sourceFacilityIds[typeWalk.unitSource[unitIndex]] : null),
  };
}

/**
 * The shares of residents, older residents and estates within each type's distance and within
 * 5/10/15 minutes, each estate's gaps, and the essential groups, from each type's distances.
 */
export function summariseCoverage(units: ResidentialUnit[], measured: MeasuredType[], options: Pick<CoverageOptions, 'mode' | 'speedMetresPerSecond'>): Coverage {
  const metresPerMinute = options.speedMetresPerSecond * 60;
  const thresholds = measured.map((type) => type.threshold);
  const byUnit: UnitCoverage[] = units.map((unit) => ({
    id: unit.id, name: unit.name, residents: unit.residents, residentsAged60Plus: unit.residentsAged60Plus,
    walkMetres: {}, walkMinutes: {}, nearestFacility: {}, gaps: [], hasAllEssentials: false,
  }));
  const totalResidents = sum(units.map((unit) => unit.residents));
  const totalElderly = sum(units.map((unit) => unit.residentsAged60Plus));

  const byType = measured.map(({ threshold, facilityCount, unitDistanceMetres, nearestFacilityId }): TypeCoverage => {
    const bands = { upTo5: 0, upTo10: 0, upTo15: 0, over15: 0, unreachable: 0 };
    let residentsCovered = 0;
    let elderlyCovered = 0;
    let estatesCovered = 0;
    const withinMinutes = Object.fromEntries(minuteBands.map((minutes) => [minutes, 0]));
    units.forEach((unit, unitIndex) => {
      const distanceMetres = unitDistanceMetres[unitIndex];
      const reachable = Number.isFinite(distanceMetres);
      const result = byUnit[unitIndex];
      result.walkMetres[threshold.facilityType] = reachable ? round(distanceMetres, 1) : null;
      result.walkMinutes[threshold.facilityType] = reachable ? round(distanceMetres / metresPerMinute, 1) : null;
      result.nearestFacility[threshold.facilityType] = nearestFacilityId(unitIndex);
      if (reachable && distanceMetres <= threshold.walkMetres) {
        residentsCovered += unit.residents;
        elderlyCovered += unit.residentsAged60Plus;
        estatesCovered += 1;
      } else {
        result.gaps.push(threshold.facilityType);
      }
      const minutes = distanceMetres / metresPerMinute;
      for (const band of minuteBands) if (minutes <= band) withinMinutes[band] += unit.residents;
      if (!reachable) bands.unreachable += unit.residents;
      else if (minutes <= 5) bands.upTo5 += unit.residents;
      else if (minutes <= 10) bands.upTo10 += unit.residents;
      else if (minutes <= 15) bands.upTo15 += unit.residents;
      else bands.over15 += unit.residents;
    });
    return {
      facilityType: threshold.facilityType,
      nameZh: threshold.nameZh,
      level: threshold.level,
      walkMetres: threshold.walkMetres,
      basis: threshold.basis,
      facilityCount,
      residentsShare: share(residentsCovered, totalResidents),
      elderlyShare: share(elderlyCovered, totalElderly),
      estatesShare: share(estatesCovered, units.length),
      residentsShareWithinMinutes: Object.fromEntries(minuteBands.map((band) => [band, share(withinMinutes[band], totalResidents)])),
      residentsByMinuteBand: bands,
    };
  });

  // A group is met when any of its types that were computed is within that type's distance.
  const groupsComputed = essentialGroups
    .map((group) => ({ ...group, facilityTypes: group.facilityTypes.filter((type) => thresholds.some((threshold) => threshold.facilityType === type)) }))
    .filter((group) => group.facilityTypes.length > 0);
  const byGroup = groupsComputed.map((group) => {
    const covered = byUnit.filter((unit) => group.facilityTypes.some((type) => !unit.gaps.includes(type)));
    return {
      ...group,
      residentsShare: share(sum(covered.map((unit) => unit.residents)), totalResidents),
      elderlyShare: share(sum(covered.map((unit) => unit.residentsAged60Plus)), totalElderly),
      estatesShare: share(covered.length, units.length),
    };
  });
  let essentialResidents = 0;
  let essentialElderly = 0;
  byUnit.forEach((unit) => {
    unit.hasAllEssentials = groupsComputed.length > 0 && groupsComputed.every((group) => group.facilityTypes.some((type) => !unit.gaps.includes(type)));
    if (unit.hasAllEssentials) {
      essentialResidents += unit.residents;
      essentialElderly += unit.residentsAged60Plus;
    }
  });

  return {
    mode: options.mode,
    speedMetresPerSecond: options.speedMetresPerSecond,
    totalResidents,
    byType,
    byUnit,
    allEssentials: { groups: groupsComputed, residentsShare: share(essentialResidents, totalResidents), elderlyShare: share(essentialElderly, totalElderly) },
    byGroup,
  };
}

/** Nearest straight-line distance from each unit's gates, and the facility it leads to (-1: none). */
interface UnitDistances {
  distanceMetres: Float64Array;
  facility: Int32Array;
}

function measureStraightDistances(graph: WalkingGraph, units: ResidentialUnit[], facilities: FacilityPoint[]): UnitDistances {
  const { toX, toY } = graph.projection;
  const facilityX = facilities.map((facility) => toX(facility.longitude));
  const facilityY = facilities.map((facility) => toY(facility.latitude));
  const result: UnitDistances = { distanceMetres: new Float64Array(units.length).fill(Infinity), facility: new Int32Array(units.length).fill(-1) };
  units.forEach((unit, unitIndex) => {
    for (const [longitude, latitude] of unit.gates) {
      const x = toX(longitude);
      const y = toY(latitude);
      for (let facilityIndex = 0; facilityIndex < facilities.length; facilityIndex++) {
        const distanceMetres = Math.hypot(facilityX[facilityIndex] - x, facilityY[facilityIndex] - y);
        if (distanceMetres < result.distanceMetres[unitIndex]) {
          result.distanceMetres[unitIndex] = distanceMetres;
          result.facility[unitIndex] = facilityIndex;
        }
      }
    }
  });
  return result;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const share = (part: number, whole: number) => (whole > 0 ? round(part / whole, 4) : 0);
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
