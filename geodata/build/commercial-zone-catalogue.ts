// The commercial districts the plan names (商圈党建 and road works), at their real addresses.
// Footprint sizes are rough plot sizes of these malls, not surveyed outlines.
import type { Placement } from './facility-catalogue.ts';

export interface CommercialZoneEntry {
  id: string;
  name: string;
  name_en: string;
  address: string;
  placement: Placement;
  widthMetres: number;
  depthMetres: number;
  floors: number;
  detail: string;
  /** The same facts as detail, in Chinese. */
  detailZh: string;
}

export const commercialZoneCatalogue: CommercialZoneEntry[] = [
  {
    id: 'commercial-china-resources-times-square', name: '华润时代广场', name_en: 'China Resources Times Square',
    address: '浦东新区张杨路500号', placement: { kind: 'house-number', roadName: '张杨路', houseNumber: 500 },
    widthMetres: 120, depthMetres: 80, floors: 30,
    detail: 'Address 张杨路500号 from public listings; named in the plan (商圈党建).',
    detailZh: '地址张杨路500号，来自公开资料；行动计划提及（商圈党建）。',
  },
  {
    id: 'commercial-ninety-six-plaza', name: '九六广场', name_en: '96 Plaza',
    address: '浦东新区东方路796号',
    placement: { kind: 'gcj02-point', position: [121.525097, 31.228032], pointSource: 'the Amap point of 东方路796号 in a public POI list (GCJ-02)', pointSourceZh: '公开 POI 名录中东方路796号的高德点位（GCJ-02）' },
    widthMetres: 140, depthMetres: 100, floors: 4,
    detail: 'Address 东方路796号 from public listings; named in the plan (商圈党建, internal road works).',
    detailZh: '地址东方路796号，来自公开资料；行动计划提及（商圈党建、内部道路整治）。',
  },
  {
    id: 'commercial-century-link', name: '世纪汇广场', name_en: 'Century Link',
    address: '浦东新区世纪大道1192号',
    placement: { kind: 'estimated-point', position: [121.5222, 31.2297], reason: 'on the south-west side of 世纪大道 over the Century Avenue interchange, where the 世纪大都会 south plot lies', reasonZh: '位于世纪大道西南侧、世纪大道换乘枢纽上方，即世纪大都会南地块所在处' },
    widthMetres: 170, depthMetres: 130, floors: 6,
    detail: 'Address 世纪大道1192号 from public listings; named in the plan (商圈党建). No geocode of the address is at hand.',
    detailZh: '地址世纪大道1192号，来自公开资料；行动计划提及（商圈党建）。暂无该地址的地理编码。',
  },
  {
    id: 'commercial-bailian-century', name: '百联世纪购物中心', name_en: 'Bailian Century Shopping Center',
    address: '浦东新区世纪大道1217号',
    placement: { kind: 'gcj02-point', position: [121.52785, 31.22955], pointSource: 'the Amap point of 世纪大道 百联世纪购物中心 in a public store list (GCJ-02)', pointSourceZh: '公开门店名录中世纪大道百联世纪购物中心的高德点位（GCJ-02）' },
    widthMetres: 140, depthMetres: 110, floors: 6,
    detail: 'Address 世纪大道1217号 from public listings; named in the plan as 世纪百联 (商圈党建).',
    detailZh: '地址世纪大道1217号，来自公开资料；行动计划中称“世纪百联”（商圈党建）。',
  },
];
