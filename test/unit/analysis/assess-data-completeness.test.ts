import { describe, expect, it } from 'vitest';
import { assessDataCompleteness, type SourceCountRow } from '../../../server/analysis/assess-data-completeness.ts';
import { classifyProvenance } from '../../../server/contract/vocabulary/provenance.ts';

const layers = [
  { id: 'facilities', title: '设施', titleEn: 'Facilities' },
  { id: 'buildings', title: '建筑', titleEn: 'Buildings' },
  { id: 'roads', title: '道路', titleEn: 'Roads' },
  { id: 'empty_layer', title: '空图层', titleEn: 'Empty' },
];
const types = [
  { facilityType: 'community_health_center', nameZh: '社区卫生服务中心', level: '15' },
  { facilityType: 'wet_market', nameZh: '菜市场', level: '10' },
  { facilityType: 'kindergarten', nameZh: '幼儿园', level: '5' },
  { facilityType: 'convenience_store', nameZh: '便利店', level: 'block' },
];
const row = (collectionId: string, source: string | null, count: number, facilityType: string | null = null, placeholder = false): SourceCountRow =>
  ({ collectionId, source, placeholder, facilityType, count });

describe('classifyProvenance', () => {
  it('sorts sources into surveyed, located, estimated, placeholder and not stated', () => {
    expect(['official', 'osm', 'imported', 'address-derived', 'address-located', 'estimated', 'plan-text', 'generated', 'hearsay', null]
      .map((source) => classifyProvenance(source, false)))
      .toEqual(['surveyed', 'surveyed', 'surveyed', 'located', 'located', 'estimated', 'estimated', 'placeholder', 'unknown', 'unknown']);
    expect(classifyProvenance('official', true)).toBe('placeholder');
  });
});

describe('assessDataCompleteness', () => {
  const rows = [
    row('facilities', 'official', 2, 'community_health_center'),
    row('facilities', 'generated', 3, 'wet_market', true),
    row('facilities', 'generated', 4, 'kindergarten', true),
    row('facilities', 'address-located', 1, 'convenience_store'),
    row('facilities', 'imported', 1, 'community_canteen'),
    row('buildings', 'generated', 9),
    row('buildings', 'address-derived', 1),
    row('roads', 'osm', 3),
    row('roads', 'estimated', 1),
  ];
  const assessment = assessDataCompleteness(rows, layers, types);

  it('counts each layer by kind, with the real share, and an empty layer as no data rather than 0 %', () => {
    const byId = Object.fromEntries(assessment.layers.map((layer) => [layer.collectionId, layer]));
    expect(byId.buildings).toMatchObject({ total: 10, realShare: 0.1, counts: { placeholder: 9, located: 1, surveyed: 0 } });
    expect(byId.roads).toMatchObject({ total: 4, realShare: 0.75 });
    expect(byId.empty_layer).toMatchObject({ total: 0, realShare: null });
  });

  it('counts each facility type, standard or not, and says which have a real site', () => {
    const byType = Object.fromEntries(assessment.facilityTypes.map((type) => [type.facilityType, type]));
    expect(byType.community_health_center).toMatchObject({ hasRealSite: true, essentialGroup: 'health', counts: { surveyed: 2 } });
    expect(byType.wet_market).toMatchObject({ hasRealSite: false, essentialGroup: 'market', counts: { placeholder: 3 } });
    expect(byType.community_canteen).toMatchObject({ hasRealSite: true, level: null, nameZh: 'community_canteen' });
  });

  it('puts the basic-service groups with types of no real site first, then mostly-placeholder layers, then other life-circle types', () => {
    expect(assessment.importFirst.map((entry) => `${entry.kind}:${entry.key}`)).toEqual(['facility-group:market', 'layer:buildings', 'layer:facilities', 'facility-type:kindergarten']);
    expect(assessment.importFirst[0]).toMatchObject({ facilityTypes: ['wet_market'], nameEn: 'Market' });
    expect(assessment.importFirst[0].reasonZh).toContain('菜市场 尚无真实设施（仅 3 处示意）');
    expect(assessment.importFirst[1].reasonZh).toBe('10 个要素中 9 个为示意');
    expect(assessment.importFirstTotal).toBe(4);
  });
});
