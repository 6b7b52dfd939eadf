// Facilities whose real sites are not in any source at hand. Rather than leave a layer empty or
// invent a named site, each gets clearly marked placeholders (`source: "generated"`,
// `placeholder: true`, "示意" in the name) spread over the estates by a fixed rule, so the
// dashboard can be exercised and a planner can replace them with the 街道's own list. Bus stops
// are placed by the Shanghai naming habit (named after the nearest crossing) and marked
// estimated. Parks come from the green-space outlines.
import type { Point, Polygon } from 'geojson';
import { booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Dataset, DatasetFeature } from './feature-types.ts';
import { makeFeature } from './feature-types.ts';
import { measureAreaSquareMetres, projectToMetres, unprojectToLonLat, type LonLat, type Metres } from './local-projection.ts';
import { findCrossings, pointAtLength, polylineLength } from './polyline-operations.ts';
import type { BuiltEstate } from './build-neighbourhoods.ts';
import type { BuiltRoad } from './build-roads.ts';
import type { BuildEra } from './estate-catalogue.ts';

interface PlaceholderRule {
  facilityType: string;
  label: string;
  // Which estates get one: every n-th (by id order) starting at offset, among the eras listed.
  every: number;
  offset: number;
  eras: BuildEra[];
  // Where inside the estate: 0 = its middle, 1 = its main gate.
  towardGate: number;
  why: string;
  whyZh: string;
}

const placeholderRules: PlaceholderRule[] = [
  { facilityType: 'ebike_charging', label: '电动自行车集中充电点', every: 1, offset: 0, eras: ['1980s', '1990s'], towardGate: 0.7, why: 'the plan adds centralised e-bike charging, aimed at older estates without garages', whyZh: '行动计划新增电动自行车集中充电点，主要面向没有车库的老旧小区' },
  { facilityType: 'community_dining', label: '社会餐桌', every: 3, offset: 0, eras: ['1980s'], towardGate: 0.5, why: 'the plan adds more 社会餐桌 (community dining) for older residents', whyZh: '行动计划为老年居民增设社会餐桌' },
  { facilityType: 'elderly_day_care', label: '老年人日间照料中心', every: 4, offset: 1, eras: ['1980s', '1990s', '2000s'], towardGate: 0.4, why: 'GB 50180 asks for one within 300 m; real sites not at hand', whyZh: 'GB 50180 要求300米范围内设置一处；暂无实际点位' },
  { facilityType: 'outdoor_fitness_area', label: '室外健身点', every: 2, offset: 1, eras: ['1980s', '1990s', '2000s'], towardGate: 0.2, why: 'most Shanghai estates have a small outdoor fitness area; real sites not at hand', whyZh: '上海多数小区设有小型室外健身点；暂无实际点位' },
  { facilityType: 'kindergarten', label: '幼儿园', every: 5, offset: 2, eras: ['1980s', '1990s', '2000s'], towardGate: 0.3, why: 'kindergartens serve about 300 m; real sites not at hand', whyZh: '幼儿园服务半径约300米；暂无实际点位' },
  { facilityType: 'primary_school', label: '小学', every: 8, offset: 3, eras: ['1980s', '1990s', '2000s'], towardGate: 0.3, why: 'primary schools serve about 500 m; real sites not at hand', whyZh: '小学服务半径约500米；暂无实际点位' },
  { facilityType: 'junior_high_school', label: '初中', every: 16, offset: 5, eras: ['1980s', '1990s', '2000s'], towardGate: 0.3, why: 'junior high schools serve about 1000 m; real sites not at hand', whyZh: '初中服务半径约1000米；暂无实际点位' },
  { facilityType: 'wet_market', label: '菜市场', every: 6, offset: 4, eras: ['1980s', '1990s', '2000s'], towardGate: 0.9, why: 'markets serve about 500 m; real sites not at hand', whyZh: '菜市场服务半径约500米；暂无实际点位' },
  { facilityType: 'community_health_station', label: '社区卫生服务站', every: 7, offset: 6, eras: ['1980s', '1990s', '2000s'], towardGate: 0.8, why: 'health stations serve about 300 m; real sites not at hand', whyZh: '社区卫生服务站服务半径约300米；暂无实际点位' },
  { facilityType: 'baby_house', label: '社区宝宝屋', every: 32, offset: 12, eras: ['1980s', '1990s', '2000s'], towardGate: 0.5, why: 'every Shanghai 街镇 had a 社区宝宝屋 by 2024; its site here is not known', whyZh: '至2024年上海每个街镇都已设社区宝宝屋；本街道的具体位置未知' },
];

