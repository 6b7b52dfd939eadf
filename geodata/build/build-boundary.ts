// The subdistrict polygon and its neighbours, straight from the township boundary source.
// The source polygons carry no names; the names were inferred there by a majority vote of
// Amap-labelled addresses, so every feature says so.
import type { Polygon } from 'geojson';
import type { Dataset, DatasetFeature } from './feature-types.ts';
import { makeFeature } from './feature-types.ts';
import type { TownshipRecord } from './read-source-files.ts';

export const subdistrictName = '潍坊新村街道';

// Pinyin ids keep feature ids stable and readable; only the townships that touch or face
// 潍坊新村 across the river are kept as neighbours.
const neighbourIds: Record<string, { id: string; nameEnglish: string }> = {
  陆家嘴街道: { id: 'neighbour-lujiazui', nameEnglish: 'Lujiazui Subdistrict' },
  洋泾街道: { id: 'neighbour-yangjing', nameEnglish: 'Yangjing Subdistrict' },
  花木街道: { id: 'neighbour-huamu', nameEnglish: 'Huamu Subdistrict' },
  塘桥街道: { id: 'neighbour-tangqiao', nameEnglish: 'Tangqiao Subdistrict' },
  南码头路街道: { id: 'neighbour-nanmatou-road', nameEnglish: 'Nanmatou Road Subdistrict' },
  小东门街道: { id: 'neighbour-xiaodongmen', nameEnglish: 'Xiaodongmen Subdistrict (Huangpu)' },
};

export function findSubdistrictPolygon(townships: TownshipRecord[]): Polygon {
  const match = townships.find((township) => township.nameInferred === subdistrictName);
  if (!match) throw new Error(`${subdistrictName} missing from the township source`);
  return match.polygon;
}

export function buildBoundary(townships: TownshipRecord[]): Dataset {
  const features: DatasetFeature[] = [];
  for (const township of townships) {
    const votes = `name inferred by majority vote of Amap-labelled addresses (purity ${township.purity})`;
    const votesZh = `名称由高德标注地址多数表决推断（一致率${township.purity}）`;
    if (township.nameInferred === subdistrictName) {
      features.push(
        makeFeature('subdistrict-weifang-xincun', township.polygon, {
          name: subdistrictName,
          name_en: 'Weifang Xincun Subdistrict',
          source: 'official',
          source_detail: `Township polygon record ${township.shapeRecord} of Stockard/Shanghai-COVID-2022 (unnamed in the source, CRS checked as WGS 84); ${votes}. Published area 3.89 km² and population 122,000 are from public statistics, not measured here.`,
          source_detail_zh: `Stockard/Shanghai-COVID-2022 街镇边界第${township.shapeRecord}号记录（源数据未命名，坐标系经核对为 WGS 84）；${votesZh}。公布面积3.89平方公里、人口122,000人取自公开统计，非本项目测算。`,
          confidence: 'medium',
          kind: 'subdistrict',
          area_km2_published: 3.89,
          population_published: 122000,
        }),
      );
      continue;
    }
    const neighbour = township.nameInferred ? neighbourIds[township.nameInferred] : undefined;
    if (!neighbour) continue;
    features.push(
      makeFeature(neighbour.id, township.polygon, {
        name: township.nameInferred!,
        name_en: neighbour.nameEnglish,
        source: 'official',
        source_detail: `Township polygon record ${township.shapeRecord} of Stockard/Shanghai-COVID-2022; ${votes}.`,
        source_detail_zh: `Stockard/Shanghai-COVID-2022 街镇边界第${township.shapeRecord}号记录；${votesZh}。`,
        confidence: township.purity >= 0.95 ? 'medium' : 'low',
        kind: 'neighbour',
      }),
    );
  }
  return {
    collectionId: 'boundary',
    header: {
      title: '潍坊新村街道及相邻街道边界',
      titleEn: 'Weifang Xincun Subdistrict and neighbouring subdistricts',
      description: 'Township boundary polygons (2022 snapshot, no stated licence: reference only, replace before public release); names inferred from geocoded addresses.',
    },
    features,
  };
}
