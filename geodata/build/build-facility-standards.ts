// standards.md §1.3 as data, plus the Shanghai types the facilities dataset uses. The numbers
// carry standards.md's confidence codes (A/B/C → high/medium/low) so a planner sees at once
// which radii are recalled rather than read from the primary text.

export interface FacilityStandard {
  facility_type: string;
  name_zh: string;
  level: string;
  max_walk_metres: number | null;
  scale: string | null;
  source: string;
  confidence: 'high' | 'medium' | 'low';
}

type Row = [string, string, string, number | null, string | null, string, 'A' | 'B' | 'C' | 'C/B'];

const gb = 'GB 50180-2018 附录C';
const gbB = 'GB 50180-2018 附录B';

// Order follows standards.md so a reviewer can check line by line.
const rows: Row[] = [
  ['junior_high_school', '初中', '15', 1000, '<=36班', gb, 'C'],
  ['sports_center', '体育馆(场)或全民健身中心', '15', 1000, '2000-5000m2', gb, 'C'],
  ['large_multi_sports_field', '大型多功能运动场地', '15', 1000, null, gb, 'C'],
  ['community_health_center', '社区卫生服务中心', '15', 1000, '>=1700m2; 1/街道', gb, 'C'],
  ['outpatient_clinic', '门诊部', '15', 1000, null, gb, 'C'],
  ['nursing_home', '养老院', '15', null, '200-500床; >=40床/千老人(GB50437)', `${gb} + GB 50437`, 'C'],
  ['elderly_care_home', '老年养护院', '15', null, '100-500床', gb, 'C'],
  ['culture_center', '文化活动中心', '15', 1000, '3000-6000m2', gb, 'C'],
  ['community_service_center', '社区服务中心(街道级)/社区事务受理服务中心', '15', null, '700-1500m2; 1/街道', gb, 'C'],
  ['subdistrict_office', '街道办事处', '15', null, null, gbB, 'C'],
  ['judicial_office', '司法所', '15', null, null, gbB, 'C'],
  ['police_station', '派出所', '15', null, null, gbB, 'C'],
  ['shopping_mall', '商场', '15;10', 500, null, gb, 'C'],
  ['gym', '健身房', '15;10', 1000, null, gb, 'C'],
  ['post_office', '邮政营业场所', '15', 1000, null, gb, 'C'],
  ['metro_station', '轨道交通站点', '15', 800, null, gb, 'C'],
  ['bus_terminal', '公交首末站', '15', null, null, gbB, 'C'],
  ['primary_school', '小学', '10', 500, '<=36班', gb, 'C'],
  ['medium_multi_sports_field', '中型多功能运动场地', '10', 500, null, gb, 'C'],
  ['wet_market', '菜市场或生鲜超市', '10', 500, '750-2500m2', gb, 'C'],
  ['bus_stop', '公交车站', '10', 500, '沪草案:内环内300', `${gb}; 沪2024草案`, 'C/B'],
  ['community_service_station', '社区服务站(含居委会)', '5', 300, '600-1000m2', gb, 'C'],
  ['community_canteen', '社区食堂', '5', null, '结合社区服务站', gbB, 'C'],
  ['culture_station', '文化活动站', '5', 500, '250-1200m2', gb, 'C'],
  ['small_sports_field', '小型多功能运动场地', '5', 300, '>=800m2', gb, 'C'],
  ['outdoor_fitness_area', '室外综合健身场地(含老年户外活动场地)', '5', 300, '>=150m2', gb, 'C'],
  ['kindergarten', '幼儿园', '5', 300, '<=12班', gb, 'C'],
  ['nursery', '托儿所', '5', 300, '沪2016: 0-3岁托育10分钟~500m', `${gb}; 沪导则2016`, 'C/B'],
  ['elderly_day_care', '老年人日间照料中心(托老所)', '5', 300, '350-750m2', `${gb}; 沪导则2016`, 'C/B'],
  ['community_health_station', '社区卫生服务站', '5', 300, '>=120m2(完整社区)', `${gb}; 完整社区2020`, 'C/B'],
  ['community_retail', '社区商业网点', '5', null, '综合超市>=300m2(完整社区)', `${gbB}; 完整社区2020`, 'B'],
  ['recycling_point', '再生资源回收点', '5', null, '1/1000-3000人', gb, 'C'],
  ['waste_collection_station', '生活垃圾收集站', '5', 400, null, gb, 'C'],
  ['public_toilet', '公共厕所', '5', null, null, gbB, 'C'],
  ['convenience_store', '便利店(菜店、日杂)', 'block', null, '1/1000-3000人', gb, 'C'],
  ['waste_collection_point', '生活垃圾收集点', 'block', 70, null, gb, 'C'],
  ['resident_car_parking', '居民机动车停车场', 'block', 150, null, gb, 'C'],
  ['park_15min', '十五分钟居住区公园', '15', 1000, '>=5ha; >=2.0m2/人', 'GB 50180-2018 表4.0.4', 'C'],
  ['park_10min', '十分钟居住区公园', '10', 500, '>=1ha; >=1.0m2/人', 'GB 50180-2018 表4.0.4', 'B'],
  ['park_5min', '五分钟居住区公园', '5', 300, '>=0.4ha; >=1.0m2/人', 'GB 50180-2018 表4.0.4', 'C'],
  ['green_3000', '公共绿地(>=3000m2)', '15', 500, '>=3000m2', '上海中心城区绿化指标 (富婷婷 2023)', 'B'],
  // Shanghai and recent national types (standards.md §1.2, third table).
  ['one_stop_service_complex', '一站式综合服务中心', '15', null, '>=800m2', '上海15分钟社区生活圈规划技术标准(2024征求意见稿)', 'B'],
  ['doorstep_service_point', '家门口服务站(点)', '5', null, '50-200m2', '上海15分钟社区生活圈规划技术标准(2024征求意见稿)', 'B'],
  ['comprehensive_elderly_center', '综合为老服务中心', '15', null, '1/街镇', '上海社区生活圈规划导则(2016)', 'B'],
  ['elderly_residential_care', '长者照护之家', '15', null, '小型, 约48床', '新华社 2016-10-31', 'B'],
  ['community_dining', '社区助餐点(社会餐桌)', '5', null, null, '上海社区助餐服务; 行动计划(2022-2025)', 'C'],
  ['baby_house', '社区宝宝屋', '5', null, '每街镇至少1处', '新华社 2025-02', 'B'],
  ['embedded_service_complex', '社区嵌入式服务综合体', '5', null, '>=600m2', '城市社区嵌入式服务设施建设导则(试行) 2024', 'B'],
  ['community_affairs_center', '社区事务受理服务中心', '15', null, '1/街道', '上海街道标准配置 (GB 50180 附录B 社区服务中心)', 'C'],
  ['party_mass_service_center', '社区党群服务中心', '15', null, '1/街道', '上海党群服务阵地体系', 'C'],
  ['party_mass_service_station', '党群服务站(居民区/楼宇)', '5', null, null, '上海党群服务阵地体系', 'C'],
  ['civilisation_practice_point', '新时代文明实践点', '5', null, null, '行动计划(2022-2025) 大道365', 'C'],
  ['ebike_charging', '电动自行车集中充电点', 'block', null, null, '行动计划(2022-2025) 平安底线; 上海非机动车充电设施要求', 'C'],
  ['safe_house', '安全屋', '5', null, null, '行动计划(2022-2025) 平安底线', 'C'],
  ['disability_service_center', '阳光家园/博爱家园', '15', null, null, '行动计划(2022-2025) 博爱家园', 'C'],
  ['veterans_service_station', '退役军人服务站', '15', null, null, '行动计划(2022-2025)', 'C'],
  ['business_service_center', '企业服务中心', '15', null, null, '行动计划(2022-2025)', 'C'],
  ['hospital', '综合医院', '15', null, null, '区域级设施, 不在生活圈配置表内', 'C'],
];

const confidenceByCode = { A: 'high', B: 'medium', C: 'low', 'C/B': 'low' } as const;

export function buildFacilityStandards(): FacilityStandard[] {
  return rows.map(([facilityType, nameZh, level, maxWalkMetres, scale, source, code]) => ({
    facility_type: facilityType,
    name_zh: nameZh,
    level,
    max_walk_metres: maxWalkMetres,
    scale,
    source,
    confidence: confidenceByCode[code],
  }));
}
