// The ground around the subdistrict that its residents walk to: the Pudong side of the river up
// to 1.6 km past the boundary (the 15-minute walk of 1,000 m plus the detours of real streets).
// Everything drawn there says `outside_boundary: true` and the township it lies in; estates of
// the neighbouring townships are not built (their residents are not ours to count).
import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import { booleanPointInPolygon, buffer, featureCollection, intersect, pointOnFeature, union } from '@turf/turf';
import { largestPart } from './clean-polygon.ts';
import { measureAreaSquareMetres, projectToMetres, unprojectToLonLat, type LonLat, type Metres } from './local-projection.ts';
import { pointAtLength, polylineLength } from './polyline-operations.ts';
import type { TownshipRecord } from './read-source-files.ts';
import type { Geometry } from 'geojson';
import type { Dataset } from './feature-types.ts';

/** How far past the boundary streets, paths and facilities are carried. */
export const surroundingReachMetres = 1600;
// Streets that run along the boundary (张杨路, 源深路) and what faces them belong to the subdistrict.
const boundaryZoneMetres = 60;
// The townships on the Pudong side; across the Huangpu there is no walk (ferries only).
const pudongTownships = ['潍坊新村街道', '陆家嘴街道', '洋泾街道', '花木街道', '塘桥街道', '南码头路街道'];

export interface SurroundingGround {
  subdistrict: Polygon;
  /** The subdistrict widened by 60 m: inside this, a street or path is the subdistrict's own. */
  boundaryZone: Polygon;
  /** The Pudong ground within reach: where the walking network and facilities stop. */
  reachableGround: Polygon;
  reachableRing: Metres[];
  boundaryZoneRing: Metres[];
  townships: TownshipRecord[];
}

export function describeSurroundingGround(subdistrict: Polygon, townships: TownshipRecord[]): SurroundingGround {
  const pudong = townships.filter((township) => township.nameInferred !== null && pudongTownships.includes(township.nameInferred));
  const pudongLand = union(featureCollection(pudong.map((township) => ({ type: 'Feature', properties: {}, geometry: township.polygon }) as Feature<Polygon>)))!;
  const reach = buffer(subdistrict, surroundingReachMetres / 1000, { units: 'kilometers', steps: 8 }) as Feature<Polygon>;
  const reachableGround = largestPart(intersect(featureCollection([reach, pudongLand as Feature<Polygon | MultiPolygon>])) ?? undefined)!;
  const boundaryZone = (buffer(subdistrict, boundaryZoneMetres, { units: 'meters', steps: 4 }) as Feature<Polygon>).geometry;
  return {
    subdistrict,
    boundaryZone,
    reachableGround,
    reachableRing: reachableGround.coordinates[0].map((position) => projectToMetres(position as LonLat)),
    boundaryZoneRing: boundaryZone.coordinates[0].map((position) => projectToMetres(position as LonLat)),
    townships: pudong,
  };
}

/** The township a position lies in (the largest that holds it), or null off the Pudong side. */
export function findTownshipOf(position: LonLat, ground: SurroundingGround): string | null {
  const holding = ground.townships.filter((township) => booleanPointInPolygon(position, township.polygon));
  if (holding.length === 0) return null;
  return holding.reduce((best, township) => (measureAreaSquareMetres(township.polygon) > measureAreaSquareMetres(best.polygon) ? township : best)).nameInferred;
}

/** A point feature's `outside_boundary` and, when outside, `township`. */
export function describePointPlace(position: LonLat, ground: SurroundingGround): { outside_boundary: boolean; township?: string } {
  if (booleanPointInPolygon(position, ground.subdistrict)) return { outside_boundary: false };
  return { outside_boundary: true, township: findTownshipOf(position, ground) ?? '黄浦江' };
}

/** For lines and areas: outside when their representative point is beyond the boundary zone. */
export function describeShapePlace(geometry: Geometry, ground: SurroundingGround): { outside_boundary?: true; township?: string } {
  const position = geometry.type === 'LineString'
    ? unprojectToLonLat(pointAtLength(geometry.coordinates.map((point) => projectToMetres(point as LonLat)), polylineLength(geometry.coordinates.map((point) => projectToMetres(point as LonLat))) / 2))
    : pointOnFeature(geometry as Polygon).geometry.coordinates as LonLat;
  if (booleanPointInPolygon(position, ground.boundaryZone)) return {};
  return { outside_boundary: true, township: findTownshipOf(position, ground) ?? '黄浦江' };
}

export const isInReach = (position: LonLat, ground: SurroundingGround) => booleanPointInPolygon({ type: 'Point', coordinates: position } as Point, ground.reachableGround);

/** Names the township of every feature already marked outside that does not name one yet. */
export function nameTownshipsOutside(dataset: Dataset, ground: SurroundingGround): Dataset {
  return {
    ...dataset,
    features: dataset.features.map((feature) => {
      if (feature.properties.outside_boundary !== true || feature.properties.township) return feature;
      const place = feature.geometry.type === 'Point' ? describePointPlace(feature.geometry.coordinates as LonLat, ground) : describeShapePlace(feature.geometry, ground);
      return { ...feature, properties: { ...feature.properties, township: place.township ?? findTownshipOf(pointOnFeature(feature.geometry as Polygon).geometry.coordinates as LonLat, ground) ?? '黄浦江' } };
    }),
  };
}
