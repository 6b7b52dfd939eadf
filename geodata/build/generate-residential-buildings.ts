// Residential footprints where none are surveyed: rows of blocks in the style of the estate's
// era, facing south as Shanghai housing does, spaced for sunlight (日照间距). They give the map
// a believable grain and the population estimate a capacity, nothing more; every one is marked
// `generated`.
import type { Polygon } from 'geojson';
import { booleanWithin, polygon as makePolygon } from '@turf/turf';
import { projectToMetres, unprojectToLonLat, type Metres } from './local-projection.ts';
import { createSeededRandom } from './seeded-random.ts';
import type { BuildEra } from './estate-catalogue.ts';

export interface BuildingStyle {
  lengthMetres: number;
  depthMetres: number;
  floors: number;
  rowPitchMetres: number;
  gapMetres: number;
  grossFloorAreaPerHousehold: number;
  // Every n-th block of a row is a taller one (1990s estates mix slabs with small towers).
  tallEvery: number | null;
  tallFloors: number;
  description: string;
  descriptionZh: string;
}

// Typical values: 1980s 新村 six-storey walk-ups of about 45 m² flats; 1990s seven-storey slabs;
// 2000s high-rise towers. Sources: general knowledge of Shanghai housing types, not a survey.
export const buildingStyleByEra: Record<BuildEra, BuildingStyle> = {
  '1980s': { lengthMetres: 48, depthMetres: 10, floors: 6, rowPitchMetres: 24, gapMetres: 8, grossFloorAreaPerHousehold: 45, tallEvery: null, tallFloors: 6, description: 'six-storey walk-up slabs', descriptionZh: '六层无电梯板式住宅' },
  '1990s': { lengthMetres: 54, depthMetres: 12, floors: 7, rowPitchMetres: 30, gapMetres: 12, grossFloorAreaPerHousehold: 65, tallEvery: 3, tallFloors: 14, description: 'seven-storey slabs mixed with 14-storey blocks', descriptionZh: '七层板式住宅与14层住宅楼混合' },
  '2000s': { lengthMetres: 30, depthMetres: 24, floors: 28, rowPitchMetres: 70, gapMetres: 34, grossFloorAreaPerHousehold: 110, tallEvery: 2, tallFloors: 32, description: 'high-rise towers of 28 and 32 storeys', descriptionZh: '28层和32层高层塔楼' },
};

const usableShareOfGrossArea = 0.85;

export interface GeneratedBuilding {
  footprint: Polygon;
  floors: number;
  households: number;
}

// A narrow estate may not fit one block of its era's full size; the same layout is then tried
// at three quarters and half scale (same floors), so every estate has housing to count.
export function generateResidentialBuildings(estateId: string, estate: Polygon, era: BuildEra): GeneratedBuilding[] {
  for (const scale of [1, 0.75, 0.5]) {
    const base = buildingStyleByEra[era];
    const style = { ...base, lengthMetres: base.lengthMetres * scale, depthMetres: base.depthMetres * scale, rowPitchMetres: base.rowPitchMetres * scale, gapMetres: base.gapMetres * scale };
    const buildings = layOutRows(estateId, estate, style);
    if (buildings.length > 0) return buildings;
  }
  return [];
}

function layOutRows(estateId: string, estate: Polygon, style: BuildingStyle): GeneratedBuilding[] {
  const random = createSeededRandom(estateId);
  const ring = estate.coordinates[0].map((position) => projectToMetres(position as [number, number]));
  const xs = ring.map(([x]) => x);
  const ys = ring.map(([, y]) => y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const buildings: GeneratedBuilding[] = [];
  for (let y = minY + 6; y + style.depthMetres < maxY; y += style.rowPitchMetres) {
    // Each row starts at its own offset so the blocks do not line up like a chessboard.
    let x = minX + 6 + random() * style.gapMetres;
    while (x + style.lengthMetres < maxX) {
      const corners: Metres[] = [
        [x, y], [x + style.lengthMetres, y], [x + style.lengthMetres, y + style.depthMetres], [x, y + style.depthMetres], [x, y],
      ];
      const footprint = makePolygon([corners.map(unprojectToLonLat)]);
      if (booleanWithin(footprint, estate)) {
        const isTall = style.tallEvery !== null && (buildings.length + 1) % style.tallEvery === 0;
        const floors = isTall ? style.tallFloors : style.floors;
        const grossArea = style.lengthMetres * style.depthMetres * floors;
        buildings.push({
          footprint: footprint.geometry,
          floors,
          households: Math.round((grossArea * usableShareOfGrossArea) / style.grossFloorAreaPerHousehold),
        });
      }
      x += style.lengthMetres + style.gapMetres;
    }
  }
  return buildings;
}