function placeInEstate(estate: BuiltEstate, towardGate: number): LonLat {
  const centre = projectToMetres(pointOnFeature(estate.polygon).geometry.coordinates as LonLat);
  const gate = estate.gates[0].gate;
  return unprojectToLonLat([centre[0] + (gate[0] - centre[0]) * towardGate, centre[1] + (gate[1] - centre[1]) * towardGate]);
}

export function placeEstatePlaceholders(estates: BuiltEstate[], subdistrict: Polygon): DatasetFeature[] {
  const sorted = [...estates].sort((a, b) => a.entry.id.localeCompare(b.entry.id));
  const features: DatasetFeature[] = [];
  for (const rule of placeholderRules) {
    const eligible = sorted.filter((estate) => rule.eras.includes(estate.entry.buildEra));
    eligible.forEach((estate, index) => {
      if (index % rule.every !== rule.offset % rule.every) return;
      const position = placeInEstate(estate, rule.towardGate);
      features.push(
        makeFeature(`facility-placeholder-${rule.facilityType.replaceAll('_', '-')}-${estate.entry.id.replace(/^estate-/, '')}`, { type: 'Point', coordinates: position } as Point, {
          name: `${estate.entry.name}${rule.label}（示意）`,
          source: 'generated',
          source_detail: `Placeholder, not a known site: ${rule.why}. Placed in every ${rule.every === 1 ? '' : `${ordinalOf(rule.every)} `}eligible estate by a fixed rule; replace with the real list.`,
          source_detail_zh: `示意点位，非已知设施：${rule.whyZh}。按固定规则${rule.every === 1 ? '在每个' : `每${rule.every}个`}符合条件的小区中布置一处；请以实际名录替换。`,
          confidence: 'low',
          facility_type: rule.facilityType,
          address: null,
          opening_year: null,
          placeholder: true,
          outside_boundary: !booleanPointInPolygon(position, subdistrict),
        }),
      );
    });
  }
  return features;
}

const suffix = (id: string) => id.replace(/^road-/, '');

export function placeBusStops(roads: BuiltRoad[], subdistrict: Polygon): DatasetFeature[] {
  const features: DatasetFeature[] = [];
  const served = roads.filter((road) => road.entry.roadClass === 'arterial' || road.entry.roadClass === 'secondary');
  for (const road of served) {
    for (const other of roads) {
      if (other === road || other.entry.roadClass === 'lane') continue;
      const inside = (point: Metres) => booleanPointInPolygon(unprojectToLonLat(point), subdistrict);
      for (const crossing of findCrossings(road.line, other.line).filter((candidate) => inside(candidate.point)).slice(0, 1)) {
        // 40 m past the junction, on the kerb: far-side stops are the usual Shanghai layout.
        const along = Math.min(crossing.alongFirst + 40, polylineLength(road.line));
        const onLine = pointAtLength(road.line, along);
        const ahead = pointAtLength(road.line, Math.min(along + 1, polylineLength(road.line)));
        const [dx, dy] = [ahead[0] - onLine[0], ahead[1] - onLine[1]];
        const norm = Math.hypot(dx, dy) || 1;
        const kerb = road.entry.widthMetres / 2;
        const position = unprojectToLonLat([onLine[0] + (dy / norm) * kerb, onLine[1] - (dx / norm) * kerb]);
        if (!booleanPointInPolygon(position, subdistrict)) continue;
        features.push(
          makeFeature(`facility-bus-stop-${suffix(road.entry.id)}-${suffix(other.entry.id)}`, { type: 'Point', coordinates: position } as Point, {
            name: `${road.entry.name}${other.entry.name}站`,
            source: 'estimated',
            source_detail: `Stop assumed on ${road.entry.name} just past its crossing with ${other.entry.name} (Shanghai stops are named after the crossing); real stops and routes were not at hand.`,
            source_detail_zh: `假定站点位于${road.entry.name}上、刚过${other.entry.name}路口处（上海公交站以相交道路命名）；暂无实际站点和线路资料。`,
            confidence: 'low',
            facility_type: 'bus_stop',
            address: null,
            opening_year: null,
            outside_boundary: false,
          }),
        );
      }
    }
  }
  return features;
}

