// Buildings: the generated residential blocks of every estate, the named office tower and the
// malls at their addresses, and the two public buildings whose addresses are known. Only the
// generated ones carry `source: "generated"`; the UI must say they are illustrative.
import type { Point, Polygon } from 'geojson';
import type { Dataset, DatasetFeature } from './feature-types.ts';
import { makeFeature } from './feature-types.ts';
import type { LonLat } from './local-projection.ts';
import type { BuiltEstate } from './build-neighbourhoods.ts';
import type { LocatedCommercialZone } from './build-commercial-zones.ts';
import { makeRectangle } from './build-commercial-zones.ts';
import { buildingStyleByEra } from './generate-residential-buildings.ts';
import { buildEraInChinese } from './estate-catalogue.ts';

export interface NamedBuildingInput {
  id: string;
  name: string;
  position: LonLat;
  widthMetres: number;
  depthMetres: number;
  floors: number | null;
  buildingType: 'office' | 'public' | 'commercial';
  address: string | null;
  sourceDetail: string;
  sourceDetailZh: string;
}

export function buildBuildings(estates: BuiltEstate[], zones: LocatedCommercialZone[], named: NamedBuildingInput[]): Dataset {
  const features: DatasetFeature[] = [];
  for (const estate of estates) {
    const style = buildingStyleByEra[estate.entry.buildEra];
    estate.buildings.forEach((building, index) => {
      features.push(
        makeFeature(`building-${estate.entry.id.replace(/^estate-/, '')}-${String(index + 1).padStart(3, '0')}`, building.footprint, {
          name: `${estate.entry.name} ${index + 1}号楼（示意）`,
          source: 'generated',
          source_detail: `Illustrative footprint in the style of a ${estate.entry.buildEra} estate (${style.description}); households from floor area and typical flat size, scaled with the estate population. Not a surveyed building.`,
          source_detail_zh: `示意轮廓，按${buildEraInChinese[estate.entry.buildEra]}小区样式生成（${style.descriptionZh}）；户数由建筑面积和典型套型面积推算，并随小区人口缩放。非实测建筑。`,
          confidence: 'low',
          building_type: 'residential',
          floors: building.floors,
          households: building.households,
          neighbourhood: estate.entry.id,
        }),
      );
    });
  }
  for (const zone of zones) {
    features.push(
      makeFeature(`building-${zone.entry.id.replace(/^commercial-/, '')}`, zone.plot, {
        name: zone.entry.name,
        name_en: zone.entry.name_en,
        source: 'address-derived',
        source_detail: `${zone.entry.detail} Footprint is the plot drawn around the located address, not the real outline; floors approximate.`,
        source_detail_zh: `${zone.entry.detailZh}轮廓为围绕定位地址绘制的地块，非实际轮廓；层数为近似值。`,
        confidence: 'low',
        building_type: 'commercial',
        floors: zone.entry.floors,
        households: null,
        address: zone.entry.address,
      }),
    );
  }
  for (const building of named) {
    features.push(
      makeFeature(building.id, makeRectangle(building.position, building.widthMetres, building.depthMetres) as Polygon, {
        name: building.name,
        source: 'address-derived',
        source_detail: `${building.sourceDetail} Footprint ${building.widthMetres} × ${building.depthMetres} m drawn around the located address, not the real outline.`,
        source_detail_zh: `${building.sourceDetailZh}围绕定位地址绘制${building.widthMetres}×${building.depthMetres}米轮廓，非实际轮廓。`,
        confidence: 'low',
        building_type: building.buildingType,
        floors: building.floors,
        households: null,
        address: building.address,
      }),
    );
  }
  return {
    collectionId: 'buildings',
    header: {
      title: '建筑',
      titleEn: 'Buildings',
      description: 'Named office, commercial and public buildings at their addresses, and generated residential blocks (source "generated") that only illustrate each estate’s era and capacity.',
    },
    features,
  };
}

export function positionOf(feature: DatasetFeature): LonLat {
  return (feature.geometry as Point).coordinates as LonLat;
}
