// Commercial zones: the named malls as plots around their located address, plus the 竹园商贸区
// whose extent no source gives: it is drawn as the area spanned by the malls and office towers
// the plan places in it, widened by a street's depth.
import type { Feature, Polygon } from 'geojson';
import { buffer, convex, featureCollection, point } from '@turf/turf';
import type { Dataset, DatasetFeature } from './feature-types.ts';
import { makeFeature } from './feature-types.ts';
import { projectToMetres, unprojectToLonLat, type LonLat, type Metres } from './local-projection.ts';
import type { CommercialZoneEntry } from './commercial-zone-catalogue.ts';
import { resolvePlacement } from './build-facilities.ts';
import type { SourceAddress } from './read-source-files.ts';

export interface LocatedCommercialZone {
  entry: CommercialZoneEntry;
  position: LonLat;
  basis: string;
  basisZh: string;
  plot: Polygon;
}

export function makeRectangle(centre: LonLat, widthMetres: number, depthMetres: number): Polygon {
  const [cx, cy] = projectToMetres(centre);
  const corners: Metres[] = [
    [cx - widthMetres / 2, cy - depthMetres / 2], [cx + widthMetres / 2, cy - depthMetres / 2],
    [cx + widthMetres / 2, cy + depthMetres / 2], [cx - widthMetres / 2, cy + depthMetres / 2], [cx - widthMetres / 2, cy - depthMetres / 2],
  ];
  return { type: 'Polygon', coordinates: [corners.map(unprojectToLonLat)] };
}

export function locateCommercialZones(catalogue: CommercialZoneEntry[], addresses: SourceAddress[]): LocatedCommercialZone[] {
  return catalogue.map((entry) => {
    const { position, basis, basisZh } = resolvePlacement(entry.placement, addresses);
    return { entry, position, basis, basisZh, plot: makeRectangle(position, entry.widthMetres, entry.depthMetres) };
  });
}

export function buildCommercialZones(zones: LocatedCommercialZone[], towerPositions: LonLat[]): Dataset {
  const features: DatasetFeature[] = zones.map((zone) =>
    makeFeature(zone.entry.id, zone.plot, {
      name: zone.entry.name,
      name_en: zone.entry.name_en,
      source: 'address-derived',
      source_detail: `${zone.entry.detail} Position: ${zone.basis}; plot drawn ${zone.entry.widthMetres} × ${zone.entry.depthMetres} m around it, not a surveyed outline.`,
      source_detail_zh: `${zone.entry.detailZh}位置：${zone.basisZh}；围绕该点绘制${zone.entry.widthMetres}×${zone.entry.depthMetres}米地块，非实测轮廓。`,
      confidence: zone.entry.placement.kind === 'estimated-point' ? 'low' : 'medium',
      kind: 'shopping_mall',
      address: zone.entry.address,
    }),
  );
  const zhuyuanMembers = [...zones.filter((zone) => zone.entry.id !== 'commercial-china-resources-times-square').map((zone) => zone.position), ...towerPositions];
  const hull = convex(featureCollection(zhuyuanMembers.map((position) => point(position))))!;
  const zhuyuan = buffer(hull, 70, { units: 'meters', steps: 6 }) as Feature<Polygon>;
  features.push(
    makeFeature('commercial-zhuyuan-trade-zone', zhuyuan.geometry, {
      name: '竹园商贸区',
      name_en: 'Zhuyuan Commercial and Trade Zone',
      source: 'plan-text',
      source_detail: 'Named in the plan (internal road works). Extent estimated as the hull of 九六广场, 世纪汇广场, 百联世纪 and 双鸽大厦 widened by 70 m; the official boundary was not at hand.',
      source_detail_zh: '行动计划提及（内部道路整治）。范围按九六广场、世纪汇广场、百联世纪和双鸽大厦的凸包外扩70米估计；暂无官方边界。',
      confidence: 'low',
      kind: 'trade_zone',
      address: '浦东新区世纪大道、东方路、浦电路一带',
    }),
  );
  return {
    collectionId: 'commercial_zones',
    header: {
      title: '商圈与商业设施',
      titleEn: 'Commercial zones',
      description: 'The commercial districts the action plan names, placed at their street addresses; plots and the 竹园商贸区 extent are estimates.',
    },
    features,
  };
}
