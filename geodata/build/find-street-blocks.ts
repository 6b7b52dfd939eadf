// Street blocks: the faces enclosed by the roads and the subdistrict edge. Estates are carved
// out of these, so an estate never straddles a street.
import type { Feature, Polygon } from 'geojson';
import { booleanPointInPolygon, lineString, featureCollection, pointOnFeature, polygonize } from '@turf/turf';
import { measureAreaSquareMetres, projectToMetres, unprojectToLonLat } from './local-projection.ts';
import type { BuiltRoad } from './build-roads.ts';
import { nodeLines } from './node-lines.ts';

export interface StreetBlock {
  id: string;
  polygon: Polygon;
  areaSquareMetres: number;
}

export function findStreetBlocks(roads: BuiltRoad[], subdistrict: Polygon): StreetBlock[] {
  const boundaryLine = subdistrict.coordinates[0].map((position) => projectToMetres(position as [number, number]));
  const network = nodeLines([
    ...roads.map((road) => ({ id: road.entry.id, coordinates: road.line })),
    { id: 'boundary', coordinates: boundaryLine },
  ]);
  const faces = polygonize(featureCollection(network.pieces.map((piece) => lineString(piece.coordinates.map(unprojectToLonLat)))));
  const blocks = faces.features
    .filter((face: Feature<Polygon>) => booleanPointInPolygon(pointOnFeature(face), subdistrict))
    .map((face: Feature<Polygon>) => ({ polygon: face.geometry, areaSquareMetres: measureAreaSquareMetres(face) }));
  // Ids follow a fixed order (by the south-west corner of each block's centre) so they are stable.
  const centre = (polygon: Polygon) => pointOnFeature(polygon).geometry.coordinates;
  return blocks
    .sort((a, b) => centre(a.polygon)[1] - centre(b.polygon)[1] || centre(a.polygon)[0] - centre(b.polygon)[0])
    .map((block, index) => ({ id: `block-${String(index + 1).padStart(2, '0')}`, ...block }));
}
