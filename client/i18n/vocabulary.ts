import type { Language } from './messages.ts';

/**
 * Names for the values found in the data: layer titles, property names, source kinds, road
 * classes and facility types. Values not listed here are shown as they are, so new data never
 * breaks the interface.
 */
type Bilingual = { 'zh-CN': string; en: string };
const both = (chinese: string, english: string): Bilingual => ({ 'zh-CN': chinese, en: english });

export const layerTitles: Record<string, Bilingual> = {
  boundary: both('街道边界', 'Subdistrict boundary'),
  neighbourhoods: both('小区', 'Residential estates'),
  roads: both('道路', 'Roads'),
  'walking-network': both('步行网络', 'Walking network'),
  waterfront: both('张家浜滨水空间', 'Zhangjiabang waterfront'),
  'green-spaces': both('绿地', 'Green space'),
  'commercial-zones': both('商业区', 'Commercial zones'),
  buildings: both('建筑', 'Buildings'),
  facilities: both('公共服务设施', 'Public facilities'),
  'metro-stations': both('地铁站', 'Metro stations'),
  'residents-committees': both('居委会', 'Residents committees'),
  projects: both('行动计划项目', 'Action-plan projects'),
  labels: both('地名标注', 'Place labels'),
};

export const propertyNames: Record<string, Bilingual> = {
  residents_committee: both('所属居委', 'Residents committee'),
  build_era: both('建成年代', 'Built'),
  households: both('户数', 'Households'),
  residents: both('常住人口', 'Residents'),
  residents_aged_60_plus: both('60岁以上人口', 'Residents aged 60+'),
  class: both('道路等级', 'Road class'),
  width_metres: both('宽度（米）', 'Width (m)'),
  kind: both('类型', 'Kind'),
  floors: both('层数', 'Floors'),
  building_type: both('建筑类型', 'Building type'),
  facility_type: both('设施类型', 'Facility type'),
  address: both('地址', 'Address'),
  opening_year: both('开放年份', 'Opened'),
  lines: both('线路', 'Lines'),
  lanes: both('车道数', 'Lanes'),
  gates: both('出入口', 'Gates'),
  area_square_metres: both('面积（平方米）', 'Area (m²)'),
  outside_boundary: both('位于街道范围外', 'Outside the subdistrict'),
  code: both('统计代码', 'Statistical code'),
  note: both('备注', 'Note'),
  length_metres: both('长度（米）', 'Length (m)'),
  from_node: both('起点节点', 'From node'),
  to_node: both('终点节点', 'To node'),
  area_km2_published: both('公布面积（平方公里）', 'Published area (km²)'),
  population_published: both('公布人口', 'Published population'),
  township: both('所在街镇', 'Township'),
  neighbourhood: both('所属小区', 'Estate'),
  placeholder: both('示意数据', 'Placeholder'),
  osm_way_ids: both('OpenStreetMap 路径编号', 'OpenStreetMap way ids'),
  match_quality: both('地址匹配', 'Address match'),
  location_method: both('定位方式', 'Placed by'),
  capacity: both('容量', 'Capacity'),
  opening_date: both('开放日期', 'Opening date'),
  name_zh: both('中文名称', 'Chinese name'),
};

/**
 * The values of `kind` in the seed layers (boundary, commercial zones, green space, walking
 * network, waterways), and of the imported rows' `match_quality` and `location_method`.
 */
export const kindValues: Record<string, Bilingual> = {
  subdistrict: both('本街道', 'This subdistrict'),
  neighbour: both('相邻街镇', 'Neighbouring township'),
  shopping_mall: both('购物中心', 'Shopping mall'),
  trade_zone: both('商贸区', 'Trade zone'),
  park: both('公园', 'Park'),
  riverside_green: both('滨河绿地', 'Riverside green'),
  street: both('街道', 'Street'),
  lane: both('弄堂小路', 'Lane'),
  path: both('步道', 'Path'),
  river: both('河道', 'River'),
  centreline: both('河道中心线', 'River centreline'),
};

export const matchQualityValues: Record<string, Bilingual> = {
  exact: both('精确匹配门牌', 'Exact address'),
  interpolated: both('按门牌号插值', 'Interpolated along the street'),
  street: both('仅匹配到街道', 'Street only'),
  'not-found': both('未找到', 'Not found'),
};

export const locationMethodValues: Record<string, Bilingual> = {
  address: both('按地址定位', 'By its address'),
  coordinates: both('文件中的坐标', 'Coordinates in the file'),
};

export const sourceKinds: Record<string, Bilingual> = {
  official: both('官方数据', 'Official data'),
  osm: both('开放街道图（OpenStreetMap）', 'OpenStreetMap'),
  'address-derived': both('由地址推算位置', 'Located from its address'),
  'plan-text': both('来自规划文本', 'From a plan document'),
  estimated: both('估算', 'Estimated'),
  generated: both('程序生成（示意）', 'Generated (illustrative)'),
  imported: both('办公室导入的台账', 'Imported from the office\'s records'),
  'address-located': both('按地址定位', 'Located by its address'),
  editor: both('在本平台绘制录入', 'Drawn in the dashboard'),
};

export const confidenceLevels: Record<string, Bilingual> = {
  high: both('高', 'High'),
  medium: both('中', 'Medium'),
  low: both('低', 'Low'),
};

