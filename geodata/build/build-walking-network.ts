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
import { findCrossings, polylineLength, projectOntoPolyline, removeLoops } from './polyline-operations.ts';
import type { BuiltRoad } from './build-roads.ts';
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
    source: road.entry.sourceOverride ?? (road.entry.evidence.method === 'addresses' ? 'address-derived' : 'estimated'),
    sourceDetail: `Pavements of ${road.entry.name}, along its fitted centreline (see roads).`,
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
      });
      lines.push({
        ...shared,
        id: `lane-${estate.entry.id}-inner-${index + 1}`,
        coordinates: [gate.gate, centre],
        name: `${estate.entry.name}内部通道`,
        sourceDetail: 'Generated: a straight internal lane from the gate to the middle of the estate, standing for its real lanes.',
      });
    });
  }

  const byId = new Map(roads.map((road) => [road.entry.id, road]));
  const shorePath = offsetInland(traceBoundaryBetween(subdistrict, shoreNorthEnd, creekWestEnd), 25, subdistrict);
  lines.push({
    id: 'path-huangpu-riverside', coordinates: shorePath, kind: 'path', name: '黄浦江东岸滨江步道',
    source: 'estimated', sourceDetail: 'The east-bank riverside path (opened 2017) drawn 25 m inland of the shore line of the boundary; real alignment not surveyed.', confidence: 'medium',
  });
  const creekLine = traceBoundaryBetween(subdistrict, creekWestEnd, creekEastEnd);
  const creekPath = offsetInland(creekLine, 25, subdistrict);
  lines.push({
    id: 'path-zhangjiabang-bank', coordinates: creekPath, kind: 'path', name: '张家浜滨河步道',
    source: 'estimated', sourceDetail: 'A bank path along the north side of 张家浜, 25 m from the creek centreline; assumed continuous between the streets.', confidence: 'low',
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
    });
  }
  lines.push({
    id: 'path-creek-mouth-link', coordinates: [creekPath[0], projectOntoPolyline(shorePath, creekPath[0]).point], kind: 'path', name: '张家浜河口连接通道',
    source: 'estimated', sourceDetail: 'Assumed link between the creek bank path and the riverside path at the creek mouth.', confidence: 'low',
  });
  return lines;
}

export function buildWalkingNetwork(roads: BuiltRoad[], estates: BuiltEstate[], subdistrict: Polygon): { dataset: Dataset; report: string[] } {
  const lines = collectWalkLines(roads, estates, subdistrict);
  const network = nodeLines(lines.map((line) => ({ id: line.id, coordinates: line.coordinates })));
  const byId = new Map(lines.map((line) => [line.id, line]));
  const nodeId = (index: number) => `node-${String(index + 1).padStart(4, '0')}`;
  const features: DatasetFeature[] = network.pieces.map((piece) => {
    const line = byId.get(piece.lineId)!;
    const geometry: LineString = { type: 'LineString', coordinates: piece.coordinates.map(unprojectToLonLat) };
    return makeFeature(`walk-${piece.lineId}-${piece.pieceIndex}`, geometry, {
      name: line.name,
      source: line.source,
      source_detail: line.sourceDetail,
      confidence: line.confidence,
      kind: line.kind,
      from_node: nodeId(piece.fromNode),
      to_node: nodeId(piece.toNode),
      length_metres: Math.round(polylineLength(piece.coordinates) * 10) / 10,
    });
  });
  const components = countComponents(network.nodes.length, network.pieces);
  const report = [
    `walking_network: ${network.pieces.length} edges, ${new Set(network.pieces.flatMap((piece) => [piece.fromNode, piece.toNode])).size} nodes, ${components.length} connected component(s)`,
    ...components.slice(1).map((component) => `  not connected: ${component.length} nodes, e.g. ${nodeId(component[0])}`),
  ];
  return {
    dataset: {
      collectionId: 'walking_network',
      header: {
        title: '步行网络',
        titleEn: 'Walking network',
        description: 'Streets, estate lanes and waterside paths noded at every crossing (from_node / to_node), one connected network for walking-distance analysis. Lanes are generated, not surveyed.',
      },
      features,
    },
    report,
  };
}
