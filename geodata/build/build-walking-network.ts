// The walking network: every street, the lanes (弄) from each estate's gates to its street and
// on to the middle of the estate, and the two waterside paths (Huangpu shore, 张家浜 bank) with
// short links to the nearest junctions. All of it is noded at every crossing (node-lines.ts),
// so routing can run on it as is.
import type { LineString, Polygon } from 'geojson';
import { booleanPointInPolygon, lineOffset, lineString, pointOnFeature, simplify } from '@turf/turf';
import type { Confidence, Dataset, DatasetFeature, SourceKind } from './feature-types.ts';
import { makeFeature } from './feature-types.ts';
import { projectToMetres, unprojectToLonLat, type LonLat, type Metres } from './local-projection.ts';
import { countComponents, nodeLines } from './node-lines.ts';
import { findCrossings, projectOntoPolyline, removeLoops } from './polyline-operations.ts';
import { measureLineMetres } from '../../server/analysis/local-metres.ts';
import { roundCoordinate } from './serialize-dataset.ts';
import { sourceOfRoadPart, type BuiltRoad } from './build-roads.ts';
import type { OsmExtract } from './read-source-files.ts';
import { describeOsm, describeOsmZh } from './osm-features.ts';
import { describeShapePlace, type SurroundingGround } from './surrounding-ground.ts';
import type { BuiltEstate } from './build-neighbourhoods.ts';
import { creekEastEnd, creekWestEnd, shoreNorthEnd, traceBoundaryBetween } from './trace-boundary-edges.ts';

type WalkKind = 'street' | 'lane' | 'path';

interface WalkLine {
  id: string;
  coordinates: Metres[];
  kind: WalkKind;
  name: string;
  source: SourceKind;
  sourceDetail: string;
  sourceDetailZh: string;
  confidence: Confidence;
}

// Offsets a waterside line inland: whichever side keeps the path inside the subdistrict.
function offsetInland(line: LonLat[], metres: number, subdistrict: Polygon): Metres[] {
  const simplified = simplify(lineString(line), { tolerance: 0.00006, highQuality: true });
  const candidates = [metres, -metres].map((distance) => lineOffset(simplified, distance, { units: 'meters' }).geometry.coordinates as LonLat[]);
  const insideCount = (coordinates: LonLat[]) => coordinates.filter((position) => booleanPointInPolygon(position, subdistrict)).length;
  const best = insideCount(candidates[0]) >= insideCount(candidates[1]) ? candidates[0] : candidates[1];
  return removeLoops(best.map(projectToMetres));
}

// Where two roads meet: a crossing, or one road ending on the other (a T-junction, which a
// crossing test can miss by a rounding hair).
function findJunction(first: BuiltRoad, second: BuiltRoad): Metres {
  const crossing = findCrossings(first.line, second.line)[0];
  if (crossing) return crossing.point;
  for (const [line, other] of [[second.line, first.line], [first.line, second.line]]) {
    for (const end of [line[0], line.at(-1)!]) {
      if (projectOntoPolyline(other, end).distance < 0.5) return end;
    }
  }
  throw new Error(`${first.entry.name} and ${second.entry.name} do not meet`);
}

