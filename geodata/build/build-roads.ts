// Roads: fit each named street through its addresses (fit-road-centreline.ts), then cut it where
// the catalogue says it ends: at another road, or at the end of the ground around the subdistrict
// (surrounding-ground.ts). Where OpenStreetMap maps a road, its line follows OSM. Because ends
// are computed as true crossings of the fitted lines, streets meet exactly at junctions, which
// the walking network relies on.
import type { LineString } from 'geojson';
import { booleanPointInPolygon } from '@turf/turf';
import type { Dataset, DatasetFeature, SourceKind } from './feature-types.ts';
import { makeFeature } from './feature-types.ts';
import { projectToMetres, unprojectToLonLat, type Metres } from './local-projection.ts';
import { parseAddress } from './parse-address.ts';
import type { SourceAddress } from './read-source-files.ts';
import { convertGcj02ToWgs84 } from './build-residents-committees.ts';
import { fitCentreline, orientAxis } from './fit-road-centreline.ts';
import { findCrossings, pointAtLength, polylineLength, projectOntoPolyline, slicePolyline } from './polyline-operations.ts';
import type { OsmStretch, RoadEnd, RoadEntry } from './road-catalogue.ts';
import type { OsmExtract } from './read-source-files.ts';
import { chainOsmWays, describeOsm, describeOsmZh } from './osm-features.ts';
import { fitAxisRobustly } from './fit-road-line.ts';
import { describeShapePlace, type SurroundingGround } from './surrounding-ground.ts';

export interface BuiltRoad {
  entry: RoadEntry;
  longLine: Metres[];
  line: Metres[];
  direction: Metres;
  usedAddressCount: number;
  droppedAddressCount: number;
  dataCentreAlong: number;
  /** The OpenStreetMap ways the line follows, and the stretch of it they draw (the whole line for an OSM road). */
  osmWayIds: string[];
  osmLine: Metres[] | null;
}

// Where a road never leaves the ground within reach (it ends at the river), it stops this far on.
const beyondEdgeMetres = 120;

export function collectRoadAddresses(addresses: SourceAddress[], roadNames: string[], houseNumberBelow = Infinity): SourceAddress[] {
  return addresses.filter((address) => {
    const parsed = parseAddress(address.address);
    return parsed !== null && roadNames.includes(parsed.roadName) && parsed.houseNumber < houseNumberBelow;
  });
}

function anchorToMetres(anchor: { position: [number, number]; coordinateSystem: 'wgs84' | 'gcj02' }): Metres {
  return projectToMetres(anchor.coordinateSystem === 'gcj02' ? convertGcj02ToWgs84(anchor.position) : anchor.position);
}

// An OSM-drawn road runs on this far past the way's ends, so that it can meet its end roads.
const osmExtensionMetres = 60;

function extendStraight(line: Metres[], metres: number): Metres[] {
  const stretch = (from: Metres, to: Metres): Metres => {
    const length = Math.hypot(to[0] - from[0], to[1] - from[1]);
    return [to[0] + ((to[0] - from[0]) / length) * metres, to[1] + ((to[1] - from[1]) / length) * metres];
  };
  return [stretch(line[1], line[0]), ...line, stretch(line.at(-2)!, line.at(-1)!)];
}

// The middle between two parallel lines, where both run side by side, in the first line's order.
function findMiddleLine(first: Metres[], second: Metres[]): Metres[] {
  const [shorter, longer] = polylineLength(first) <= polylineLength(second) ? [first, second] : [second, first];
  const middle = shorter
    .map((point) => ({ point, projection: projectOntoPolyline(longer, point) }))
    .filter(({ projection }) => projection.along > 0.5 && projection.along < polylineLength(longer) - 0.5)
    .map(({ point, projection }): Metres => [(point[0] + projection.point[0]) / 2, (point[1] + projection.point[1]) / 2]);
  return projectOntoPolyline(first, middle[0]).along <= projectOntoPolyline(first, middle.at(-1)!).along ? middle : middle.reverse();
}

