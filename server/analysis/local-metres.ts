/**
 * Metres on the WGS 84 ellipsoid, for walking distances. A local equirectangular frame around a
 * reference point uses the ellipsoid's two radii of curvature there: the meridional radius M(φ)
 * for north–south and the prime-vertical radius N(φ)·cos φ for east–west. At the reference
 * latitude both scales are exact (a sphere of mean radius makes north–south lengths 0.29 % too
 * long at 31° N); away from it the east–west scale drifts by tan φ · Δφ, under 0.01 % within
 * 1.1 km north or south of the reference, so a network keeps its reference at its middle.
 * Lines whose points lie far apart are measured segment by segment with `measureLineMetres`.
 */
const semiMajorAxisMetres = 6_378_137;
const flattening = 1 / 298.257_223_563;
const eccentricitySquared = flattening * (2 - flattening);
const radiansPerDegree = Math.PI / 180;

/** Radius of curvature of the meridian at a latitude (degrees), in metres. */
export function meridionalRadius(latitude: number): number {
  const sine = Math.sin(latitude * radiansPerDegree);
  return (semiMajorAxisMetres * (1 - eccentricitySquared)) / (1 - eccentricitySquared * sine * sine) ** 1.5;
}

/** Radius of curvature in the prime vertical (east–west) at a latitude (degrees), in metres. */
export function primeVerticalRadius(latitude: number): number {
  const sine = Math.sin(latitude * radiansPerDegree);
  return semiMajorAxisMetres / Math.sqrt(1 - eccentricitySquared * sine * sine);
}

export interface LocalMetres {
  toX(longitude: number): number;
  toY(latitude: number): number;
  toLongitude(x: number): number;
  toLatitude(y: number): number;
}

export function createLocalMetres(referenceLongitude: number, referenceLatitude: number): LocalMetres {
  const metresPerDegreeLatitude = meridionalRadius(referenceLatitude) * radiansPerDegree;
  const metresPerDegreeLongitude = primeVerticalRadius(referenceLatitude) * Math.cos(referenceLatitude * radiansPerDegree) * radiansPerDegree;
  return {
    toX: (longitude) => (longitude - referenceLongitude) * metresPerDegreeLongitude,
    toY: (latitude) => (latitude - referenceLatitude) * metresPerDegreeLatitude,
    toLongitude: (x) => referenceLongitude + x / metresPerDegreeLongitude,
    toLatitude: (y) => referenceLatitude + y / metresPerDegreeLatitude,
  };
}

/**
 * Length of a [longitude, latitude] line in metres: each segment with the two radii at its
 * middle latitude, which agrees with the geodesic to better than a millionth for segments of a
 * few kilometres, wherever the line lies.
 */
export function measureLineMetres(positions: number[][]): number {
  let total = 0;
  for (let index = 1; index < positions.length; index++) {
    const [fromLongitude, fromLatitude] = positions[index - 1];
    const [toLongitude, toLatitude] = positions[index];
    const middleLatitude = (fromLatitude + toLatitude) / 2;
    const eastward = (toLongitude - fromLongitude) * radiansPerDegree * primeVerticalRadius(middleLatitude) * Math.cos(middleLatitude * radiansPerDegree);
    const northward = (toLatitude - fromLatitude) * radiansPerDegree * meridionalRadius(middleLatitude);
    total += Math.hypot(eastward, northward);
  }
  return total;
}