function collectWalkLines(roads: BuiltRoad[], estates: BuiltEstate[], subdistrict: Polygon): WalkLine[] {
  const lines: WalkLine[] = roads.map((road) => ({
    id: road.entry.id,
    coordinates: road.line,
    kind: 'street',
    name: road.entry.name,
    source: sourceOfRoadPart(road, road.line),
    sourceDetail: `Pavements of ${road.entry.name}, along its fitted centreline (see roads).`,
    sourceDetailZh: `${road.entry.name}的人行道，沿其拟合中心线（见道路图层）。`,
    confidence: road.entry.confidence,
  }));

  for (const estate of estates) {
    const centre = projectToMetres(pointOnFeature(estate.polygon).geometry.coordinates as LonLat);
    estate.gates.forEach((gate, index) => {
      const shared = { kind: 'lane' as const, source: 'generated' as const, confidence: 'low' as const };
      lines.push({
        ...shared,
        id: `lane-${estate.entry.id}-gate-${index + 1}`,
        coordinates: [gate.foot, gate.gate],
        name: `${estate.entry.name}出入口`,
        sourceDetail: 'Generated: from the street to the estate gate, placed where the estate comes closest to a quiet street.',
        sourceDetailZh: '生成：自道路至小区出入口，出入口置于小区最靠近车流较少道路之处。',
      });
      lines.push({
        ...shared,
        id: `lane-${estate.entry.id}-inner-${index + 1}`,
        coordinates: [gate.gate, centre],
        name: `${estate.entry.name}内部通道`,
        sourceDetail: 'Generated: a straight internal lane from the gate to the middle of the estate, standing for its real lanes.',
        sourceDetailZh: '生成：自出入口至小区中部的直线内部通道，代表其实际的内部道路。',
      });
    });
  }

  const byId = new Map(roads.map((road) => [road.entry.id, road]));
  const shorePath = offsetInland(traceBoundaryBetween(subdistrict, shoreNorthEnd, creekWestEnd), 25, subdistrict);
  lines.push({
    id: 'path-huangpu-riverside', coordinates: shorePath, kind: 'path', name: '黄浦江东岸滨江步道',
    source: 'estimated', sourceDetail: 'The east-bank riverside path (opened 2017) drawn 25 m inland of the shore line of the boundary; real alignment not surveyed.', confidence: 'medium',
    sourceDetailZh: '东岸滨江步道（2017年开放），按边界岸线向内25米绘制；实际走向未经实测。',
  });
  const creekLine = traceBoundaryBetween(subdistrict, creekWestEnd, creekEastEnd);
  const creekPath = offsetInland(creekLine, 25, subdistrict);
  lines.push({
    id: 'path-zhangjiabang-bank', coordinates: creekPath, kind: 'path', name: '张家浜滨河步道',
    source: 'estimated', sourceDetail: 'A bank path along the north side of 张家浜, 25 m from the creek centreline; assumed continuous between the streets.', confidence: 'low',
    sourceDetailZh: '张家浜北侧滨河步道，距河道中心线25米；假定在道路之间连续贯通。',
  });

  // Links from the riverside path to the junctions on 浦明路 nearest the shore, and between the
  // two waterside paths at the creek mouth.
  const puming = byId.get('road-pumin')!;
  const links: [string, Metres][] = [
    ['zhangyang', findJunction(puming, byId.get('road-zhangyang')!)],
    ['weifang-west', findJunction(puming, byId.get('road-weifang-west')!)],
    ['pudian', findJunction(puming, byId.get('road-pudian')!)],
  ];
  for (const [name, junction] of links) {
    lines.push({
      id: `path-riverside-link-${name}`, coordinates: [junction, projectOntoPolyline(shorePath, junction).point], kind: 'path', name: '滨江连接通道',
      source: 'estimated', sourceDetail: 'Assumed public access from the 浦明路 junction to the riverside path.', confidence: 'low',
      sourceDetailZh: '假定自浦明路路口可公共通行至滨江步道。',
    });
  }
  lines.push({
    id: 'path-creek-mouth-link', coordinates: [creekPath[0], projectOntoPolyline(shorePath, creekPath[0]).point], kind: 'path', name: '张家浜河口连接通道',
    source: 'estimated', sourceDetail: 'Assumed link between the creek bank path and the riverside path at the creek mouth.', confidence: 'low',
    sourceDetailZh: '假定在河口处连接滨河步道与滨江步道。',
  });
  return lines;
}

// The lanes and estate roads OpenStreetMap maps in the 东方路–浦电路–世纪大道 corner (the named
// streets of the extract are roads). A lane that stops short of a street within this distance
// is joined to it: OSM ends it on a carriageway that the road's centreline here does not follow.
const osmLaneKinds = ['unclassified', 'service'];
const osmLaneJoinMetres = 30;

