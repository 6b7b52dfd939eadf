// Metro stations in and around the subdistrict from the 2017 network table. The list is
// explicit (not "everything within x km") so the Chinese names can sit next to the source's
// English ones; the stations chosen are the ones a resident of 潍坊 walks to.
import type { Point, Polygon } from 'geojson';
import { booleanPointInPolygon } from '@turf/turf';
import type { Dataset, DatasetFeature } from './feature-types.ts';
import { makeFeature } from './feature-types.ts';
import type { MetroStationRecord } from './read-source-files.ts';

const stationNames: Record<string, { id: string; name: string }> = {
  'Century Avenue': { id: 'metro-century-avenue', name: '世纪大道站' },
  'Pudian Road': { id: 'metro-pudian-road', name: '浦电路站' },
  'Lancun Road': { id: 'metro-lancun-road', name: '蓝村路站' },
  'Yuanshen Sports Center': { id: 'metro-yuanshen-sports-center', name: '源深体育中心站' },
  'Shangcheng Road': { id: 'metro-shangcheng-road', name: '商城路站' },
  'Dongchang Road': { id: 'metro-dongchang-road', name: '东昌路站' },
  Tangqiao: { id: 'metro-tangqiao', name: '塘桥站' },
  'Middle Yanggao Road': { id: 'metro-middle-yanggao-road', name: '杨高中路站' },
  'Shanghai Science and Technology Museum': { id: 'metro-science-and-technology-museum', name: '上海科技馆站' },
  'Pudong Avenue': { id: 'metro-pudong-avenue', name: '浦东大道站' },
  'Minsheng Road': { id: 'metro-minsheng-road', name: '民生路站' },
  "Shanghai Children's Medical Center": { id: 'metro-childrens-medical-center', name: '上海儿童医学中心站' },
};

export function buildMetroStations(records: MetroStationRecord[], subdistrict: Polygon): Dataset {
  const features: DatasetFeature[] = [];
  for (const record of records) {
    const known = stationNames[record.nameEnglish];
    if (!known) continue;
    const geometry: Point = { type: 'Point', coordinates: record.position };
    const inside = booleanPointInPolygon(record.position, subdistrict);
    const merged = record.nameEnglish === 'Pudian Road' ? ' The source merges the separate Line 4 and Line 6 浦电路 stations into one point between them.' : '';
    features.push(
      makeFeature(known.id, geometry, {
        name: known.name,
        name_en: `${record.nameEnglish} Station`,
        source: 'official',
        source_detail: `Station ${record.stationId} of the 2017 Shanghai Metro table (Scientific Data 2025 OD dataset via beyondsimulations/Metro-Inflow-Optimization, MIT), WGS 84 checked against geocodes.${merged}`,
        confidence: merged ? 'medium' : 'high',
        facility_type: 'metro_station',
        lines: record.lines.map((line) => line.replace('Line ', '')).sort((a, b) => Number(a) - Number(b)),
        outside_boundary: !inside,
      }),
    );
  }
  return {
    collectionId: 'metro_stations',
    header: {
      title: '轨道交通站点',
      titleEn: 'Metro stations',
      description: 'Stations in and around 潍坊新村街道 from the 2017 network (lines 1–13, 16); lines 14 and 18, opened later, are not included because their station positions could not be placed from a source.',
    },
    features,
  };
}
