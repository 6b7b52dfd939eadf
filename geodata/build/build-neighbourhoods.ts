// Estates: anchor → outline (carve-estate-polygons) → generated housing → population share
// (estimate-population) → gates (find-estate-gates). Returns the dataset and the pieces the
// buildings, walking network and facility placeholders are made from.
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Dataset, DatasetFeature } from './feature-types.ts';
import { makeFeature } from './feature-types.ts';
import { measureAreaSquareMetres, unprojectToLonLat, type LonLat } from './local-projection.ts';
import { buildEraInChinese, type EstateEntry } from './estate-catalogue.ts';
import type { OsmExtract, SourceAddress } from './read-source-files.ts';
import { describeOsm, describeOsmZh, osmAreaPolygon } from './osm-features.ts';
import { resolvePlacement } from './build-facilities.ts';
import type { StreetBlock } from './find-street-blocks.ts';
import { carveEstatePolygons } from './carve-estate-polygons.ts';
import { buildingStyleByEra, generateResidentialBuildings, type GeneratedBuilding } from './generate-residential-buildings.ts';
import { findCalibrationFactor, personsPerHousehold, publishedPopulation, shareAgedSixtyPlusByEra, type EstatePopulation } from './estimate-population.ts';
import { findEstateGates, type EstateGate } from './find-estate-gates.ts';
import type { BuiltRoad } from './build-roads.ts';

export interface BuiltEstate {
  entry: EstateEntry;
  anchor: LonLat;
  anchorBasis: string;
  anchorBasisZh: string;
  polygon: Polygon;
  buildings: GeneratedBuilding[];
  population: EstatePopulation;
  gates: EstateGate[];
  insideBoundary: boolean;
}

export function buildEstates(
  catalogue: EstateEntry[],
  addresses: SourceAddress[],
  osm: OsmExtract,
  blocks: StreetBlock[],
  keepOut: Feature<Polygon | MultiPolygon>[],
  roads: BuiltRoad[],
  subdistrict: Polygon,
): { estates: BuiltEstate[]; calibrationFactor: number } {
  // Outlines OpenStreetMap maps are taken as they are; the other estates are carved around them.
  const mappedOutlines = new Map(catalogue.flatMap((entry) => (entry.anchor.kind === 'osm-outline' ? [[entry.id, osmAreaPolygon(osm, entry.anchor.wayId)] as const] : [])));
  const anchors = catalogue.map((entry) => {
    if (entry.anchor.kind !== 'osm-outline') return { entry, ...resolvePlacement(entry.anchor, addresses) };
    const outline = mappedOutlines.get(entry.id)!;
    return {
      entry,
      position: pointOnFeature(outline).geometry.coordinates as LonLat,
      basis: `a point inside its outline, ${describeOsm('way', [entry.anchor.wayId])} (landuse=residential)`,
      basisZh: `其轮廓内的一点，${describeOsmZh('way', [entry.anchor.wayId])}（landuse=residential）`,
    };
  });
  const carved = carveEstatePolygons(
    anchors.filter(({ entry }) => !mappedOutlines.has(entry.id)).map(({ entry, position }) => ({ id: entry.id, position, buildEra: entry.buildEra })),
    blocks,
    [...keepOut, ...[...mappedOutlines.values()].map((outline) => ({ type: 'Feature' as const, properties: {}, geometry: outline }))],
  );
  const polygons = new Map([...carved, ...mappedOutlines]);
  const generated = anchors.map(({ entry }) => generateResidentialBuildings(entry.id, polygons.get(entry.id)!, entry.buildEra));
  const calibrationFactor = findCalibrationFactor(
    anchors.map(({ entry }, index) => ({
      id: entry.id,
      buildEra: entry.buildEra,
      capacityHouseholds: generated[index].reduce((sum, building) => sum + building.households, 0),
    })),
  );
  const estates = anchors.map(({ entry, position, basis, basisZh }, index) => {
    const polygon = polygons.get(entry.id)!;
    // Building households are scaled by the same factor, so buildings add up to their estate.
    const buildings = generated[index].map((building) => ({ ...building, households: Math.round(building.households * calibrationFactor) }));
    const households = buildings.reduce((sum, building) => sum + building.households, 0);
    const residents = Math.round(households * personsPerHousehold);
    return {
      entry,
      anchor: position,
      anchorBasis: basis,
      anchorBasisZh: basisZh,
      polygon,
      buildings,
      population: { households, residents, residentsAgedSixtyPlus: Math.round(residents * shareAgedSixtyPlusByEra[entry.buildEra]) },
      gates: findEstateGates(polygon, measureAreaSquareMetres(polygon), roads),
      insideBoundary: booleanPointInPolygon(pointOnFeature(polygon), subdistrict),
    };
  });
  return { estates, calibrationFactor };
}


