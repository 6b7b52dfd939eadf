// Walking distances against Karney's geodesics on the WGS 84 ellipsoid (GeographicLib, the
// reference implementation), north–south and east–west at 31.2° N, where 潍坊新村 lies.
import { describe, expect, it } from 'vitest';
import { Geodesic } from 'geographiclib-geodesic';
import { createLocalMetres, measureLineMetres } from '../../../server/analysis/local-metres.ts';
import { buildWalkingGraph } from '../../../server/analysis/build-walking-graph.ts';

const geodesicMetres = (from: number[], to: number[]) => Geodesic.WGS84.Inverse(from[1], from[0], to[1], to[0]).s12!;
const relativeError = (measured: number, truth: number) => Math.abs(measured - truth) / truth;

// 1 km and 2 km due north and due east of a point at 31.2° N, as GeographicLib places them.
const start = [121.52, 31.2];
const pointAt = (azimuthDegrees: number, metres: number) => {
  const { lat2, lon2 } = Geodesic.WGS84.Direct(start[1], start[0], azimuthDegrees, metres);
  return [lon2!, lat2!];
};
const directions = [['north', 0], ['east', 90], ['north-east', 45]] as const;

describe('createLocalMetres (WGS 84 radii at the reference latitude)', () => {
  const frame = createLocalMetres(start[0], start[1]);
  const frameMetres = (from: number[], to: number[]) => Math.hypot(frame.toX(to[0]) - frame.toX(from[0]), frame.toY(to[1]) - frame.toY(from[1]));

  it.each(directions)('measures 1,000 m due %s within 0.01 % of the geodesic', (_name, azimuth) => {
    const end = pointAt(azimuth, 1000);
    expect(relativeError(frameMetres(start, end), geodesicMetres(start, end))).toBeLessThan(1e-4);
  });

  it('turns metres back into the same longitude and latitude', () => {
    expect(frame.toLongitude(frame.toX(121.53))).toBeCloseTo(121.53, 12);
    expect(frame.toLatitude(frame.toY(31.21))).toBeCloseTo(31.21, 12);
  });
});

describe('measureLineMetres (segment by segment on the ellipsoid)', () => {
  it.each(directions)('measures 2,000 m due %s within 0.0001 % of the geodesic', (_name, azimuth) => {
    const end = pointAt(azimuth, 2000);
    expect(relativeError(measureLineMetres([start, end]), geodesicMetres(start, end))).toBeLessThan(1e-6);
  });

  it('measures a line 3 km north of the subdistrict as truly as one inside it', () => {
    const northStart = [121.52, 31.26];
    const northEnd = [121.53, 31.26];
    expect(relativeError(measureLineMetres([northStart, northEnd]), geodesicMetres(northStart, northEnd))).toBeLessThan(1e-6);
  });
});

describe('buildWalkingGraph', () => {
  it('gives a street 1 km north–south and one 1 km east–west their geodesic lengths within 0.01 %', () => {
    const north = pointAt(0, 1000);
    const east = pointAt(90, 1000);
    const graph = buildWalkingGraph([{ id: 'northward', coordinates: [start, north] }, { id: 'eastward', coordinates: [start, east] }]);
    expect(relativeError(graph.edgeLengthMetres[graph.edgeIds.indexOf('northward')], 1000)).toBeLessThan(1e-4);
    expect(relativeError(graph.edgeLengthMetres[graph.edgeIds.indexOf('eastward')], 1000)).toBeLessThan(1e-4);
  });
});
