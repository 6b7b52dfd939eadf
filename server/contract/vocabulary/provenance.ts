/**
 * How sure a feature's place is, from its `source`, in four kinds a planner can act on. Zod-free:
 * the client imports the names at run time.
 */
export const provenanceKinds = ['surveyed', 'located', 'estimated', 'placeholder', 'unknown'] as const;
export type ProvenanceKind = (typeof provenanceKinds)[number];

export const provenanceKindNames: Record<ProvenanceKind, { zh: string; en: string; explanationZh: string; explanation: string }> = {
  surveyed: { zh: '实测或官方', en: 'Surveyed or official', explanationZh: '官方数据、开放街道图或办公室导入的台账', explanation: 'official data, OpenStreetMap or an office\'s own records' },
  located: { zh: '按地址定位', en: 'Located by address', explanationZh: '位置由门牌地址推算', explanation: 'placed from its street address' },
  estimated: { zh: '估计', en: 'Estimated', explanationZh: '按规划文本或图面估计', explanation: 'estimated from a plan text or a map' },
  placeholder: { zh: '示意', en: 'Placeholder', explanationZh: '程序生成的示意数据，并非真实地点', explanation: 'generated for illustration, not a real place' },
  unknown: { zh: '未注明', en: 'Not stated', explanationZh: '来源未注明', explanation: 'no source given' },
};

const sourcesByKind: Record<Exclude<ProvenanceKind, 'unknown'>, readonly string[]> = {
  surveyed: ['official', 'osm', 'imported', 'survey', 'surveyed', 'editor'],
  located: ['address-derived', 'address-located'],
  estimated: ['estimated', 'plan-text', 'assumed'],
  placeholder: ['generated'],
};
const kindBySource = new Map(Object.entries(sourcesByKind).flatMap(([kind, sources]) => sources.map((source) => [source, kind as ProvenanceKind] as const)));

/** A feature's kind: a placeholder is one whatever its source says; otherwise by its `source`. */
export function classifyProvenance(source: string | null | undefined, placeholder: boolean): ProvenanceKind {
  if (placeholder) return 'placeholder';
  return (source ? kindBySource.get(source) : undefined) ?? 'unknown';
}

/** Surveyed or located: a real place the analysis can stand on. */
export const isRealProvenance = (kind: ProvenanceKind): boolean => kind === 'surveyed' || kind === 'located';
