/**
 * A local equirectangular projection to metres around a reference latitude. Over the few
 * kilometres of a subdistrict its scale error is under 0.1 %, and it is fast enough for millions
 * of points; geodesic accuracy is not needed for walking distances.
 */
const earthRadiusMetres = 6_371_008.8;
const radiansPerDegree = Math.PI / 180;

export interface LocalMetres {
  toX(longitude: number): number;
  toY(latitude: number): number;
  toLongitude(x: number): number;
  toLatitude(y: number): number;
}

export function createLocalMetres(referenceLongitude: number, referenceLatitude: number): LocalMetres {
  const metresPerDegreeLatitude = earthRadiusMetres * radiansPerDegree;
  const metresPerDegreeLongitude = metresPerDegreeLatitude * Math.cos(referenceLatitude * radiansPerDegree);
  return {
    toX: (longitude) => (longitude - referenceLongitude) * metresPerDegreeLongitude,
    toY: (latitude) => (latitude - referenceLatitude) * metresPerDegreeLatitude,
    toLongitude: (x) => referenceLongitude + x / metresPerDegreeLongitude,
    toLatitude: (y) => referenceLatitude + y / metresPerDegreeLatitude,
  };
}
