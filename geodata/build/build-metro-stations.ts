// Metro stations in and around the subdistrict from the 2017 network table. The list is
// explicit (not "everything within x km") so the Chinese names can sit next to the source's
// English ones; the stations chosen are the ones a resident of 潍坊 walks to.
import type { LineString, Point, Polygon } from 'geojson';
import { booleanPointInPolygon } from '@turf/turf';
import type { Dataset, DatasetFeature } from './feature-types.ts';
import { makeFeature } from './feature-types.ts';
import type { MetroStationRecord, OsmExtract } from './read-source-files.ts';
import type { LonLat } from './local-projection.ts';
import { describeOsm, describeOsmZh } from './osm-features.ts';

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

// The 2017 table has one point for 浦电路, between the Line 4 station under 东方路 and the Line 6
// station under 浦电路, 380 m apart: OpenStreetMap's stop positions place each line's platforms.
const stationsSplitByLine: Record<string, string> = { 'Pudian Road': '浦电路' };

interface LinePlatforms {
  line: string;
  position: LonLat;
  nodeIds: string[];
}

// Stop positions named after the station, each assigned to the metro line whose way passes
// through it (a stop position is a vertex of its line), averaged per line.
function locatePlatformsByLine(osm: OsmExtract, stationName: string): LinePlatforms[] {
  const subwayLines = osm.lines.filter((line) => line.tags.railway === 'subway');
  const byLine = new Map<string, { positions: LonLat[]; nodeIds: string[] }>();
  for (const stop of osm.points.filter((point) => point.tags.railway === 'stop' && point.tags.name === stationName)) {
    const [longitude, latitude] = (stop.geometry as Point).coordinates;
    const way = subwayLines.find((line) => (line.geometry as LineString).coordinates.some(([x, y]) => Math.abs(x - longitude) < 1e-6 && Math.abs(y - latitude) < 1e-6));
    const lineNumber = way?.tags.name?.match(/(\d+)号线/)?.[1];
    if (!lineNumber) throw new Error(`OpenStreetMap stop ${stop.osmId} (${stationName}) lies on no metro line way`);
    const entry = byLine.get(lineNumber) ?? { positions: [], nodeIds: [] };
    entry.positions.push([longitude, latitude]);
    entry.nodeIds.push(stop.osmId);
    byLine.set(lineNumber, entry);
  }
  return [...byLine.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([line, { positions, nodeIds }]) => ({
    line,
    position: [positions.reduce((sum, [x]) => sum + x, 0) / positions.length, positions.reduce((sum, [, y]) => sum + y, 0) / positions.length],
    nodeIds,
  }));
}

function buildSplitStation(record: MetroStationRecord, known: { id: string; name: string }, osm: OsmExtract, subdistrict: Polygon): DatasetFeature[] {
  return locatePlatformsByLine(osm, stationsSplitByLine[record.nameEnglish]).map((platforms) =>
    makeFeature(`${known.id}-line-${platforms.line}`, { type: 'Point', coordinates: platforms.position } as Point, {
      name: `${known.name}（${platforms.line}号线）`,
      name_en: `${record.nameEnglish} Station (Line ${platforms.line})`,
      source: 'osm',
      source_detail: `Middle of the Line ${platforms.line} stop positions, ${describeOsm('node', platforms.nodeIds)}. The 2017 table (station ${record.stationId}) merges the Line 4 and Line 6 stations into one point between them.`,
      source_detail_zh: `${platforms.line}号线各停靠点位置（stop position）的中点，${describeOsmZh('node', platforms.nodeIds)}。2017年站点表（站点编号${record.stationId}）把4号线与6号线两座车站合为两站之间的一个点。`,
      confidence: 'high',
      facility_type: 'metro_station',
      lines: [platforms.line],
      outside_boundary: !booleanPointInPolygon(platforms.position, subdistrict),
    }),
  );
}

export function buildMetroStations(records: MetroStationRecord[], subdistrict: Polygon, osm: OsmExtract): Dataset {
  const features: DatasetFeature[] = [];
  for (const record of records) {
    const known = stationNames[record.nameEnglish];
    if (!known) continue;
    if (stationsSplitByLine[record.nameEnglish]) {
      features.push(...buildSplitStation(record, known, osm, subdistrict));
      continue;
    }
    const geometry: Point = { type: 'Point', coordinates: record.position };
    const inside = booleanPointInPolygon(record.position, subdistrict);
    features.push(
      makeFeature(known.id, geometry, {
        name: known.name,
        name_en: `${record.nameEnglish} Station`,
        source: 'official',
        source_detail: `Station ${record.stationId} of the 2017 Shanghai Metro table (Scientific Data 2025 OD dataset via beyondsimulations/Metro-Inflow-Optimization, MIT), WGS 84 checked against geocodes.`,
        source_detail_zh: `2017年上海地铁站点表中编号${record.stationId}的站点（Scientific Data 2025 OD 数据集，取自 beyondsimulations/Metro-Inflow-Optimization，MIT 许可），WGS 84 坐标已与地理编码核对。`,
        confidence: 'high',
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
      description: 'Stations in and around 潍坊新村街道 from the 2017 network (lines 1–13, 16), with the Line 4 and Line 6 浦电路 stations placed apart from OpenStreetMap stop positions; lines 14 and 18, opened later, are not included because their station positions could not be placed from a source.',
    },
    features,
  };
}
