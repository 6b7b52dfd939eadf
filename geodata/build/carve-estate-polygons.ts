// Estate outlines are not in any source at hand. Each estate is drawn as the part of its street
// block that is nearer to its own anchor (its geocoded address) than to any other estate's
// anchor, capped at a radius typical for its era, and cut back from the street. The shape is
// therefore an estimate; its position and neighbours are what the sources support.
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { booleanPointInPolygon, circle, difference, featureCollection, intersect, point, pointToPolygonDistance, voronoi } from '@turf/turf';
import { measureAreaSquareMetres, type LonLat } from './local-projection.ts';
import type { StreetBlock } from './find-street-blocks.ts';
import type { BuildEra } from './estate-catalogue.ts';
import { largestPart, removePinches } from './clean-polygon.ts';

const radiusByEra: Record<BuildEra, number> = { '1980s': 320, '1990s': 280, '2000s': 240 };

export function findBlockOfPoint(position: LonLat, blocks: StreetBlock[]): StreetBlock {
  const inside = blocks.find((block) => booleanPointInPolygon(position, block.polygon));
  if (inside) return inside;
  // An anchor geocoded onto the street itself belongs to the nearest block.
  return blocks.reduce((best, block) =>
    pointToPolygonDistance(position, block.polygon) < pointToPolygonDistance(position, best.polygon) ? block : best,
  );
}

export function carveEstatePolygons(
  anchors: { id: string; position: LonLat; buildEra: BuildEra }[],
  blocks: StreetBlock[],
  keepOut: Feature<Polygon | MultiPolygon>[],
): Map<string, Polygon> {
  const cells = voronoi(featureCollection(anchors.map((anchor) => point(anchor.position))), { bbox: [121.49, 31.2, 121.56, 31.25] });
  // Slivers between a street and the subdistrict edge are not where estates stand.
  const estateBlocks = blocks.filter((block) => block.areaSquareMetres >= 20_000);
  const shapes = new Map<string, Polygon>();
  anchors.forEach((anchor, index) => {
    const cell = cells.features[index];
    const block = findBlockOfPoint(anchor.position, estateBlocks);
    const reach = circle(anchor.position, radiusByEra[anchor.buildEra], { units: 'meters', steps: 48 });
    let shape: Feature<Polygon | MultiPolygon> | null = intersect(featureCollection([cell as Feature<Polygon>, { type: 'Feature', properties: {}, geometry: block.polygon }]));
    if (shape) shape = intersect(featureCollection([shape, reach]));
    for (const obstacle of keepOut) {
      if (shape) shape = difference(featureCollection([shape, obstacle]));
    }
    const polygon = removePinches(largestPart(shape ?? undefined)!);
    if (!polygon || measureAreaSquareMetres(polygon) < 2000) throw new Error(`estate ${anchor.id} has no room left in ${block.id}`);
    shapes.set(anchor.id, polygon);
  });
  return shapes;
}

