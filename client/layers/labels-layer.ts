import { TextLayer } from '@deck.gl/layers';
import type { Position } from 'geojson';
import type { PlaceCollection, PlaceFeature } from '../api/collections.ts';
import { anchorOfGeometry, boundsOfGeometry } from '../geometry/geometry-bounds.ts';
import { drawnOverBuildings, haloTextStyle, type LayerOptions } from './layer-options.ts';
import type { Colour } from './palette.ts';
import { thinOverlappingLabels } from './thin-overlapping-labels.ts';

export interface PlaceLabel {
  text: string;
  position: [number, number];
  /** Degrees counter-clockwise, for road names that follow their road. */
  angle: number;
  sizePixels: number;
  colour: Colour;
  /** Pixels from the anchor, e.g. a station name below its symbol. */
  offset: [number, number];
}

// Zoom at which each kind of place gets its name: the wider the area, the earlier.
const labelZoom = { neighbour: 12, road: 13.5, station: 13, estate: 13.5, facility: 16.5 };

const nameOf = (feature: PlaceFeature) => (typeof feature.properties?.name === 'string' ? feature.properties.name : '');

/** Length in degrees scaled by latitude: only used to compare lengths and find a middle. */
function lineLength(coordinates: Position[]): number {
  let length = 0;
  for (let index = 1; index < coordinates.length; index += 1) {
    const [fromX, fromY] = coordinates[index - 1];
    const [toX, toY] = coordinates[index];
    length += Math.hypot((toX - fromX) * Math.cos((fromY * Math.PI) / 180), toY - fromY);
  }
  return length;
}

function linesOf(feature: PlaceFeature): Position[][] {
  const geometry = feature.geometry;
  if (geometry?.type === 'LineString') return [geometry.coordinates];
  if (geometry?.type === 'MultiLineString') return geometry.coordinates;
  return [];
}

/** The point at a distance along a line (in lineLength units) and the road's direction there, kept upright for reading. */
function pointAlongLine(coordinates: Position[], distance: number): { position: [number, number]; angle: number } | null {
  let walked = 0;
  for (let index = 1; index < coordinates.length; index += 1) {
    const [fromX, fromY] = coordinates[index - 1];
    const [toX, toY] = coordinates[index];
    const eastward = (toX - fromX) * Math.cos((fromY * Math.PI) / 180);
    const northward = toY - fromY;
    const segment = Math.hypot(eastward, northward);
    if (walked + segment >= distance && segment > 0) {
      const share = (distance - walked) / segment;
      let angle = (Math.atan2(northward, eastward) * 180) / Math.PI;
      if (angle > 90) angle -= 180;
      if (angle < -90) angle += 180;
      return { position: [fromX + (toX - fromX) * share, fromY + (toY - fromY) * share], angle };
    }
    walked += segment;
  }
  return null;
}

// Screen distance between repeated names along one road, in pixels: about one name per view width.
const roadLabelSpacingPixels = 600;

/**
 * Road names along each road: its middle when zoomed out, and repeated every
 * roadLabelSpacingPixels when zoomed in, so a street is named wherever one looks at it. Pieces of
 * one road share its name; the collision step removes repeats that would crowd.
 */
function roadLabels(roads: PlaceCollection, zoom: number): PlaceLabel[] {
  // lineLength units are degrees of longitude at the equator; a map pixel spans 360 / (512 · 2^zoom) of them.
  const spacing = (roadLabelSpacingPixels * 360) / (512 * 2 ** zoom);
  const labels: PlaceLabel[] = [];
  const longestFirst = roads.features
    .flatMap((feature) => linesOf(feature).map((line) => ({ name: nameOf(feature), line, length: lineLength(line) })))
    .filter((piece) => piece.name !== '' && piece.line.length >= 2)
    .sort((first, second) => second.length - first.length);
  for (const { name, line, length } of longestFirst) {
    const count = Math.max(1, Math.floor(length / spacing));
    for (let index = 0; index < count; index += 1) {
      const placed = pointAlongLine(line, (length * (index + 0.5)) / count);
      if (placed) labels.push({ text: name, position: placed.position, angle: placed.angle, sizePixels: 12.5, colour: [72, 62, 48, 255], offset: [0, 0] });
    }
  }
  return labels;
}

function pointLabels(collection: PlaceCollection | undefined, style: Omit<PlaceLabel, 'text' | 'position' | 'angle'>, filter: (feature: PlaceFeature) => boolean = () => true): PlaceLabel[] {
  if (!collection) return [];
  return collection.features.filter(filter).flatMap((feature) => {
    const position = anchorOfGeometry(feature.geometry);
    const text = nameOf(feature);
    return position && text ? [{ text, position, angle: 0, ...style }] : [];
  });
}

