/**
 * Every piece of interface text, in Chinese (the default) and English. Place names are data,
 * not interface text: they stay Chinese in both languages, as residents and planners know them.
 */
export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const chinese = {
  appTitle: '潍坊新村街道 · 15分钟社区生活圈',
  appSubtitle: '空间规划工作台',
  languageSwitch: 'English',
  languageSwitchTitle: 'Switch the interface to English',
  layersHeading: '图层',
  threeDimensional: '三维视图',
  twoDimensional: '二维视图',
  searchPlaceholder: '搜索小区、设施、道路、地铁站…',
  searchNoResults: '没有找到匹配的地点',
  searchLabel: '搜索地点',
  loading: '正在加载数据…',
  loadFailed: '无法连接数据服务，请检查服务器是否在运行。',
  collectionFailed: '部分图层加载失败：',
  retry: '重试',
  emptyLayer: '暂无数据',
  close: '关闭',
  source: '数据来源',
  sourceDetail: '来源说明',
  confidence: '可信度',
  generatedWarning: '生成的示意轮廓，非测绘数据',
  generatedPositionWarning: '示意位置，非实际地点',
  generatedLineWarning: '生成的示意连线，非测绘数据',
  placeholderFacilities: '空心：示意位置',
  estimatedWarning: '估算数据，仅供参考',
  fitSubdistrict: '回到街道范围',
  generatedBuildings: '其中 {count} 栋为生成的示意轮廓，非测绘数据',
  yes: '是',
  no: '否',
} as const;

export type MessageKey = keyof typeof chinese;

const english: Record<MessageKey, string> = {
  appTitle: 'Weifang Xincun Subdistrict · 15-minute community life circle',
  appSubtitle: 'Spatial planning dashboard',
  languageSwitch: '中文',
  languageSwitchTitle: '切换为中文界面',
  layersHeading: 'Layers',
  threeDimensional: '3D view',
  twoDimensional: '2D view',
  searchPlaceholder: 'Search estates, facilities, roads, stations…',
  searchNoResults: 'No matching place',
  searchLabel: 'Search places',
  loading: 'Loading data…',
  loadFailed: 'Cannot reach the data service. Is the server running?',
  collectionFailed: 'Some layers failed to load: ',
  retry: 'Retry',
  emptyLayer: 'no data',
  close: 'Close',
  source: 'Source',
  sourceDetail: 'Source detail',
  confidence: 'Confidence',
  generatedWarning: 'Generated illustrative footprint, not survey data',
  generatedPositionWarning: 'Illustrative position, not a known site',
  generatedLineWarning: 'Generated illustrative link, not survey data',
  placeholderFacilities: 'Hollow: illustrative position',
  estimatedWarning: 'Estimated, for reference only',
  fitSubdistrict: 'Back to the subdistrict',
  generatedBuildings: '{count} of them are generated illustrative footprints, not survey data',
  yes: 'Yes',
  no: 'No',
};

export const messages: Record<Language, Record<MessageKey, string>> = { 'zh-CN': chinese, en: english };
