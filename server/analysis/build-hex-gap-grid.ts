import { featureCollection, intersect, polygon as makePolygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { cellToBoundary, cellToLatLng, polygonToCellsExperimental, POLYGON_TO_CELLS_FLAGS } from 'h3-js';
import type { LocalMetres } from './local-metres.ts';
import type { PreparedNetwork } from './compute-coverage.ts';
import { attachPlace } from './walk-facility-type.ts';
import { measureWalkTo, type WalkFromSources } from './walk-from-sources.ts';

export interface HexCell {
  /** The H3 index of the cell. */
  cell: string;
  /** [longitude, latitude] of the cell's centre. */
  centre: [number, number];
  /** Walk from the centre to the nearest facility, the walk to the nearest street included; null: off the network or unreachable. */
  walkMetres: number | null;
  walkMinutes: number | null;
  /** Residents of the estates, each estate's split by the share of its area in the cell. */
  residents: number;
}

/** An estate's outline and residents, for spreading them over the cells. */
export interface EstateArea {
  residents: number;
  geometry: Polygon | MultiPolygon;
}

/**
 * The gap heat map of one type: H3 cells (resolution 10, about 66 m across) over the area and
 * over every estate, with the walk from each cell's centre to the nearest facility (the type's
 * stored walk, so it follows a scenario's changes) and the residents living in it. Areas are
 * measured on the graph's own local metres, the same length function the walks use.
 */
export function buildHexGapGrid(
  network: PreparedNetwork,
  walk: WalkFromSources,
  area: Polygon | MultiPolygon,
  estates: EstateArea[],
  options: { speedMetresPerSecond: number; maximumAccessMetres: number; resolution?: number },
): HexCell[] {
  const resolution = options.resolution ?? 10;
  const cellsOf = (geometry: Polygon | MultiPolygon) => polygonsOf(geometry)
    .flatMap((rings) => polygonToCellsExperimental(rings, resolution, POLYGON_TO_CELLS_FLAGS.containmentOverlapping, true));
  const residentsByCell = new Map<string, number>(cellsOf(area).map((cell) => [cell, 0]));
  const { projection } = network.graph;
  for (const estate of estates) {
    const overlaps = [...new Set(cellsOf(estate.geometry))]
      .map((cell) => ({ cell, squareMetres: measureOverlapSquareMetres(cell, estate.geometry, projection) }))
      .filter((overlap) => overlap.squareMetres > 0);
    const total = overlaps.reduce((sum, overlap) => sum + overlap.squareMetres, 0);
    for (const { cell, squareMetres } of overlaps) residentsByCell.set(cell, (residentsByCell.get(cell) ?? 0) + (estate.residents * squareMetres) / total);
  }
  const metresPerMinute = options.speedMetresPerSecond * 60;
  return [...residentsByCell].sort(([a], [b]) => a.localeCompare(b)).map(([cell, residents]) => {
    const [latitude, longitude] = cellToLatLng(cell);
    const attachment = attachPlace(network, { longitude, latitude }, options.maximumAccessMetres);
    const distance = attachment ? measureWalkTo(network.graph, walk, attachment).distanceMetres : Infinity;
    const walkMetres = Number.isFinite(distance) ? distance : null;
    return { cell, centre: [longitude, latitude], walkMetres, walkMinutes: walkMetres === null ? null : walkMetres / metresPerMinute, residents };
  });
}

const polygonsOf = (geometry: Polygon | MultiPolygon) => (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates);

/** The area a cell shares with an estate, in the local metres of the graph. */
function measureOverlapSquareMetres(cell: string, geometry: Polygon | MultiPolygon, projection: LocalMetres): number {
  const hexagon = makePolygon([cellToBoundary(cell, true)]);
  const shared = intersect(featureCollection([hexagon, { type: 'Feature', properties: {}, geometry }]));
  if (!shared) return 0;
  return polygonsOf(shared.geometry).reduce((total, rings) => total + rings.reduce((sum, ring, index) => {
    const area = Math.abs(measureRingSquareMetres(ring, projection));
    return index === 0 ? sum + area : sum - area; // the first ring is the outline, the others holes
  }, 0), 0);
}

/** Shoelace area of a ring, after projecting it to local metres. */
function measureRingSquareMetres(ring: number[][], projection: LocalMetres): number {
  let twiceArea = 0;
  for (let index = 0; index < ring.length - 1; index++) {
    twiceArea += projection.toX(ring[index][0]) * projection.toY(ring[index + 1][1]) - projection.toX(ring[index + 1][0]) * projection.toY(ring[index][1]);
  }
  return twiceArea / 2;
}
