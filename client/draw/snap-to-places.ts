import type { Geometry, Position } from 'geojson';
import type { PlaceCollection } from '../api/collections.ts';

/**
 * Snapping a drawn vertex to the corners of the places already on the map (estates, roads,
 * buildings): terra-draw snaps to its own shapes, and asks this through its `toCustom` hook for
 * everything else. The vertices sit in a grid of cells of fixed size in degrees, so a query looks
 * at a handful of cells instead of every vertex.
 */

export interface VertexIndex {
  cellDegrees: number;
  cells: Map<string, Position[]>;
  vertexCount: number;
}

const cellKey = (column: number, row: number) => `${column}:${row}`;

function collectPositions(geometry: Geometry | null, into: Position[]): void {
  if (!geometry) return;
  switch (geometry.type) {
    case 'Point': into.push(geometry.coordinates); break;
    case 'MultiPoint': case 'LineString': into.push(...geometry.coordinates); break;
    case 'MultiLineString': case 'Polygon': for (const part of geometry.coordinates) into.push(...part); break;
    case 'MultiPolygon': for (const polygon of geometry.coordinates) for (const ring of polygon) into.push(...ring); break;
    case 'GeometryCollection': for (const member of geometry.geometries) collectPositions(member, into); break;
  }
}

/** Indexes every vertex of the collections; about 100 m cells at Shanghai's latitude by default. */
export function buildVertexIndex(collections: (PlaceCollection | undefined)[], cellDegrees = 0.001): VertexIndex {
  const cells = new Map<string, Position[]>();
  let vertexCount = 0;
  const positions: Position[] = [];
  for (const collection of collections) {
    for (const feature of collection?.features ?? []) collectPositions(feature.geometry, positions);
  }
  for (const position of positions) {
    const key = cellKey(Math.floor(position[0] / cellDegrees), Math.floor(position[1] / cellDegrees));
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = []));
    cell.push([position[0], position[1]]);
    vertexCount += 1;
  }
  return { cellDegrees, cells, vertexCount };
}

/**
 * The indexed vertex nearest to the pointer on screen, if one is within `maximumPixels`.
 * `project` turns lon/lat into the same container pixels as the pointer; `pixelsPerDegree`
 * (at the pointer, the smaller of the two axes) bounds which cells can hold a candidate.
 */
export function findNearestVertex(
  index: VertexIndex,
  pointer: { longitude: number; latitude: number; x: number; y: number },
  project: (longitude: number, latitude: number) => { x: number; y: number },
  pixelsPerDegree: number,
  maximumPixels: number,
): Position | null {
  if (!(pixelsPerDegree > 0)) return null;
  const reachDegrees = maximumPixels / pixelsPerDegree;
  const reachCells = Math.ceil(reachDegrees / index.cellDegrees);
  // Zoomed far out, the pointer's reach covers too many cells to be worth snapping.
  if (reachCells > 3) return null;
  const column = Math.floor(pointer.longitude / index.cellDegrees);
  const row = Math.floor(pointer.latitude / index.cellDegrees);
  let best: Position | null = null;
  let bestPixels = maximumPixels;
  for (let columnOffset = -reachCells; columnOffset <= reachCells; columnOffset += 1) {
    for (let rowOffset = -reachCells; rowOffset <= reachCells; rowOffset += 1) {
      for (const position of index.cells.get(cellKey(column + columnOffset, row + rowOffset)) ?? []) {
        if (Math.abs(position[0] - pointer.longitude) > reachDegrees || Math.abs(position[1] - pointer.latitude) > reachDegrees) continue;
        const onScreen = project(position[0], position[1]);
        const pixels = Math.hypot(onScreen.x - pointer.x, onScreen.y - pointer.y);
        if (pixels <= bestPixels) {
          best = position;
          bestPixels = pixels;
        }
      }
    }
  }
  return best;
}
