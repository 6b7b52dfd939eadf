// Estates: anchor → outline (carve-estate-polygons) → generated housing → population share
// (estimate-population) → gates (find-estate-gates). Returns the dataset and the pieces the
// buildings, walking network and facility placeholders are made from.
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Dataset, DatasetFeature } from './feature-types.ts';
import { makeFeature } from './feature-types.ts';
import { measureAreaSquareMetres, unprojectToLonLat, type LonLat } from './local-projection.ts';
import type { EstateEntry } from './estate-catalogue.ts';
import type { OsmExtract, SourceAddress } from './read-source-files.ts';
import { describeOsm, osmAreaPolygon } from './osm-features.ts';
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
    return { entry, position: pointOnFeature(outline).geometry.coordinates as LonLat, basis: `a point inside its outline, ${describeOsm('way', [entry.anchor.wayId])} (landuse=residential)` };
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
  const estates = anchors.map(({ entry, position, basis }, index) => {
    const polygon = polygons.get(entry.id)!;
    // Building households are scaled by the same factor, so buildings add up to their estate.
    const buildings = generated[index].map((building) => ({ ...building, households: Math.round(building.households * calibrationFactor) }));
    const households = buildings.reduce((sum, building) => sum + building.households, 0);
    const residents = Math.round(households * personsPerHousehold);
    return {
      entry,
      anchor: position,
      anchorBasis: basis,
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
    const mapped = estate.entry.anchor.kind === 'osm-outline';
    const outlineText = mapped
      ? `Outline: ${describeOsm('way', [(estate.entry.anchor as { wayId: string }).wayId])}, landuse=residential, taken as mapped (gates and generated buildings placed in it).`
      : `Anchored at ${estate.anchorBasis}; outline is the part of its street block nearest to this anchor (capped, cut back from the street), not a surveyed boundary.`;
    return makeFeature(estate.entry.id, estate.polygon, {
      name: estate.entry.name,
      source: mapped ? 'osm' : 'estimated',
      source_detail: `${outlineText} Population: capacity of generated ${style.description} scaled by ${calibrationFactor.toFixed(3)} so all estates total ${publishedPopulation}; ${personsPerHousehold} persons per household; 60+ share ${shareAgedSixtyPlusByEra[estate.entry.buildEra]} assumed for ${estate.entry.buildEra} estates.${nameNote}`,
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
