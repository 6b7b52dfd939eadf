// Roads: fit each named street through its addresses (fit-road-centreline.ts), then cut it where
// the catalogue says it ends: at another road, or just past the subdistrict edge. Because ends
// are computed as true crossings of the fitted lines, streets meet exactly at junctions, which
// the walking network relies on.
import type { LineString, Polygon } from 'geojson';
import type { Dataset, DatasetFeature } from './feature-types.ts';
import { makeFeature } from './feature-types.ts';
import { projectToMetres, unprojectToLonLat, type Metres } from './local-projection.ts';
import { parseAddress } from './parse-address.ts';
import type { SourceAddress } from './read-source-files.ts';
import { convertGcj02ToWgs84 } from './build-residents-committees.ts';
import { fitCentreline } from './fit-road-centreline.ts';
import { findCrossings, polylineLength, projectOntoPolyline, slicePolyline } from './polyline-operations.ts';
import type { RoadEnd, RoadEntry } from './road-catalogue.ts';

export interface BuiltRoad {
  entry: RoadEntry;
  longLine: Metres[];
  line: Metres[];
  direction: Metres;
  usedAddressCount: number;
  droppedAddressCount: number;
  dataCentreAlong: number;
}

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

function fitLongLine(entry: RoadEntry, addresses: SourceAddress[], built: Map<string, BuiltRoad>) {
  const evidence = entry.evidence;
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
  boundaryRing: Metres[],
  built: Map<string, BuiltRoad>,
  dataCentreAlong: number,
  roadName: string,
  evidenceAlongs: number[],
): number {
  if ('lastAddress' in end) {
    return which === 'from' ? Math.min(...evidenceAlongs) - 30 : Math.max(...evidenceAlongs) + 30;
  }
  if ('edge' in end) {
    const crossings = findCrossings(longLine, boundaryRing);
    if (crossings.length === 0) throw new Error(`${roadName} never crosses the subdistrict edge`);
    return which === 'from' ? crossings[0].alongFirst - beyondEdgeMetres : crossings.at(-1)!.alongFirst + beyondEdgeMetres;
  }
  const other = built.get(end.road);
  if (!other) throw new Error(`${roadName} ends at ${end.road}, which is not built before it`);
  const crossings = findCrossings(longLine, other.longLine);
  if (crossings.length === 0) throw new Error(`${roadName} never meets ${other.entry.name}`);
  return crossings.reduce((best, crossing) =>
    Math.abs(crossing.alongFirst - dataCentreAlong) < Math.abs(best.alongFirst - dataCentreAlong) ? crossing : best,
  ).alongFirst;
}

export function buildRoadCentrelines(catalogue: RoadEntry[], addresses: SourceAddress[], subdistrict: Polygon): BuiltRoad[] {
  const boundaryRing = subdistrict.coordinates[0].map((position) => projectToMetres(position as [number, number]));
  const built = new Map<string, BuiltRoad>();
  for (const entry of catalogue) {
    const { fit, pointCount } = fitLongLine(entry, addresses, built);
    // The long line reaches equally far beyond both ends of the evidence, so its middle is the
    // middle of the evidence: where a crossing is searched from when a road meets another twice.
    const centreAlong = polylineLength(fit.line) / 2;
    const evidenceAlongs = fit.keptPoints.map((point) => projectOntoPolyline(fit.line, point).along);
    const fromAlong = alongOfEnd(entry.from, 'from', fit.line, boundaryRing, built, centreAlong, entry.name, evidenceAlongs);
    const toAlong = alongOfEnd(entry.to, 'to', fit.line, boundaryRing, built, centreAlong, entry.name, evidenceAlongs);
    built.set(entry.id, {
      entry,
      longLine: fit.line,
      line: slicePolyline(fit.line, Math.min(fromAlong, toAlong), Math.max(fromAlong, toAlong)),
      direction: fit.axis.direction,
      usedAddressCount: fit.usedPointCount,
      droppedAddressCount: pointCount - fit.usedPointCount,
      dataCentreAlong: centreAlong,
    });
  }
  return [...built.values()];
}

function describeEnd(end: RoadEnd, built: BuiltRoad[]): string {
  if ('lastAddress' in end) return 'just past its last geocoded address';
  return 'edge' in end ? 'the subdistrict edge' : built.find((road) => road.entry.id === end.road)!.entry.name;
}

export function buildRoads(built: BuiltRoad[]): Dataset {
  const features: DatasetFeature[] = built.map((road) => {
    const { entry } = road;
    const geometry: LineString = { type: 'LineString', coordinates: road.line.map(unprojectToLonLat) };
    const fromAddresses = entry.evidence.method === 'addresses';
    const evidenceText = fromAddresses
      ? `Centreline fitted through ${road.usedAddressCount} geocoded addresses naming ${(entry.evidence as { addressRoadNames: string[] }).addressRoadNames.join('/')} (${road.droppedAddressCount} dropped as more than 150 m off)`
      : `Centreline drawn through ${(entry.evidence as { anchors: { label: string }[] }).anchors.map((anchor) => anchor.label).join(' and ')}`;
    return makeFeature(entry.id, geometry, {
      name: entry.name,
      name_en: entry.name_en,
      source: entry.sourceOverride ?? (fromAddresses ? 'address-derived' : 'estimated'),
      source_detail: `${evidenceText}; runs from ${describeEnd(entry.from, built)} to ${describeEnd(entry.to, built)}. Width and lanes are typical for its class, not surveyed.`,
      confidence: entry.confidence,
      class: entry.roadClass,
      width_metres: entry.widthMetres,
      lanes: entry.lanes,
      ...(entry.note ? { note: entry.note } : {}),
    });
  });
  return {
    collectionId: 'roads',
    header: {
      title: '道路',
      titleEn: 'Roads',
      description: 'Named streets of 潍坊新村街道 and its edges, fitted through geocoded addresses (house numbers order them) and joined at their crossings; not a survey.',
    },
    features,
  };
}