function drawOsmStretch(stretch: OsmStretch, osm: OsmExtract): { line: Metres[]; wayIds: string[] } {
  if ('ways' in stretch) return { line: chainOsmWays(osm, stretch.ways), wayIds: stretch.ways };
  const [first, second] = stretch.middleOf;
  return { line: findMiddleLine(chainOsmWays(osm, first), chainOsmWays(osm, second)), wayIds: [...first, ...second] };
}

// Replaces the stretch of a fitted line that OpenStreetMap draws with the OSM line. The fit is
// left 150 m before the OSM line begins and rejoined 150 m after it ends, so the line bends
// over to the OSM position instead of stepping.
function spliceOsmStretch(longLine: Metres[], stretch: Metres[]): Metres[] {
  const startAlong = projectOntoPolyline(longLine, stretch[0]).along;
  const endAlong = projectOntoPolyline(longLine, stretch.at(-1)!).along;
  const oriented = startAlong <= endAlong ? stretch : [...stretch].reverse();
  const [from, to] = [Math.min(startAlong, endAlong), Math.max(startAlong, endAlong)];
  const before = slicePolyline(longLine, 0, Math.max(0, from - 150));
  const after = slicePolyline(longLine, Math.min(polylineLength(longLine), to + 150), polylineLength(longLine));
  return [...before, ...oriented, ...after];
}

function fitLongLine(entry: RoadEntry, addresses: SourceAddress[], built: Map<string, BuiltRoad>, osm: OsmExtract) {
  const evidence = entry.evidence;
  if (evidence.method === 'osm') {
    const drawn = chainOsmWays(osm, evidence.ways);
    const axis = orientAxis(fitAxisRobustly(drawn, null, Infinity).axis);
    // Drawn in the catalogue's direction (west→east or north→south), like the fitted roads.
    const along = (point: Metres) => (point[0] - axis.origin[0]) * axis.direction[0] + (point[1] - axis.origin[1]) * axis.direction[1];
    const line = along(drawn[0]) <= along(drawn.at(-1)!) ? drawn : [...drawn].reverse();
    return { fit: { line: extendStraight(line, osmExtensionMetres), keptPoints: [line[0], line.at(-1)!], axis, usedPointCount: 0 }, pointCount: 0 };
  }
  if (evidence.method === 'anchors') {
    const points = evidence.anchors.map(anchorToMetres);
    const fit = fitCentreline(points, { fixedDirection: null, bending: false, dropBeyondMetres: Infinity });
    return { fit, pointCount: points.length };
  }
  const points = [
    ...collectRoadAddresses(addresses, evidence.addressRoadNames, evidence.houseNumberBelow).map((address) => projectToMetres(address.position)),
    ...(evidence.anchors ?? []).map(anchorToMetres),
  ];
  const fixedDirection = evidence.parallelTo ? built.get(evidence.parallelTo)!.direction : null;
  // Lane (弄) geocodes can sit 150 m inside an estate; beyond that a point is a mismatch.
  const fit = fitCentreline(points, { fixedDirection, bending: evidence.bending, dropBeyondMetres: 150 });
  return { fit, pointCount: points.length };
}

