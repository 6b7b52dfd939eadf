// The 27 居委会 from the 2016 national code list. Only some have a point, and those points are
// Amap (GCJ-02) positions of the committee office, converted to WGS 84 here. A committee without
// a point is still listed in the estates' residents_committee property, but cannot be mapped.
import gcoord from 'gcoord';
import type { Point, Polygon } from 'geojson';
import { booleanPointInPolygon } from '@turf/turf';
import type { Dataset, DatasetFeature } from './feature-types.ts';
import { makeFeature } from './feature-types.ts';
import type { ResidentsCommitteeRecord } from './read-source-files.ts';

export function convertGcj02ToWgs84(position: [number, number]): [number, number] {
  return gcoord.transform(position, gcoord.GCJ02, gcoord.WGS84) as [number, number];
}

export function buildResidentsCommittees(records: ResidentsCommitteeRecord[], subdistrict: Polygon): Dataset {
  const features: DatasetFeature[] = [];
  for (const record of records) {
    if (!record.gcj02) continue;
    const position = convertGcj02ToWgs84(record.gcj02);
    const inside = booleanPointInPolygon(position, subdistrict);
    // The source flags one point as implausible; it is kept out of the map rather than drawn
    // 13 km away, and the check below catches any other point that falls outside.
    if (record.note || !inside) continue;
    const geometry: Point = { type: 'Point', coordinates: position };
    features.push(
      makeFeature(`residents-committee-${record.code}`, geometry, {
        name: record.name,
        source: 'official',
        source_detail: `NBS 2016 code ${record.code} (Vonng/adcode, CC BY 4.0); Amap GCJ-02 point converted to WGS 84 with gcoord. 2016 position, may have moved.`,
        source_detail_zh: `国家统计局2016年版区划代码${record.code}（Vonng/adcode，CC BY 4.0）；高德 GCJ-02 点位经 gcoord 转换为 WGS 84。为2016年位置，可能已迁移。`,
        confidence: 'medium',
        code: record.code,
      }),
    );
  }
  return {
    collectionId: 'residents_committees',
    header: {
      title: '居民委员会',
      titleEn: 'Residents’ committees',
      description: '2016 国家统计局 codes of the 27 居委会 of 潍坊新村街道; points only where the source has a usable Amap position (9 of 27; 东南居委会 excluded as implausible).',
    },
    features,
  };
}
