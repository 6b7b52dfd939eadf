// Metric work (fitting lines, offsets, areas of generated shapes) happens in a local flat frame
// centred on the subdistrict. Over 4 km the equirectangular error is below 0.1 %, far smaller
// than the geocoding error of the source addresses, and it keeps the build free of a projection
// library. Inputs and outputs stay WGS 84 longitude/latitude.

export type LonLat = [number, number];
export type Metres = [number, number];

const originLongitude = 121.52;
const originLatitude = 31.225;
const metresPerDegreeLatitude = 110_574;
const metresPerDegreeLongitude = 111_320 * Math.cos((originLatitude * Math.PI) / 180);

export function projectToMetres([longitude, latitude]: LonLat): Metres {
  return [
    (longitude - originLongitude) * metresPerDegreeLongitude,
    (latitude - originLatitude) * metresPerDegreeLatitude,
  ];
}

export function unprojectToLonLat([x, y]: Metres): LonLat {
  return [x / metresPerDegreeLongitude + originLongitude, y / metresPerDegreeLatitude + originLatitude];
}
