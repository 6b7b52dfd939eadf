import type { Geometry, Position } from 'geojson';

/**
 * How specific a shape is at a point on the map, for choosing among the features under a click:
 * a point is more specific than a line, a line than an area; among areas the narrower one wins
 * (its area over its perimeter, about a quarter of a square's side, a river's half width), so a
 * river running through the click beats the estate beside it even when the river is the larger;
 * among lines the shorter one. Lower is more specific.
 *
 * Metres on a plane tangent at the shape (a local equirectangular scale): only the order of
 * shapes a few hundred metres across matters here, not a measurement.
 */
export interface GeometrySpecificity {
  /** 0 point, 1 line, 2 area, 3 nothing drawable. */
  kindRank: number;
  /** Area over perimeter for areas, length for lines, 0 for points; in metres. */
  sizeMetres: number;
}

const metresPerDegreeLatitude = 110_574;

export function specificityOfGeometry(geometry: Geometry | null): GeometrySpecificity {
  if (!geometry) return { kindRank: 3, sizeMetres: Infinity };
  switch (geometry.type) {
    case 'Point': case 'MultiPoint': return { kindRank: 0, sizeMetres: 0 };
    case 'LineString': return { kindRank: 1, sizeMetres: lengthMetres(geometry.coordinates) };
    case 'MultiLineString': return { kindRank: 1, sizeMetres: geometry.coordinates.reduce((sum, line) => sum + lengthMetres(line), 0) };
    case 'Polygon': return { kindRank: 2, sizeMetres: widthMetres([geometry.coordinates]) };
    case 'MultiPolygon': return { kindRank: 2, sizeMetres: widthMetres(geometry.coordinates) };
    case 'GeometryCollection': {
      const parts = geometry.geometries.map(specificityOfGeometry);
      return parts.reduce((best, part) => (compareSpecificity(part, best) < 0 ? part : best), { kindRank: 3, sizeMetres: Infinity });
    }
    default: return { kindRank: 3, sizeMetres: Infinity };
  }
}

/** Negative when `first` is the more specific. */
export function compareSpecificity(first: GeometrySpecificity, second: GeometrySpecificity): number {
  return first.kindRank - second.kindRank || first.sizeMetres - second.sizeMetres;
}

function metresPerDegreeLongitude(latitude: number): number {
  return metresPerDegreeLatitude * Math.cos((latitude * Math.PI) / 180);
}

function lengthMetres(line: Position[]): number {
  let length = 0;
  for (let index = 1; index < line.length; index += 1) {
    const scale = metresPerDegreeLongitude(line[index][1]);
    length += Math.hypot((line[index][0] - line[index - 1][0]) * scale, (line[index][1] - line[index - 1][1]) * metresPerDegreeLatitude);
  }
  return length;
}

/** Area over outer perimeter of the polygons, holes taken out of the area. */
function widthMetres(polygons: Position[][][]): number {
  let area = 0;
  let perimeter = 0;
  for (const [outer, ...holes] of polygons) {
    if (!outer || outer.length < 3) continue;
    area += ringAreaSquareMetres(outer) - holes.reduce((sum, hole) => sum + ringAreaSquareMetres(hole), 0);
    perimeter += lengthMetres(outer);
  }
  return perimeter > 0 ? area / perimeter : Infinity;
}

function ringAreaSquareMetres(ring: Position[]): number {
  const scale = metresPerDegreeLongitude(ring[0][1]);
  let twiceArea = 0;
  for (let index = 1; index < ring.length; index += 1) {
    twiceArea += ring[index - 1][0] * scale * ring[index][1] * metresPerDegreeLatitude - ring[index][0] * scale * ring[index - 1][1] * metresPerDegreeLatitude;
  }
  return Math.abs(twiceArea) / 2;
}
