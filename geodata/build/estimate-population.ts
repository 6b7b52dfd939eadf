// Residents per estate. The only published figures are the subdistrict's totals (about
// 122,000 residents, 2021). Each estate's share is its generated housing capacity (households
// from floors and typical flat sizes); all capacities are then scaled by one factor so the
// total matches the published figure. Household size and the share aged 60+ by build era are
// stated assumptions (older 新村 have older residents), to be replaced by the 实有人口 register.
import type { BuildEra } from './estate-catalogue.ts';

export const publishedPopulation = 122_000;
export const personsPerHousehold = 2.4;
export const shareAgedSixtyPlusByEra: Record<BuildEra, number> = { '1980s': 0.42, '1990s': 0.33, '2000s': 0.2 };

export interface EstateCapacity {
  id: string;
  buildEra: BuildEra;
  capacityHouseholds: number;
}

export interface EstatePopulation {
  households: number;
  residents: number;
  residentsAgedSixtyPlus: number;
}

export function findCalibrationFactor(capacities: EstateCapacity[]): number {
  const capacityResidents = capacities.reduce((sum, estate) => sum + estate.capacityHouseholds * personsPerHousehold, 0);
  return publishedPopulation / capacityResidents;
}