function collectOsmLanes(osm: OsmExtract, roads: BuiltRoad[]): WalkLine[] {
  return osm.highways
    .filter((way) => osmLaneKinds.includes(way.tags.highway) && !way.tags.name?.startsWith('世纪大道'))
    .map((way) => {
      const coordinates = ((way.geometry as LineString).coordinates as LonLat[]).map(projectToMetres);
      const joinEnd = (end: Metres): Metres[] => {
        const nearest = roads.map((road) => projectOntoPolyline(road.line, end)).reduce((best, candidate) => (candidate.distance < best.distance ? candidate : best));
        return nearest.distance > 0.01 && nearest.distance < osmLaneJoinMetres ? [nearest.point] : [];
      };
      return {
        id: `lane-osm-${way.osmId}`,
        coordinates: [...joinEnd(coordinates[0]), ...coordinates, ...joinEnd(coordinates.at(-1)!)],
        kind: 'lane' as const,
        name: way.tags.name ?? '小区道路',
        source: 'osm' as const,
        sourceDetail: `${describeOsm('way', [way.osmId])}, highway=${way.tags.highway}; ends within ${osmLaneJoinMetres} m of a street are joined to it.`,
        sourceDetailZh: `${describeOsmZh('way', [way.osmId])}，highway=${way.tags.highway}；端点距道路不足${osmLaneJoinMetres}米的，与该道路相接。`,
        confidence: 'high' as const,
      };
    });
}

export function buildWalkingNetwork(roads: BuiltRoad[], estates: BuiltEstate[], ground: SurroundingGround, osm: OsmExtract): { dataset: Dataset; report: string[] } {
  const lines = [...collectWalkLines(roads, estates, ground.subdistrict), ...collectOsmLanes(osm, roads)];
  // The edge of the subdistrict's zone is noded like a crossing, so every edge is either the
  // subdistrict's own or outside, never both; its own pieces are not walking edges.
  const zoneEdgeId = 'boundary-zone-edge';
  const network = nodeLines([...lines.map((line) => ({ id: line.id, coordinates: line.coordinates })), { id: zoneEdgeId, coordinates: ground.boundaryZoneRing }]);
  const byId = new Map(lines.map((line) => [line.id, line]));
  const roadById = new Map(roads.map((road) => [road.entry.id, road]));
  const nodeId = (index: number) => `node-${String(index + 1).padStart(4, '0')}`;
  const walkPieces = network.pieces.filter((piece) => piece.lineId !== zoneEdgeId);
  const features: DatasetFeature[] = walkPieces.map((piece) => {
    const line = byId.get(piece.lineId)!;
    const road = roadById.get(piece.lineId);
    const geometry: LineString = { type: 'LineString', coordinates: piece.coordinates.map(unprojectToLonLat) };
    // Measured on the ellipsoid from the positions as stored (rounded), so it matches the line drawn.
    return makeFeature(`walk-${piece.lineId}-${piece.pieceIndex}`, geometry, {
      name: line.name,
      source: road ? sourceOfRoadPart(road, piece.coordinates) : line.source,
      source_detail: line.sourceDetail,
      source_detail_zh: line.sourceDetailZh,
      confidence: line.confidence,
      kind: line.kind,
      from_node: nodeId(piece.fromNode),
      to_node: nodeId(piece.toNode),
      length_metres: Math.round(measureLineMetres(geometry.coordinates.map((position) => position.map(roundCoordinate))) * 10) / 10,
      ...describeShapePlace(geometry, ground),
    });
  });
  const components = countComponents(network.nodes.length, walkPieces);
  const report = [
    `walking_network: ${walkPieces.length} edges (${features.filter((feature) => feature.properties.outside_boundary).length} outside), ${new Set(walkPieces.flatMap((piece) => [piece.fromNode, piece.toNode])).size} nodes, ${components.length} connected component(s)`,
    ...components.slice(1).map((component) => `  not connected: ${component.length} nodes, e.g. ${nodeId(component[0])}`),
  ];
  return {
    dataset: {
      collectionId: 'walking_network',
      header: {
        title: '步行网络',
        titleEn: 'Walking network',
        description: 'Streets, estate lanes and waterside paths noded at every crossing (from_node / to_node), one connected network for walking-distance analysis, carried 1.6 km past the boundary (outside_boundary, township) so walks across 张杨路, 源深路 and 张家浜 count. Estate lanes are generated, except the OpenStreetMap lanes of the 东方路–世纪大道 corner; lengths are on the WGS 84 ellipsoid.',
      },
      features,
    },
    report,
  };
}