// One facility point per green space, typed by its size against GB 50180 Table 4.0.4.
export function placeParkFacilities(greenSpaces: Dataset, subdistrict: Polygon): DatasetFeature[] {
  return greenSpaces.features.flatMap((feature) => {
    const squareMetres = measureAreaSquareMetres(feature.geometry as Polygon);
    const facilityType = feature.properties.kind === 'park'
      ? squareMetres >= 50_000 ? 'park_15min' : squareMetres >= 10_000 ? 'park_10min' : 'park_5min'
      : squareMetres >= 3000 ? 'green_3000' : null;
    if (!facilityType) return [];
    const position = pointOnFeature(feature.geometry as Polygon).geometry.coordinates as LonLat;
    return [
      makeFeature(`facility-${feature.id}`, { type: 'Point', coordinates: position } as Point, {
        name: feature.properties.name,
        source: feature.properties.source,
        source_detail: `Point inside the green space ${feature.id} (${Math.round(squareMetres)} m²), typed by size. ${feature.properties.source_detail}`,
        source_detail_zh: `绿地 ${feature.id}（${Math.round(squareMetres)}平方米）内的一点，按面积确定类型。${feature.properties.source_detail_zh}`,
        confidence: feature.properties.confidence,
        facility_type: facilityType,
        address: null,
        opening_year: null,
        outside_boundary: !booleanPointInPolygon(position, subdistrict),
      }),
    ];
  });
}

// 安全屋 (safe houses) go "in busy areas" by the plan's words: one placeholder at each mall the
// plan names and at the Century Avenue interchange.
export function placeSafeHouses(busyPlaces: { id: string; name: string; position: LonLat }[], subdistrict: Polygon): DatasetFeature[] {
  return busyPlaces.map((place) =>
    makeFeature(`facility-placeholder-safe-house-${place.id.replace(/^(commercial|metro)-/, '')}`, { type: 'Point', coordinates: place.position } as Point, {
      name: `${place.name}安全屋（示意）`,
      source: 'generated',
      source_detail: 'Placeholder, not a known site: the plan extends 安全屋 in busy areas; placed at this busy place. Replace with the real list.',
      source_detail_zh: '示意点位，非已知设施：行动计划要求在人流密集区域拓展安全屋，故置于此人流密集处。请以实际名录替换。',
      confidence: 'low',
      facility_type: 'safe_house',
      address: null,
      opening_year: null,
      placeholder: true,
      outside_boundary: !booleanPointInPolygon(place.position, subdistrict),
    }),
  );
}

// Metro stations are facilities of the 15-minute circle too (GB 50180: within 800 m); they are
// repeated here from metro_stations so coverage can be computed over one collection.
export function placeMetroStationFacilities(metroStations: Dataset): DatasetFeature[] {
  return metroStations.features.map((station) =>
    makeFeature(`facility-${station.id}`, station.geometry, {
      name: station.properties.name,
      name_en: station.properties.name_en,
      source: station.properties.source,
      source_detail: `Copy of ${station.id} in metro_stations (lines ${(station.properties.lines as string[]).join(', ')}). ${station.properties.source_detail}`,
      source_detail_zh: `复制自 metro_stations 中的 ${station.id}（${(station.properties.lines as string[]).join('、')}号线）。${station.properties.source_detail_zh}`,
      confidence: station.properties.confidence,
      facility_type: 'metro_station',
      address: null,
      opening_year: null,
      outside_boundary: station.properties.outside_boundary,
    }),
  );
}

/** 2 → 2nd, 3 → 3rd, 5 → 5th, 12 → 12th: the English of "every n-th estate". */
function ordinalOf(number: number): string {
  const lastTwo = number % 100;
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[number % 10] ?? 'th';
  return `${number}${suffix}`;
}
