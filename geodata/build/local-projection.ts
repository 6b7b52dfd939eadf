// Metric work (fitting lines, offsets, generated shapes) happens in one local flat frame centred
// on the subdistrict, on the WGS 84 ellipsoid (server/analysis/local-metres.ts: the meridional
// and prime-vertical radii at the centre, so north–south and east–west metres are true there and
// within 0.03 % over the 1.5 km of ground around it). Lengths and areas that are stored or shown
// are measured on the ellipsoid directly (measureLineMetres, measureAreaSquareMetres), not in
// this frame. Inputs and outputs stay WGS 84 longitude/latitude.
import type { MultiPolygon, Polygon } from 'geojson';
import { createLocalMetres } from '../../server/analysis/local-metres.ts';

export type LonLat = [number, number];
export type Metres = [number, number];

const subdistrictFrame = createLocalMetres(121.52, 31.225);

export function projectToMetres([longitude, latitude]: LonLat): Metres {
  return [subdistrictFrame.toX(longitude), subdistrictFrame.toY(latitude)];
}

export function unprojectToLonLat([x, y]: Metres): LonLat {
  return [subdistrictFrame.toLongitude(x), subdistrictFrame.toLatitude(y)];
}

/** Area on the ellipsoid: each polygon in a frame at its own middle, where the frame is true. */
export function measureAreaSquareMetres(shape: Polygon | MultiPolygon | { geometry: Polygon | MultiPolygon }): number {
  const geometry = 'geometry' in shape ? shape.geometry : shape;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let total = 0;
  for (const rings of polygons) {
    const longitudes = rings[0].map((position) => position[0]);
    const latitudes = rings[0].map((position) => position[1]);
    const frame = createLocalMetres((Math.min(...longitudes) + Math.max(...longitudes)) / 2, (Math.min(...latitudes) + Math.max(...latitudes)) / 2);
    rings.forEach((ring, index) => {
      let twiceArea = 0;
      for (let vertex = 1; vertex < ring.length; vertex++) {
        const [x0, y0] = [frame.toX(ring[vertex - 1][0]), frame.toY(ring[vertex - 1][1])];
        const [x1, y1] = [frame.toX(ring[vertex][0]), frame.toY(ring[vertex][1])];
        twiceArea += x0 * y1 - x1 * y0;
      }
      // The outer ring adds, holes subtract, whichever way each is wound.
      total += (index === 0 ? 1 : -1) * Math.abs(twiceArea) / 2;
    });
  }
  return total;
}