function alongOfEnd(
  end: RoadEnd,
  which: 'from' | 'to',
  longLine: Metres[],
  ground: SurroundingGround,
  built: Map<string, BuiltRoad>,
  dataCentreAlong: number,
  roadName: string,
  evidenceAlongs: number[],
): number {
  if ('lastAddress' in end) {
    return which === 'from' ? Math.min(...evidenceAlongs) - 30 : Math.max(...evidenceAlongs) + 30;
  }
  if ('drawnEnd' in end) {
    return which === 'from' ? osmExtensionMetres : polylineLength(longLine) - osmExtensionMetres;
  }
  if ('edge' in end) {
    // Out from where the road leaves the subdistrict (or from the middle of its evidence, for a
    // street of a neighbouring township) to where it leaves the ground within reach.
    const boundaryCrossings = findCrossings(longLine, ground.boundaryZoneRing);
    const reachCrossings = findCrossings(longLine, ground.reachableRing);
    if (which === 'from') {
      const reference = boundaryCrossings[0]?.alongFirst ?? dataCentreAlong;
      return reachCrossings.filter((crossing) => crossing.alongFirst < reference).at(-1)?.alongFirst ?? reference - beyondEdgeMetres;
    }
    const reference = boundaryCrossings.at(-1)?.alongFirst ?? dataCentreAlong;
    return reachCrossings.find((crossing) => crossing.alongFirst > reference)?.alongFirst ?? reference + beyondEdgeMetres;
  }
  const other = built.get(end.road);
  if (!other) throw new Error(`${roadName} ends at ${end.road}, which is not built before it`);
  const crossings = findCrossings(longLine, other.longLine);
  if (crossings.length === 0) throw new Error(`${roadName} never meets ${other.entry.name}`);
  return crossings.reduce((best, crossing) =>
    Math.abs(crossing.alongFirst - dataCentreAlong) < Math.abs(best.alongFirst - dataCentreAlong) ? crossing : best,
  ).alongFirst;
}

export function buildRoadCentrelines(catalogue: RoadEntry[], addresses: SourceAddress[], ground: SurroundingGround, osm: OsmExtract): BuiltRoad[] {
  const built = new Map<string, BuiltRoad>();
  for (const entry of catalogue) {
    const { fit, pointCount } = fitLongLine(entry, addresses, built, osm);
    // The long line reaches equally far beyond both ends of the evidence, so its middle is the
    // middle of the evidence: where a crossing is searched from when a road meets another twice.
    const centreAlong = polylineLength(fit.line) / 2;
    const osmStretch = entry.evidence.method !== 'osm' && entry.evidence.osmStretch ? drawOsmStretch(entry.evidence.osmStretch, osm) : null;
    const longLine = osmStretch ? spliceOsmStretch(fit.line, osmStretch.line) : fit.line;
    const evidenceAlongs = fit.keptPoints.map((point) => projectOntoPolyline(longLine, point).along);
    const fromAlong = alongOfEnd(entry.from, 'from', longLine, ground, built, centreAlong, entry.name, evidenceAlongs);
    const toAlong = alongOfEnd(entry.to, 'to', longLine, ground, built, centreAlong, entry.name, evidenceAlongs);
    const line = slicePolyline(longLine, Math.min(fromAlong, toAlong), Math.max(fromAlong, toAlong));
    built.set(entry.id, {
      entry,
      longLine,
      line,
      direction: fit.axis.direction,
      usedAddressCount: fit.usedPointCount,
      droppedAddressCount: pointCount - fit.usedPointCount,
      dataCentreAlong: centreAlong,
      osmWayIds: entry.evidence.method === 'osm' ? entry.evidence.ways : osmStretch?.wayIds ?? [],
      osmLine: entry.evidence.method === 'osm' ? longLine : osmStretch?.line ?? null,
    });
  }
  return [...built.values()];
}

// The share of a part of a road that runs along the OSM stretch spliced into it.
function measureOsmShare(road: BuiltRoad, part: Metres[]): number {
  if (!road.osmLine) return 0;
  const alongs = [road.osmLine[0], road.osmLine.at(-1)!].map((point) => projectOntoPolyline(part, point).along);
  return Math.abs(alongs[1] - alongs[0]) / polylineLength(part);
}

/** The source a part of a road carries (a map feature, a walking edge): OSM where OSM draws most of it. */
export function sourceOfRoadPart(road: BuiltRoad, part: Metres[]): SourceKind {
  if (measureOsmShare(road, part) >= 0.5) return 'osm';
  return road.entry.sourceOverride ?? (road.entry.evidence.method === 'addresses' ? 'address-derived' : 'estimated');
}