export function buildNeighbourhoods(estates: BuiltEstate[], calibrationFactor: number): Dataset {
  const features: DatasetFeature[] = estates.map((estate) => {
    const style = buildingStyleByEra[estate.entry.buildEra];
    const nameNote = estate.entry.nameIsCommitteeArea ? ' The estate name behind this committee is not known, so the area is named after the committee.' : '';
    const nameNoteZh = estate.entry.nameIsCommitteeArea ? '该居委对应的小区名称未知，故以居委名称命名。' : '';
    const mapped = estate.entry.anchor.kind === 'osm-outline';
    const wayIds = mapped ? [(estate.entry.anchor as { wayId: string }).wayId] : [];
    const outlineText = mapped
      ? `Outline: ${describeOsm('way', wayIds)}, landuse=residential, taken as mapped (gates and generated buildings placed in it).`
      : `Anchored at ${estate.anchorBasis}; outline is the part of its street block nearest to this anchor (capped, cut back from the street), not a surveyed boundary.`;
    const outlineTextZh = mapped
      ? `轮廓：${describeOsmZh('way', wayIds)}，landuse=residential，按原样采用（出入口和生成的建筑置于其中）。`
      : `锚点为${estate.anchorBasisZh}；轮廓取其所在街坊中离锚点最近的部分（限定规模，并自道路后退），非实测边界。`;
    const era = estate.entry.buildEra;
    return makeFeature(estate.entry.id, estate.polygon, {
      name: estate.entry.name,
      source: mapped ? 'osm' : 'estimated',
      source_detail: `${outlineText} Population: capacity of generated ${style.description} scaled by ${calibrationFactor.toFixed(3)} so all estates total ${publishedPopulation}; ${personsPerHousehold} persons per household; 60+ share ${shareAgedSixtyPlusByEra[estate.entry.buildEra]} assumed for ${estate.entry.buildEra} estates.${nameNote}`,
      source_detail_zh: `${outlineTextZh}人口：生成住宅（${style.descriptionZh}）的容量乘以${calibrationFactor.toFixed(3)}，使全部小区合计${publishedPopulation}人；每户${personsPerHousehold}人；${buildEraInChinese[era]}小区60岁以上人口占比假定为${Math.round(shareAgedSixtyPlusByEra[era] * 100)}%。${nameNoteZh}`,
      confidence: mapped ? 'medium' : 'low',
      residents_committee: estate.entry.residentsCommittee,
      build_era: estate.entry.buildEra,
      households: estate.population.households,
      residents: estate.population.residents,
      residents_aged_60_plus: estate.population.residentsAgedSixtyPlus,
      gates: estate.gates.map((gate) => unprojectToLonLat(gate.gate)),
      area_square_metres: Math.round(measureAreaSquareMetres(estate.polygon)),
      ...(estate.insideBoundary ? {} : { outside_boundary: true }),
    });
  });
  return {
    collectionId: 'neighbourhoods',
    header: {
      title: '居住小区',
      titleEn: 'Residential estates',
      description: 'Estates named by the 居委 list and geocoded addresses; outlines and populations are estimates calibrated to the published 122,000 residents (see each source_detail).',
    },
    features,
  };
}
