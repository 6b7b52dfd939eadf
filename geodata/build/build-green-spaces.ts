// Green space along the two waters: the 张家浜 bank strip and the riverside parks the plan asks
// for, and the Huangpu east-bank greenway along the western edge. Widths are assumptions stated
// in each feature; a planning office should replace them with its green-space register.
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { buffer, circle, difference, featureCollection, intersect, lineString, pointOnFeature } from '@turf/turf';
import { hasKinksWhenRounded, removePinches } from './clean-polygon.ts';
import type { Dataset, DatasetFeature } from './feature-types.ts';
import { makeFeature } from './feature-types.ts';
import { measureAreaSquareMetres, type LonLat } from './local-projection.ts';
import type { OsmExtract } from './read-source-files.ts';
import { describeOsm, describeOsmZh, osmAreaPolygon } from './osm-features.ts';
import { describeShapePlace, isInReach, type SurroundingGround } from './surrounding-ground.ts';
import { measureLineMetres } from '../../server/analysis/local-metres.ts';
import { creekWestEnd, shoreNorthEnd, traceBoundaryBetween } from './trace-boundary-edges.ts';
import { creekHalfWidthMetres } from './build-waterways.ts';
import type { LineString } from 'geojson';

const subtractAll = (shape: Feature<Polygon | MultiPolygon> | null, obstacles: Feature<Polygon | MultiPolygon>[]) =>
  obstacles.reduce<Feature<Polygon | MultiPolygon> | null>((current, obstacle) => (current ? difference(featureCollection([current, obstacle])) : null), shape);

function splitIntoPolygons(shape: Feature<Polygon | MultiPolygon> | null, minimumSquareMetres: number): Polygon[] {
  if (!shape) return [];
  const parts: Polygon[] = shape.geometry.type === 'Polygon'
    ? [shape.geometry]
    : shape.geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }) as Polygon);
  // West to east, so the numbering of the pieces is stable and readable.
  return parts
    .map((part) => removePinches(part))
    .filter((part): part is Polygon => part !== null && measureAreaSquareMetres(part) >= minimumSquareMetres && isSolidPolygon(part))
    .sort((a, b) => Math.min(...a.coordinates[0].map(([x]) => x)) - Math.min(...b.coordinates[0].map(([x]) => x)));
}

// Cutting bands out of bands leaves slivers a metre or two wide that touch themselves once
// rounded; they are not green space anyone could use, so they are dropped.
function isSolidPolygon(part: Polygon): boolean {
  const meanWidthMetres = measureAreaSquareMetres(part) / (measureLineMetres(part.coordinates[0]) / 2);
  return meanWidthMetres >= 5 && !hasKinksWhenRounded(part);
}

const asFeature = (geometry: Polygon | MultiPolygon): Feature<Polygon | MultiPolygon> => ({ type: 'Feature', properties: {}, geometry });

export interface GreenSpaceInputs {
  subdistrict: Polygon;
  creekCentreline: LineString;
  creekWater: Polygon;
  roadSurface: Feature<Polygon | MultiPolygon>;
  osm: OsmExtract;
  ground: SurroundingGround;
}

// Parks OpenStreetMap maps (leisure=park) in and around the subdistrict, as mapped.
function buildOsmParks(osm: OsmExtract, ground: SurroundingGround): DatasetFeature<Polygon>[] {
  const parks = [...osm.parks, ...osm.areas].filter((element) => element.tags.leisure === 'park');
  return parks
    .map((park) => ({ park, polygon: osmAreaPolygon(osm, park.osmId) }))
    .filter(({ polygon }) => isInReach(pointOnFeature(polygon).geometry.coordinates as LonLat, ground))
    .map(({ park, polygon }) => {
      const name = park.tags.name ?? `未命名公园（OSM ${park.osmId}）`;
      return makeFeature(`green-osm-${park.osmId}`, polygon, {
        name,
        ...(park.tags['name:en'] ? { name_en: park.tags['name:en'] } : {}),
        source: 'osm',
        source_detail: `${describeOsm('way', [park.osmId])}, leisure=park, outline as mapped${park.tags.name ? '' : ' (no name in OpenStreetMap)'}.`,
        source_detail_zh: `${describeOsmZh('way', [park.osmId])}，leisure=park，轮廓按原样采用${park.tags.name ? '' : '（OpenStreetMap 中无名称）'}。`,
        confidence: 'high',
        kind: 'park',
        area_square_metres: Math.round(measureAreaSquareMetres(polygon)),
        osm_way_ids: [park.osmId],
        ...describeShapePlace(polygon, ground),
      });
    });
}