function describeEnd(end: RoadEnd, built: BuiltRoad[]): string {
  if ('lastAddress' in end) return 'just past its last geocoded address';
  if ('drawnEnd' in end) return 'where OpenStreetMap ends it';
  return 'edge' in end ? 'the end of the ground within reach (1.6 km past the subdistrict, or the river)' : built.find((road) => road.entry.id === end.road)!.entry.name;
}

function describeEndZh(end: RoadEnd, built: BuiltRoad[]): string {
  if ('lastAddress' in end) return '最后一个地理编码地址稍外处';
  if ('drawnEnd' in end) return '其在 OpenStreetMap 中的端点';
  return 'edge' in end ? '可步行范围的边缘（街道边界外1.6公里，或至黄浦江）' : built.find((road) => road.entry.id === end.road)!.entry.name;
}

/** A road cut where it leaves the subdistrict's zone (the boundary widened by 60 m), in order. */
export function splitAtBoundaryZone(line: Metres[], ground: SurroundingGround): { coordinates: Metres[]; outside: boolean }[] {
  const length = polylineLength(line);
  const cuts = [0, ...findCrossings(line, ground.boundaryZoneRing).map((crossing) => crossing.alongFirst), length].sort((a, b) => a - b);
  const pieces: { coordinates: Metres[]; outside: boolean }[] = [];
  for (let index = 1; index < cuts.length; index++) {
    if (cuts[index] - cuts[index - 1] < 1) continue;
    const coordinates = slicePolyline(line, cuts[index - 1], cuts[index]);
    const middle = unprojectToLonLat(pointAtLength(coordinates, polylineLength(coordinates) / 2));
    const outside = !booleanPointInPolygon(middle, ground.boundaryZone);
    const previous = pieces.at(-1);
    if (previous && previous.outside === outside) previous.coordinates = [...previous.coordinates, ...coordinates.slice(1)];
    else pieces.push({ coordinates, outside });
  }
  return pieces;
}

// At least two of the road's addresses within 300 m of the part, lying a median 80 m or less from it.
function isBackedByAddresses(part: Metres[], road: BuiltRoad, addresses: SourceAddress[]): boolean {
  if (road.entry.evidence.method !== 'addresses') return false;
  const distances = collectRoadAddresses(addresses, road.entry.evidence.addressRoadNames)
    .map((address) => projectOntoPolyline(part, projectToMetres(address.position)).distance)
    .filter((distance) => distance < 300)
    .sort((a, b) => a - b);
  return distances.length >= 2 && distances[Math.floor((distances.length - 1) / 2)] <= 80;
}