// How far beyond the subdistrict a neighbour's name may sit, and how far it is pushed outward from
// the shared edge, in degrees (about 400 m and 250 m here).
const neighbourLabelReachDegrees = 0.004;
const neighbourLabelPushDegrees = 0.0025;

/**
 * Neighbouring subdistricts are named just across the shared edge, where they are on screen,
 * rather than at their own far-away centres, so the map says what lies next door.
 */
function neighbourLabels(boundary: PlaceCollection): PlaceLabel[] {
  const subdistrict = boundary.features.find((feature) => feature.properties?.kind === 'subdistrict');
  const subdistrictBounds = subdistrict ? boundsOfGeometry(subdistrict.geometry) : null;
  if (!subdistrictBounds) return [];
  const [west, south, east, north] = subdistrictBounds;
  const centre = [(west + east) / 2, (south + north) / 2];
  const near = (position: Position) =>
    position[0] > west - neighbourLabelReachDegrees && position[0] < east + neighbourLabelReachDegrees &&
    position[1] > south - neighbourLabelReachDegrees && position[1] < north + neighbourLabelReachDegrees;
  return boundary.features.filter((feature) => feature.properties?.kind === 'neighbour').flatMap((feature) => {
    const geometry = feature.geometry;
    const rings = geometry?.type === 'Polygon' ? geometry.coordinates : geometry?.type === 'MultiPolygon' ? geometry.coordinates.flat() : [];
    const vertices = rings.flat().filter(near);
    const text = nameOf(feature);
    if (vertices.length === 0 || !text) return [];
    const meanX = vertices.reduce((sum, vertex) => sum + vertex[0], 0) / vertices.length;
    const meanY = vertices.reduce((sum, vertex) => sum + vertex[1], 0) / vertices.length;
    const awayX = meanX - centre[0];
    const awayY = meanY - centre[1];
    const length = Math.hypot(awayX, awayY) || 1;
    const position: [number, number] = [meanX + (awayX / length) * neighbourLabelPushDegrees, meanY + (awayY / length) * neighbourLabelPushDegrees];
    return [{ text, position, angle: 0, sizePixels: 15, colour: [125, 125, 135, 255] as Colour, offset: [0, 0] as [number, number] }];
  });
}

/**
 * The labels to show at a zoom, most important first (stations, estates, roads, facilities, then
 * neighbouring subdistricts), with those that would overlap a more important one left out. The
 * same data and zoom always give the same list, so deck.gl can diff it.
 */
export function collectPlaceLabels(featuresByCollection: Record<string, PlaceCollection>, zoom: number): PlaceLabel[] {
  const labels: PlaceLabel[] = [];
  if (zoom >= labelZoom.station) {
    labels.push(...pointLabels(featuresByCollection.metro_stations, { sizePixels: 14, colour: [170, 20, 35, 255], offset: [0, 19] }));
  }
  if (zoom >= labelZoom.estate) {
    labels.push(...pointLabels(featuresByCollection.neighbourhoods, { sizePixels: 13, colour: [115, 72, 35, 255], offset: [0, 0] }));
  }
  if (zoom >= labelZoom.road && featuresByCollection.roads) labels.push(...roadLabels(featuresByCollection.roads, zoom));
  if (zoom >= labelZoom.facility) {
    labels.push(...pointLabels(featuresByCollection.facilities, { sizePixels: 12, colour: [60, 60, 70, 255], offset: [0, 15] }));
  }
  if (zoom >= labelZoom.neighbour && featuresByCollection.boundary) labels.push(...neighbourLabels(featuresByCollection.boundary));
  return thinOverlappingLabels(labels, zoom);
}

/**
 * Names of streets and places, drawn by deck.gl so no glyph server is needed. The character set
 * is collected from the labels themselves ('auto'): a fixed ASCII atlas would drop every Chinese
 * character.
 */
export function createLabelsLayer(labels: PlaceLabel[], { visible }: LayerOptions) {
  return new TextLayer<PlaceLabel>({
    id: 'labels',
    data: labels,
    visible,
    getText: (label) => label.text,
    getPosition: (label) => label.position,
    getAngle: (label) => label.angle,
    getSize: (label) => label.sizePixels,
    getColor: (label) => label.colour,
    getPixelOffset: (label) => label.offset,
    sizeUnits: 'pixels',
    ...haloTextStyle,
    fontWeight: 500,
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    billboard: true,
    pickable: false,
    ...drawnOverBuildings,
  });
}
