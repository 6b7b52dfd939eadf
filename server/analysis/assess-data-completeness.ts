import type { DataCompleteness, ImportFirstEntry } from '../contract/data-completeness.ts';
import { classifyProvenance, isRealProvenance, provenanceKinds, type ProvenanceKind } from '../contract/vocabulary/provenance.ts';
import { essentialGroups } from './facility-thresholds.ts';

/**
 * How much of the data is real (surveyed, located), estimated or placeholder, per layer and per
 * facility type, and what to import first: the basic-service groups with types of no real site
 * (their coverage cannot be computed), then the layers that are mostly placeholder or estimate, then the
 * other life-circle types with no real site. Pure.
 */

export interface SourceCountRow {
  collectionId: string;
  source: string | null;
  placeholder: boolean;
  facilityType: string | null;
  count: number;
}

export interface LayerInput { id: string; title: string; titleEn: string }
export interface FacilityTypeInput { facilityType: string; nameZh: string; level: string | null }

const emptyCounts = (): Record<ProvenanceKind, number> => Object.fromEntries(provenanceKinds.map((kind) => [kind, 0])) as Record<ProvenanceKind, number>;
const realOf = (counts: Record<ProvenanceKind, number>) => counts.surveyed + counts.located;
const totalOf = (counts: Record<ProvenanceKind, number>) => provenanceKinds.reduce((sum, kind) => sum + counts[kind], 0);

/** Layers this much placeholder or estimate (or more) are worth replacing with surveyed data. */
export const weakLayerShare = 0.5;
export const importFirstLength = 10;

export function assessDataCompleteness(rows: SourceCountRow[], layers: LayerInput[], facilityTypes: FacilityTypeInput[]): Omit<DataCompleteness, 'recentImports'> {
  const layerCounts = new Map(layers.map((layer) => [layer.id, emptyCounts()]));
  const typeCounts = new Map(facilityTypes.map((type) => [type.facilityType, emptyCounts()]));
  for (const row of rows) {
    const kind = classifyProvenance(row.source, row.placeholder);
    const layer = layerCounts.get(row.collectionId);
    if (layer) layer[kind] += row.count;
    if (row.collectionId === 'facilities' && row.facilityType) {
      if (!typeCounts.has(row.facilityType)) typeCounts.set(row.facilityType, emptyCounts());
      typeCounts.get(row.facilityType)![kind] += row.count;
    }
  }
  const groupOfType = new Map(essentialGroups.flatMap((group) => group.facilityTypes.map((type) => [type, group] as const)));
  const typeNames = new Map(facilityTypes.map((type) => [type.facilityType, type]));

  const layerRows = layers.map((layer) => {
    const counts = layerCounts.get(layer.id)!;
    const total = totalOf(counts);
    return { collectionId: layer.id, title: layer.title, titleEn: layer.titleEn, total, counts, realShare: total === 0 ? null : realOf(counts) / total };
  });
  const typeRows = [...typeCounts.entries()].map(([facilityType, counts]) => {
    const group = groupOfType.get(facilityType);
    return {
      facilityType, nameZh: typeNames.get(facilityType)?.nameZh ?? facilityType, level: typeNames.get(facilityType)?.level ?? null,
      // As the coverage counts it (mark-data-presence.ts): any site that is not a placeholder, an estimated one too.
      essentialGroup: group?.key ?? null, total: totalOf(counts), counts, hasRealSite: totalOf(counts) - counts.placeholder > 0,
    };
  }).sort((a, b) => a.facilityType.localeCompare(b.facilityType));

  const importFirst: ImportFirstEntry[] = [];
  // One entry per basic-service group, naming its types with no real site: a short list a person can act on.
  for (const group of essentialGroups) {
    const missing = typeRows.filter((row) => row.essentialGroup === group.key && !row.hasRealSite);
    if (missing.length === 0) continue;
    const placeholders = missing.reduce((sum, type) => sum + type.counts.placeholder, 0);
    importFirst.push({
      kind: 'facility-group', key: group.key, nameZh: group.nameZh, nameEn: group.nameEn, facilityTypes: missing.map((type) => type.facilityType),
      reasonZh: `基本公共服务：${missing.map((type) => type.nameZh).join('、')} 尚无真实设施${placeholders > 0 ? `（仅 ${placeholders} 处示意）` : ''}，覆盖率显示为“无数据”`,
      reason: `Basic services: ${missing.length} type(s) with no real site${placeholders > 0 ? ` (only ${placeholders} placeholder(s))` : ''}: their coverage shows "no data"`,
    });
  }
  const weakLayers = layerRows
    .filter((layer) => layer.total > 0 && (layer.counts.placeholder + layer.counts.estimated) / layer.total >= weakLayerShare)
    .sort((a, b) => (b.counts.placeholder + b.counts.estimated) / b.total - (a.counts.placeholder + a.counts.estimated) / a.total || b.total - a.total);
  for (const layer of weakLayers) {
    const placeholders = layer.counts.placeholder;
    const estimated = layer.counts.estimated;
    importFirst.push({
      kind: 'layer', key: layer.collectionId, nameZh: layer.title, nameEn: layer.titleEn, facilityTypes: [],
      reasonZh: `${layer.total} 个要素中 ${placeholders > 0 ? `${placeholders} 个为示意` : ''}${placeholders > 0 && estimated > 0 ? '、' : ''}${estimated > 0 ? `${estimated} 个为估计` : ''}`,
      reason: `of ${layer.total} features, ${[placeholders > 0 ? `${placeholders} placeholder` : '', estimated > 0 ? `${estimated} estimated` : ''].filter(Boolean).join(' and ')}`,
    });
  }
  const lifeCircleLevels = new Set(['5', '10', '15', '15;10']);
  for (const type of typeRows.filter((row) => row.essentialGroup === null && !row.hasRealSite && row.level !== null && lifeCircleLevels.has(row.level))
    .sort((a, b) => b.counts.placeholder - a.counts.placeholder || a.facilityType.localeCompare(b.facilityType))) {
    importFirst.push({
      kind: 'facility-type', key: type.facilityType, nameZh: type.nameZh, nameEn: type.facilityType, facilityTypes: [type.facilityType],
      reasonZh: `${String(type.level).replace(';', '、')} 分钟生活圈设施：尚无真实设施${type.counts.placeholder > 0 ? `（仅 ${type.counts.placeholder} 处示意）` : ''}`,
      reason: `A ${String(type.level).replace(';', '/')}-minute life-circle facility with no real site${type.counts.placeholder > 0 ? ` (only ${type.counts.placeholder} placeholder(s))` : ''}`,
    });
  }
  return { kinds: [...provenanceKinds], layers: layerRows, facilityTypes: typeRows, importFirst: importFirst.slice(0, importFirstLength), importFirstTotal: importFirst.length };
}