export const roadClasses: Record<string, Bilingual> = {
  arterial: both('主干路', 'Arterial'),
  secondary: both('次干路', 'Secondary'),
  branch: both('支路', 'Branch'),
  lane: both('街巷', 'Lane'),
};

export const buildingTypes: Record<string, Bilingual> = {
  residential: both('住宅', 'Residential'),
  office: both('办公', 'Office'),
  public: both('公共建筑', 'Public'),
  commercial: both('商业', 'Commercial'),
};

/** The facility groups of the legend (layers/palette.ts facilityGroups), by group id. */
export const facilityGroupTitles: Record<string, Bilingual> = {
  education: both('教育', 'Education'),
  health: both('医疗卫生', 'Health'),
  elderly: both('养老助残', 'Elderly and disability care'),
  'culture-sports': both('文化体育', 'Culture and sport'),
  commerce: both('商业与助餐', 'Shops and food'),
  'community-service': both('社区服务', 'Community services'),
  administration: both('行政管理', 'Administration'),
  transport: both('交通', 'Transport'),
  other: both('其他', 'Other'),
};

/** facility_type keys of standards.md §1.2–1.3 and the Shanghai types. */
export const facilityTypes: Record<string, Bilingual> = {
  junior_high_school: both('初中', 'Junior high school'),
  primary_school: both('小学', 'Primary school'),
  kindergarten: both('幼儿园', 'Kindergarten'),
  nursery: both('托儿所', 'Nursery'),
  baby_house: both('社区宝宝屋', 'Community baby house'),
  sports_center: both('体育馆或全民健身中心', 'Sports centre'),
  large_multi_sports_field: both('大型多功能运动场地', 'Large sports ground'),
  medium_multi_sports_field: both('中型多功能运动场地', 'Medium sports ground'),
  small_sports_field: both('小型多功能运动场地', 'Small sports ground'),
  outdoor_fitness_area: both('室外综合健身场地', 'Outdoor fitness area'),
  gym: both('健身房', 'Gym'),
  community_health_center: both('社区卫生服务中心', 'Community health centre'),
  community_health_station: both('社区卫生服务站', 'Community health station'),
  outpatient_clinic: both('门诊部', 'Outpatient clinic'),
  nursing_home: both('养老院', 'Nursing home'),
  elderly_care_home: both('老年养护院', 'Elderly care home'),
  elderly_day_care: both('老年人日间照料中心', 'Elderly day care'),
  comprehensive_elderly_center: both('综合为老服务中心', 'Comprehensive elderly centre'),
  elderly_residential_care: both('长者照护之家', 'Elderly residential care'),
  culture_center: both('文化活动中心', 'Culture centre'),
  culture_station: both('文化活动站', 'Culture station'),
  community_service_center: both('社区事务受理服务中心', 'Community service centre'),
  community_service_station: both('社区服务站', 'Community service station'),
  one_stop_service_complex: both('一站式综合服务中心', 'One-stop service complex'),
  doorstep_service_point: both('家门口服务点', 'Doorstep service point'),
  embedded_service_complex: both('社区嵌入式服务综合体', 'Embedded service complex'),
  community_comprehensive_station: both('社区综合服务站', 'Community comprehensive station'),
  subdistrict_office: both('街道办事处', 'Subdistrict office'),
  judicial_office: both('司法所', 'Judicial office'),
  police_station: both('派出所', 'Police station'),
  post_office: both('邮政营业场所', 'Post office'),
  shopping_mall: both('商场', 'Shopping mall'),
  wet_market: both('菜市场', 'Wet market'),
  convenience_store: both('便利店', 'Convenience store'),
  community_retail: both('社区商业网点', 'Community retail'),
  community_canteen: both('社区食堂', 'Community canteen'),
  metro_station: both('轨道交通站点', 'Metro station'),
  bus_stop: both('公交车站', 'Bus stop'),
  bus_terminal: both('公交首末站', 'Bus terminal'),
  public_toilet: both('公共厕所', 'Public toilet'),
  community_affairs_center: both('社区事务受理服务中心', 'Community affairs centre'),
  party_mass_service_center: both('党群服务中心', 'Party and community service centre'),
  civilisation_practice_point: both('新时代文明实践站', 'Civilisation practice point'),
  disability_service_center: both('残疾人服务中心', 'Disability service centre'),
  business_service_center: both('企业服务中心', 'Business service centre'),
  community_dining: both('社会餐桌（社区助餐点）', 'Community dining point'),
  safe_house: both('安全屋', 'Safe house'),
  ebike_charging: both('电动自行车集中充电点', 'E-bike charging point'),
  green_3000: both('公共绿地（≥3000㎡）', 'Public green space (≥3000 m²)'),
  recycling_point: both('再生资源回收点', 'Recycling point'),
  waste_collection_station: both('生活垃圾收集站', 'Waste collection station'),
  waste_collection_point: both('生活垃圾收集点', 'Waste collection point'),
  resident_car_parking: both('居民停车场', 'Residents’ car park'),
  park_15min: both('居住区公园（15分钟）', 'Park (15-minute level)'),
  park_10min: both('居住区公园（10分钟）', 'Park (10-minute level)'),
  park_5min: both('居住区公园（5分钟）', 'Park (5-minute level)'),
};

/** The word for a data value in the given language, or the value itself when it is unknown. */
export function nameOfValue(table: Record<string, Bilingual>, value: string, language: Language): string {
  return table[value]?.[language] ?? value;
}
