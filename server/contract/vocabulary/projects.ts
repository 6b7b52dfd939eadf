/**
 * The project registry's vocabulary, without zod: the client imports it at run time (zod with
 * the OpenAPI extension would add some 60 kB to the first map's code), and the contract's
 * schemas build on it.
 */
export const projectActions = [
  { key: 'party_building', nameZh: '党建引领', nameEn: 'Party-building leads', items: [1, 2, 3, 4, 5] },
  { key: 'built_form', nameZh: '形态改善', nameEn: 'Better built form', items: [6, 7, 8] },
  { key: 'functions', nameZh: '功能提升', nameEn: 'Better functions', items: [9, 10] },
  { key: 'governance', nameZh: '治理增能', nameEn: 'Smarter governance', items: [11, 12] },
  { key: 'safety', nameZh: '平安底线', nameEn: 'Safety', items: [13, 14] },
  { key: 'culture', nameZh: '文化润心', nameEn: 'Culture', items: [15, 16] },
] as const;

export const projectActionKeys = ['party_building', 'built_form', 'functions', 'governance', 'safety', 'culture'] as const;
export type ProjectActionKey = (typeof projectActionKeys)[number];

/** The last day of the action plan's period (专项行动计划 2022-2025): a new project is planned to end by then at the earliest. */
export const actionPlanEndDate = '2025-12-31';

/** The sixteen items of the plan, by number. */
export const projectItems: Record<number, { nameZh: string; nameEn: string }> = {
  1: { nameZh: '深化楼宇党建', nameEn: 'Office-tower Party building' },
  2: { nameZh: '完善街区党建', nameEn: 'Street-area Party building' },
  3: { nameZh: '创新行业党建', nameEn: 'Trade Party building' },
  4: { nameZh: '探索商圈党建', nameEn: 'Commercial-district Party building' },
  5: { nameZh: '做强居民区党建', nameEn: 'Residential Party building' },
  6: { nameZh: '提高小区环境品质', nameEn: 'Estate quality' },
  7: { nameZh: '改善街区景观环境', nameEn: 'Street landscape' },
  8: { nameZh: '推进道路设施提升', nameEn: 'Road facilities' },
  9: { nameZh: '加强公共服务阵地建设', nameEn: 'Public service sites' },
  10: { nameZh: '持续优化营商服务', nameEn: 'Business services' },
  11: { nameZh: '强化“一网统管”建设', nameEn: 'City-operations platform' },
  12: { nameZh: '数字赋能社区治理', nameEn: 'Digital community governance' },
  13: { nameZh: '加快人防技防建设', nameEn: 'Safety facilities' },
  14: { nameZh: '加强风险隐患排查', nameEn: 'Risk checks' },
  15: { nameZh: '优化文化供给', nameEn: 'Cultural offer' },
  16: { nameZh: '凝聚人心共识', nameEn: 'Civic practice' },
};

export const projectStatuses = ['planned', 'in_progress', 'completed', 'on_hold'] as const;
export type ProjectStatus = (typeof projectStatuses)[number];
export const projectStatusNames: Record<ProjectStatus, { zh: string; en: string }> = {
  planned: { zh: '计划中', en: 'Planned' },
  in_progress: { zh: '实施中', en: 'In progress' },
  completed: { zh: '已完成', en: 'Completed' },
  on_hold: { zh: '暂缓', en: 'On hold' },
};
/** The order the leaders' figures and the report list the statuses in: what is done first. */
export const projectStatusReportOrder = ['completed', 'in_progress', 'planned', 'on_hold'] as const satisfies readonly ProjectStatus[];

/** The member units of the leadership group (attachment 1 of the plan). */
export const projectUnits = [
  '党政办', '党建办', '管理办', '服务办', '平安办', '信访办', '自治办', '宣统文化办', '营商办', '人大办', '监察办',
  '总工会', '团工委', '妇联', '司法所', '潍坊新村派出所', '市场监督管理所', '社区卫生服务中心', '综合行政执法队（城管中队）',
  '社区事务受理中心', '社区党群服务中心', '城运中心（应急管理中心）', '城建中心（房管办）',
] as const;
/** "… each 居民区's Party organisation": e.g. 潍坊四村居民区党组织. */
export const residentialPartyOrganisationExample = '<居民区名>居民区党组织';
export const residentialPartyOrganisationPattern = /^[\p{Script=Han}A-Za-z0-9（）()·]{1,30}居民区党(组织|总支|支部)$/u;

export const projectGeometryTypes = ['Polygon', 'MultiPolygon', 'LineString', 'MultiLineString', 'Point', 'MultiPoint'] as const;

/** Fields that may be marked as assumed (not given by the plan). */
export const assumableFields = [
  'status', 'start_date', 'end_date', 'progress_percent', 'budget_ten_thousand_yuan', 'lead_unit', 'partner_units', 'geometry', 'linked_features',
] as const;

/** Properties the server sets: accepted back in PUT/PATCH bodies and ignored. */
export const readOnlyProjectFields = ['action_name_zh', 'status_reports', 'source', 'source_detail', 'source_detail_zh', 'confidence', 'version', 'created_at', 'updated_at'] as const;

export const projectLimits = {
  bodyBytes: 1024 * 1024,
  vertices: 5000,
  links: 500,
  partnerUnits: 20,
  titleLength: 200,
  descriptionLength: 5000,
  /** How far outside the subdistrict boundary a project may reach. */
  boundaryMarginMetres: 500,
} as const;

/** Field names in Chinese, for messages that name the field. */
export const projectFieldNamesZh: Record<string, string> = {
  code: '项目编号', title_zh: '项目名称', action: '专项行动', item: '任务条目', lead_unit: '牵头单位', partner_units: '配合单位',
  status: '状态', start_date: '开始日期', end_date: '结束日期', progress_percent: '进度（%）', budget_ten_thousand_yuan: '预算（万元）',
  description: '项目说明', linked_features: '关联要素', assumptions: '假设字段', geometry: '几何图形', properties: '属性', type: '类型',
};

export const projectCodePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
