// The named streets of the subdistrict and its edges. Each entry says where its centreline
// comes from and which roads (or the subdistrict edge) end it. Widths and lane counts are
// typical red-line values for the road's class in central Pudong, not surveyed: the data card
// says so and a planning office should replace them first.
import type { LonLat } from './local-projection.ts';
import type { Confidence } from './feature-types.ts';

export type RoadClass = 'arterial' | 'secondary' | 'branch' | 'lane';

// "edge": run past the subdistrict edge to the end of the ground its residents walk to
// (surrounding-ground.ts: 1.6 km out, or the river).
// "lastAddress": stop 30 m past the furthest address that names the road (a street that ends
// without meeting another, such as 北张家浜路 where the creek bends across its line).
// "drawnEnd": where the OpenStreetMap way itself ends (a street that ends in an estate).
export type RoadEnd = { road: string } | { edge: true } | { lastAddress: true } | { drawnEnd: true };

// A stretch of the road that OpenStreetMap draws better than the fit: the ways chained, or the
// middle between two parallel ways (the two carriageways or the two cycle tracks of a wide road).
export type OsmStretch = { ways: string[] } | { middleOf: [string[], string[]] };

export type CentrelineEvidence =
  | {
      method: 'addresses';
      addressRoadNames: string[];
      bending: boolean;
      // Only numbers below this: for a long road whose far end turns away (东方路 south of 蓝村路).
      houseNumberBelow?: number;
      // Parallel to another road's fitted direction, when the road's own addresses are too few
      // or too clustered to show its direction.
      parallelTo?: string;
      anchors?: { position: LonLat; label: string; labelZh: string; coordinateSystem: 'wgs84' | 'gcj02' }[];
      osmStretch?: OsmStretch;
    }
  | { method: 'anchors'; anchors: { position: LonLat; label: string; labelZh: string; coordinateSystem: 'wgs84' | 'gcj02' }[]; osmStretch?: OsmStretch }
  // The whole road as OpenStreetMap draws it, continued straight past its ends to meet its end roads.
  | { method: 'osm'; ways: string[] };

export interface RoadEntry {
  id: string;
  name: string;
  name_en: string;
  roadClass: RoadClass;
  widthMetres: number;
  lanes: number | null;
  evidence: CentrelineEvidence;
  from: RoadEnd;
  to: RoadEnd;
  confidence: Confidence;
  // Overrides the source the evidence implies: 'plan-text' for a road known only from the plan,
  // 'estimated' where the line continues another road because the road's own geocodes disagree.
  sourceOverride?: 'plan-text' | 'estimated';
  note?: string;
  /** The note in Chinese; set whenever note is. */
  noteZh?: string;
  /** A street of a neighbouring township, drawn for the walks that cross the boundary. */
  outside?: true;
}

const edge = { edge: true } as const;

