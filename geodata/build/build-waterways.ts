// 张家浜: the centreline is the subdistrict's southern boundary, which follows the creek; the
// water surface is that line widened to a typical 30 m for this stretch (not measured).
import type { Feature, LineString, Polygon } from 'geojson';
import { buffer, lineString } from '@turf/turf';
import type { Dataset } from './feature-types.ts';
import { makeFeature } from './feature-types.ts';
import { creekEastEnd, creekWestEnd, traceBoundaryBetween } from './trace-boundary-edges.ts';

export const creekHalfWidthMetres = 15;

export function traceCreekCentreline(subdistrict: Polygon): LineString {
  return lineString(traceBoundaryBetween(subdistrict, creekWestEnd, creekEastEnd)).geometry;
}

export function buildCreekWater(centreline: LineString): Polygon {
  return (buffer(centreline, creekHalfWidthMetres, { units: 'meters', steps: 6 }) as Feature<Polygon>).geometry;
}

export function buildWaterways(centreline: LineString, water: Polygon): Dataset {
  const shared = {
    name: '张家浜',
    name_en: 'Zhangjiabang Creek',
    confidence: 'medium' as const,
  };
  return {
    collectionId: 'waterways',
    header: {
      title: '河道水系',
      titleEn: 'Waterways',
      description: '张家浜 along the southern edge of 潍坊新村街道, traced from the subdistrict boundary that follows it.',
    },
    features: [
      makeFeature('waterway-zhangjiabang-centreline', centreline, {
        ...shared,
        source: 'estimated',
        source_detail: 'Traced from the southern edge of the township boundary polygon, which follows the creek (the boundary source says so); not a hydrographic survey.',
        source_detail_zh: '沿街镇边界多边形南缘描出（边界数据说明其沿河道走向）；非水文测量成果。',
        kind: 'centreline',
      }),
      makeFeature('waterway-zhangjiabang-water', water, {
        ...shared,
        source: 'estimated',
        source_detail: 'The traced centreline widened by 15 m each side, a typical width of this stretch; banks not surveyed.',
        source_detail_zh: '描出的中心线两侧各外扩15米（该河段的典型宽度）；河岸未经实测。',
        kind: 'river',
      }),
    ],
  };
}