export function buildRoads(built: BuiltRoad[], ground: SurroundingGround, addresses: SourceAddress[]): Dataset {
  const features: DatasetFeature[] = built.flatMap((road) => {
    const { entry } = road;
    const evidence = entry.evidence;
    const fittedText = evidence.method === 'addresses'
      ? `Centreline fitted through ${road.usedAddressCount} geocoded addresses naming ${evidence.addressRoadNames.join('/')} (${road.droppedAddressCount} dropped as more than 150 m off)`
      : evidence.method === 'anchors' ? `Centreline drawn through ${evidence.anchors.map((anchor) => anchor.label).join(' and ')}` : '';
    const osmText = evidence.method === 'osm'
      ? `Centreline of ${describeOsm('way', evidence.ways)}, continued straight to its end roads`
      : road.osmWayIds.length > 0 ? `; where OpenStreetMap maps it, it follows ${describeOsm('way', road.osmWayIds)}${'middleOf' in evidence.osmStretch! ? ', midway between the two' : ''}` : '';
    const fittedTextZh = evidence.method === 'addresses'
      ? `中心线依据${road.usedAddressCount}个提及${evidence.addressRoadNames.join('/')}的地理编码地址拟合（另有${road.droppedAddressCount}个偏离超过150米，已剔除）`
      : evidence.method === 'anchors' ? `中心线穿过${evidence.anchors.map((anchor) => anchor.labelZh).join('和')}绘制` : '';
    const osmTextZh = evidence.method === 'osm'
      ? `中心线取自 ${describeOsmZh('way', evidence.ways)}，并直线延伸至两端相交道路`
      : road.osmWayIds.length > 0 ? `；OpenStreetMap 已绘制的路段沿用 ${describeOsmZh('way', road.osmWayIds)}${'middleOf' in evidence.osmStretch! ? '，取两者正中' : ''}` : '';
    const describe = (part: Metres[], outside: boolean) => {
      const fittedSource = sourceOfRoadPart(road, part);
      // Beyond the boundary a fitted line is only as good as the addresses along that part.
      const source = outside && fittedSource === 'address-derived' && !isBackedByAddresses(part, road, addresses) ? 'estimated' : fittedSource;
      const share = Math.round(measureOsmShare(road, part) * 100);
      const showsShare = share > 0 && evidence.method !== 'osm';
      return {
        source,
        source_detail: `${fittedText}${osmText}${showsShare ? ` (${share} % of this part)` : ''}; runs from ${describeEnd(entry.from, built)} to ${describeEnd(entry.to, built)}. Width and lanes are typical for its class, not surveyed.`,
        source_detail_zh: `${fittedTextZh}${osmTextZh}${showsShare ? `（占本段${share}%）` : ''}；起于${describeEndZh(entry.from, built)}，止于${describeEndZh(entry.to, built)}。宽度和车道数为该等级道路的典型值，非实测。`,
        confidence: source === 'osm' ? 'high' as const : source !== fittedSource ? 'low' as const : entry.confidence,
      };
    };
    const shared = {
      class: entry.roadClass,
      width_metres: entry.widthMetres,
      lanes: entry.lanes,
      ...(road.osmWayIds.length > 0 ? { osm_way_ids: road.osmWayIds } : {}),
      ...(entry.note ? { note: entry.note, note_zh: entry.noteZh } : {}),
    };
    // The part in the subdistrict keeps the road's id and name; each part beyond is its own
    // feature named after its township (张杨路（洋泾街道段）), drawn muted.
    const pieces = splitAtBoundaryZone(road.line, ground);
    const insideCount = pieces.filter((piece) => !piece.outside).length;
    const usedNames = new Set<string>();
    let insideIndex = 0;
    let outsideIndex = 0;
    return pieces.map((piece) => {
      const geometry: LineString = { type: 'LineString', coordinates: piece.coordinates.map(unprojectToLonLat) };
      if (!piece.outside) {
        insideIndex += 1;
        return makeFeature(insideCount === 1 ? entry.id : `${entry.id}-${insideIndex}`, geometry, { name: insideCount === 1 ? entry.name : `${entry.name}（${insideIndex}）`, name_en: entry.name_en, ...describe(piece.coordinates, false), ...shared });
      }
      outsideIndex += 1;
      const place = describeShapePlace(geometry, ground);
      let name = `${entry.name}（${place.township}段）`;
      if (usedNames.has(name)) name = `${entry.name}（${place.township}段${outsideIndex}）`;
      usedNames.add(name);
      return makeFeature(`${entry.id}-outside-${outsideIndex}`, geometry, { name, name_en: entry.name_en, ...describe(piece.coordinates, true), ...shared, outside_boundary: true, township: place.township });
    });
  });
  return {
    collectionId: 'roads',
    header: {
      title: '道路',
      titleEn: 'Roads',
      description: 'Named streets of 潍坊新村街道 and of the ground 1.6 km around it, fitted through geocoded addresses (house numbers order them) or taken from OpenStreetMap, and joined at their crossings; not a survey. Parts outside the subdistrict say outside_boundary and their township.',
    },
    features,
  };
}