// Order matters: a road "parallelTo" or ended by another must come after it.
export const roadCatalogue: RoadEntry[] = [
  {
    id: 'road-pumin', name: '浦明路', name_en: 'Puming Road', roadClass: 'secondary', widthMetres: 24, lanes: 4,
    // Its geocodes scatter up to 370 m across (deep estate lanes, a construction camp), so the
    // line is a best guess along the river bank rather than a reliable fit.
    evidence: { method: 'addresses', addressRoadNames: ['浦明路'], bending: false },
    // South of 张家浜 the bank turns west and a straight line would cut across 浦东南路.
    from: edge, to: { lastAddress: true }, confidence: 'low', sourceOverride: 'estimated',
  },
  {
    id: 'road-zhangyang', name: '张杨路', name_en: 'Zhangyang Road', roadClass: 'arterial', widthMetres: 45, lanes: 6,
    evidence: { method: 'addresses', addressRoadNames: ['张杨路'], bending: false },
    // West of 浦明路 lies the riverside green, not street.
    from: { road: 'road-pumin' }, to: edge, confidence: 'high', note: 'northern edge of the subdistrict', noteZh: '街道北界',
  },
  {
    id: 'road-century-avenue', name: '世纪大道', name_en: 'Century Avenue', roadClass: 'arterial', widthMetres: 100, lanes: 8,
    evidence: {
      method: 'anchors',
      anchors: [
        { position: [121.5229559, 31.2308039], label: 'Century Avenue metro station (Line 2 runs under the avenue)', labelZh: '世纪大道地铁站（2号线在大道下方）', coordinateSystem: 'wgs84' },
        { position: [121.5403599, 31.2208203], label: 'Shanghai Science and Technology Museum metro station (Line 2)', labelZh: '上海科技馆地铁站（2号线）', coordinateSystem: 'wgs84' },
      ],
      // Both carriageways are mapped only between 福山路 and 浦电路.
      osmStretch: { middleOf: [['1223691441'], ['1155731219']] },
    },
    from: edge, to: edge, confidence: 'medium',
  },
  {
    id: 'road-pudong-south', name: '浦东南路', name_en: 'Pudong South Road', roadClass: 'arterial', widthMetres: 40, lanes: 6,
    evidence: { method: 'addresses', addressRoadNames: ['浦东南路'], bending: true },
    from: edge, to: edge, confidence: 'high',
  },
  {
    id: 'road-dongfang', name: '东方路', name_en: 'Dongfang Road', roadClass: 'arterial', widthMetres: 40, lanes: 6,
    evidence: {
      method: 'addresses', addressRoadNames: ['东方路'], bending: false, houseNumberBelow: 1400,
      anchors: [{ position: [121.525097, 31.228032], label: '九六广场, 东方路796号 (public POI list, Amap GCJ-02)', labelZh: '九六广场，东方路796号（公开 POI 名录，高德 GCJ-02）', coordinateSystem: 'gcj02' }],
      // The two cycle tracks flank the carriageways from 张杨路 almost to 张家浜.
      osmStretch: { middleOf: [['159942178'], ['165329605']] },
    },
    // Almost all geocoded 东方路 addresses lie outside the subdistrict and scatter; the line
    // rests as much on the 九六广场 point as on them.
    from: edge, to: edge, confidence: 'medium', sourceOverride: 'estimated',
  },
  {
    id: 'road-yuanshen', name: '源深路', name_en: 'Yuanshen Road', roadClass: 'secondary', widthMetres: 32, lanes: 4,
    evidence: {
      method: 'addresses', addressRoadNames: ['源深路'], bending: false,
      // Every geocoded 源深路 address is on the west (潍坊) side, which would pull the line
      // into the estates; the subdistrict boundary, which follows the road, balances them.
      anchors: [
        { position: [121.5293108, 31.2347446], label: 'boundary corner at 张杨路/源深路', labelZh: '张杨路/源深路处的边界拐角', coordinateSystem: 'wgs84' },
        { position: [121.5316644, 31.2309119], label: 'boundary vertex on 源深路', labelZh: '源深路上的边界顶点', coordinateSystem: 'wgs84' },
        { position: [121.5331166, 31.2278328], label: 'boundary vertex on 源深路', labelZh: '源深路上的边界顶点', coordinateSystem: 'wgs84' },
      ],
    },
    from: edge, to: { road: 'road-century-avenue' }, confidence: 'high', note: 'eastern edge of the subdistrict', noteZh: '街道东界',
  },
  {
    id: 'road-weifang', name: '潍坊路', name_en: 'Weifang Road', roadClass: 'secondary', widthMetres: 24, lanes: 2,
    evidence: { method: 'addresses', addressRoadNames: ['潍坊路'], bending: true },
    from: { road: 'road-pudong-south' }, to: { road: 'road-yuanshen' }, confidence: 'high', note: '“七彩潍坊” themed street', noteZh: '“七彩潍坊”主题街道',
  },
  {
    id: 'road-pudian', name: '浦电路', name_en: 'Pudian Road', roadClass: 'secondary', widthMetres: 32, lanes: 4,
    evidence: { method: 'addresses', addressRoadNames: ['浦电路'], bending: true, osmStretch: { ways: ['237271809'] } },
    from: { road: 'road-pumin' }, to: { road: 'road-century-avenue' }, confidence: 'high', note: '“低碳浦电” themed street', noteZh: '“低碳浦电”主题街道',
  },
  {
    id: 'road-pucheng', name: '浦城路', name_en: 'Pucheng Road', roadClass: 'branch', widthMetres: 16, lanes: 2,
    evidence: { method: 'addresses', addressRoadNames: ['浦城路'], bending: false },
    from: { road: 'road-zhangyang' }, to: { road: 'road-pudian' }, confidence: 'medium',
  },
  {
    id: 'road-weifang-west', name: '潍坊西路', name_en: 'Weifang West Road', roadClass: 'branch', widthMetres: 16, lanes: 2,
    // Its three geocodes are estate lanes 100–200 m off the street: they fix its offset only, the
    // direction is 潍坊路's, which it continues west of 浦东南路.
    evidence: { method: 'addresses', addressRoadNames: ['潍坊西路'], bending: false, parallelTo: 'road-weifang' },
    from: { road: 'road-pumin' }, to: { road: 'road-pudong-south' }, confidence: 'low', sourceOverride: 'estimated',
  },
  {
    id: 'road-nanquan-north', name: '南泉北路', name_en: 'Nanquan North Road', roadClass: 'branch', widthMetres: 20, lanes: 2,
    // Only two of its geocodes lie near the subdistrict, 150 m apart across the street; the line
    // leans on the 陆家嘴 addresses north of 张杨路, so it is marked estimated.
    evidence: { method: 'addresses', addressRoadNames: ['南泉北路'], bending: false },
    from: edge, to: { road: 'road-weifang' }, confidence: 'low', sourceOverride: 'estimated', note: '“学府南泉” themed street', noteZh: '“学府南泉”主题街道',
  },
  {
    id: 'road-nanquan', name: '南泉路', name_en: 'Nanquan Road', roadClass: 'branch', widthMetres: 20, lanes: 2,
    // The geocodes naming 南泉路 disagree with each other (numbers out of order), so the line
    // continues 南泉北路's fitted axis south of 潍坊路.
    evidence: { method: 'addresses', addressRoadNames: ['南泉北路'], bending: false },
    from: { road: 'road-weifang' }, to: edge, confidence: 'low', sourceOverride: 'estimated', note: '“学府南泉” themed street', noteZh: '“学府南泉”主题街道',
  },
  {
    id: 'road-laoshan', name: '崂山路', name_en: 'Laoshan Road', roadClass: 'branch', widthMetres: 20, lanes: 2,
    evidence: { method: 'addresses', addressRoadNames: ['崂山路'], bending: false },
    from: edge, to: { road: 'road-pudian' }, confidence: 'high', note: '“美食崂山” themed street', noteZh: '“美食崂山”主题街道',
  },
  {
    id: 'road-fushan', name: '福山路', name_en: 'Fushan Road', roadClass: 'branch', widthMetres: 20, lanes: 2,
    evidence: { method: 'addresses', addressRoadNames: ['福山路'], bending: false, osmStretch: { ways: ['967998586'] } },
    from: edge, to: { road: 'road-pudian' }, confidence: 'high',
  },
  {
    id: 'road-songlin', name: '松林路', name_en: 'Songlin Road', roadClass: 'branch', widthMetres: 16, lanes: 2,
    evidence: { method: 'addresses', addressRoadNames: ['松林路'], bending: false },
    from: edge, to: { road: 'road-century-avenue' }, confidence: 'medium',
  },
  {
    id: 'road-north-zhangjiabang', name: '北张家浜路', name_en: 'North Zhangjiabang Road', roadClass: 'branch', widthMetres: 12, lanes: 2,
    evidence: { method: 'addresses', addressRoadNames: ['北张家浜路'], bending: false },
    from: { road: 'road-pudong-south' }, to: { lastAddress: true }, confidence: 'medium',
  },
  {
    id: 'road-zhangjiabang', name: '张家浜路', name_en: 'Zhangjiabang Road', roadClass: 'lane', widthMetres: 8, lanes: null,
    evidence: { method: 'addresses', addressRoadNames: ['张家浜路'], bending: false, parallelTo: 'road-north-zhangjiabang' },
    from: { road: 'road-pucheng' }, to: { road: 'road-pudong-south' }, confidence: 'low',
  },
  {
    id: 'road-xiangcheng', name: '向城路', name_en: 'Xiangcheng Road', roadClass: 'branch', widthMetres: 12, lanes: 2,
    // The geocodes of 向城路 lie a median 174 m from the street OpenStreetMap draws (they name
    // estate lanes deep in the blocks); the OSM way replaces the fit.
    evidence: { method: 'osm', ways: ['12618613'] },
    from: { road: 'road-dongfang' }, to: { road: 'road-century-avenue' }, confidence: 'high',
  },
  {
    id: 'road-zhulin', name: '竹林路', name_en: 'Zhulin Road', roadClass: 'branch', widthMetres: 12, lanes: 2,
    evidence: { method: 'osm', ways: ['14912329', '169196775'] },
    from: { drawnEnd: true }, to: { drawnEnd: true }, confidence: 'high',
  },
  {
    id: 'road-fukang', name: '福康路', name_en: 'Fukang Road', roadClass: 'lane', widthMetres: 8, lanes: null,
    evidence: {
      method: 'anchors',
      anchors: [
        { position: [121.5213, 31.2282], label: 'a point east of 东方路 inside the 九六广场 block (guessed)', labelZh: '东方路以东、九六广场街坊内的一点（推测）', coordinateSystem: 'wgs84' },
        { position: [121.5243, 31.2293], label: 'a point west of 世纪大道 in the same block (guessed)', labelZh: '同一街坊内世纪大道以西的一点（推测）', coordinateSystem: 'wgs84' },
      ],
    },
    from: { road: 'road-dongfang' }, to: { road: 'road-century-avenue' }, confidence: 'low', sourceOverride: 'plan-text',
    note: 'internal road named in the plan (竹园商贸区、九六广场、福康路等内部道路); real alignment unknown',
    noteZh: '行动计划提及的内部道路（竹园商贸区、九六广场、福康路等内部道路）；实际走向未知',
  },
  // Streets of the neighbouring townships that residents walk along to what lies across 张杨路,
  // 源深路 and 张家浜: fitted through their own geocoded addresses like the streets inside.
  {
    id: 'road-pudong-avenue', name: '浦东大道', name_en: 'Pudong Avenue', roadClass: 'arterial', widthMetres: 40, lanes: 6,
    evidence: { method: 'addresses', addressRoadNames: ['浦东大道'], bending: false },
    from: edge, to: edge, confidence: 'medium', outside: true,
  },
  {
    id: 'road-shangcheng', name: '商城路', name_en: 'Shangcheng Road', roadClass: 'secondary', widthMetres: 24, lanes: 4,
    evidence: { method: 'addresses', addressRoadNames: ['商城路'], bending: false },
    from: { road: 'road-pudong-south' }, to: { road: 'road-yuanshen' }, confidence: 'medium', outside: true,
  },
  {
    id: 'road-minsheng', name: '民生路', name_en: 'Minsheng Road', roadClass: 'secondary', widthMetres: 32, lanes: 4,
    evidence: { method: 'addresses', addressRoadNames: ['民生路'], bending: false },
    from: { road: 'road-pudong-avenue' }, to: { road: 'road-zhangyang' }, confidence: 'low', outside: true,
  },
  {
    id: 'road-eshan', name: '峨山路', name_en: 'Eshan Road', roadClass: 'branch', widthMetres: 16, lanes: 2,
    evidence: { method: 'addresses', addressRoadNames: ['峨山路'], bending: false },
    from: { road: 'road-pudong-south' }, to: { road: 'road-dongfang' }, confidence: 'medium', outside: true,
  },
  {
    id: 'road-lancun', name: '蓝村路', name_en: 'Lancun Road', roadClass: 'secondary', widthMetres: 24, lanes: 4,
    evidence: { method: 'addresses', addressRoadNames: ['蓝村路'], bending: false },
    from: { road: 'road-nanquan' }, to: { lastAddress: true }, confidence: 'low', outside: true,
  },
  {
    id: 'road-pujian', name: '浦建路', name_en: 'Pujian Road', roadClass: 'secondary', widthMetres: 32, lanes: 4,
    evidence: { method: 'addresses', addressRoadNames: ['浦建路'], bending: false },
    from: { road: 'road-pudong-south' }, to: edge, confidence: 'medium', outside: true,
  },
];