// The two stretches of the north bank wide enough for a park: near the creek mouth by 浦明路,
// and east of 东方路 where the bank bends away from 潍坊八村.
const riversideParkSites: { id: string; name: string; centre: LonLat; radiusMetres: number }[] = [
  { id: 'green-zhangjiabang-park-west', name: '张家浜沿岸公园（西段）', centre: [121.5088, 31.2184], radiusMetres: 75 },
  { id: 'green-zhangjiabang-park-east', name: '张家浜沿岸公园（东段）', centre: [121.5268, 31.2221], radiusMetres: 85 },
];

export function buildGreenSpaces({ subdistrict, creekCentreline, creekWater, roadSurface, osm, ground }: GreenSpaceInputs): Dataset {
  const osmParks = buildOsmParks(osm, ground);
  // The estimated green leaves out what OpenStreetMap maps as a park; the plan's parks keep their
  // guessed sites (the east one lies by the park OSM maps south of 浦电路: the plan may mean it).
  const subdistrictLand = asFeature(subdistrict);
  const land = subtractAll(subdistrictLand, osmParks.map((park) => asFeature(park.geometry)))!;
  const water = asFeature(creekWater);
  const features: DatasetFeature[] = [...osmParks];

  const parks = riversideParkSites.map((site) => {
    const shape = subtractAll(intersect(featureCollection([subdistrictLand, circle(site.centre, site.radiusMetres, { units: 'meters', steps: 32 })])), [water, roadSurface]);
    const polygon = splitIntoPolygons(shape, 500)[0];
    const overlapsOsmPark = osmParks.some((park) => intersect(featureCollection([asFeature(park.geometry), asFeature(polygon)])));
    features.push(
      makeFeature(site.id, polygon, {
        name: site.name,
        source: 'plan-text',
        source_detail: `The plan builds riverside parks (沿岸公园) along 张家浜 without naming the sites; drawn on a wide stretch of the north bank, within about ${site.radiusMetres} m of its centre: verify.${overlapsOsmPark ? ' OpenStreetMap (2024) maps a park over part of this site.' : ''}`,
        // The site is a circle of this radius cut to the land: "across" above means its radius.
        source_detail_zh: `行动计划要求沿张家浜建设沿岸公园，但未指明地点；暂绘于北岸一段较宽处，半径约${site.radiusMetres}米，待核实。${overlapsOsmPark ? 'OpenStreetMap（2024）在该地块部分范围内绘有公园。' : ''}`,
        confidence: 'low',
        kind: 'park',
        area_square_metres: Math.round(measureAreaSquareMetres(polygon)),
      }),
    );
    return asFeature(polygon);
  });

  const bankOuter = buffer(creekCentreline, creekHalfWidthMetres + 25, { units: 'meters', steps: 6 }) as Feature<Polygon>;
  const bank = subtractAll(intersect(featureCollection([land, bankOuter])), [water, roadSurface, ...parks]);
  splitIntoPolygons(bank, 800).forEach((polygon, index) => {
    features.push(
      makeFeature(`green-zhangjiabang-bank-${index + 1}`, polygon, {
        name: `张家浜滨河绿带（第${index + 1}段）`,
        source: 'estimated',
        source_detail: 'A 25 m green strip assumed along the north bank of 张家浜 between the streets; real widths vary.',
        source_detail_zh: '假定沿张家浜北岸、在道路之间设25米宽绿带；实际宽度不一。',
        confidence: 'low',
        kind: 'riverside_green',
        area_square_metres: Math.round(measureAreaSquareMetres(polygon)),
      }),
    );
  });

  const shore = lineString(traceBoundaryBetween(subdistrict, shoreNorthEnd, creekWestEnd));
  const shoreBand = buffer(shore, 50, { units: 'meters', steps: 6 }) as Feature<Polygon>;
  splitIntoPolygons(subtractAll(intersect(featureCollection([land, shoreBand])), [roadSurface, water]), 2000).forEach((polygon, index) => {
    features.push(
      makeFeature(`green-huangpu-east-bank-${index + 1}`, polygon, {
        name: index === 0 ? '东岸滨江绿地（潍坊段）' : `东岸滨江绿地（潍坊段 ${index + 1}）`,
        name_en: 'Huangpu East Bank riverside greenway (Weifang section)',
        source: 'estimated',
        source_detail: 'The east-bank riverside greenway (opened 2017) runs along the whole Pudong shore; drawn as a 50 m band inside the boundary, real width not surveyed.',
        source_detail_zh: '东岸滨江绿地（2017年开放）沿浦东岸线全线分布；此处按边界内50米宽带绘制，实际宽度未经实测。',
        confidence: 'medium',
        kind: 'riverside_green',
        area_square_metres: Math.round(measureAreaSquareMetres(polygon)),
      }),
    );
  });

  return {
    collectionId: 'green_spaces',
    header: {
      title: '绿地与公园',
      titleEn: 'Green spaces and parks',
      description: 'Parks OpenStreetMap maps in and around the subdistrict (as mapped), bank green along 张家浜, the riverside parks the plan calls for, and the Huangpu east-bank greenway (outlines estimated).',
    },
    features,
  };
}
