/**
 * The walking distance a facility type must be within, from its standard: the standard's own
 * 服务半径 where it gives one, otherwise the distance of its life-circle level (GB 50180-2018:
 * 15 minutes ≈ 1000 m, 10 minutes ≈ 500 m, 5 minutes ≈ 300 m). Block-level types have no band.
 */
export interface FacilityStandard {
  facilityType: string;
  nameZh: string;
  level: string;
  maxWalkMetres: number | null;
  editedAt?: string | null;
}

export interface FacilityThreshold {
  facilityType: string;
  nameZh: string;
  level: string;
  walkMetres: number;
  /** Which rule gave the distance, so that results can say which standard they used. */
  basis: 'standard' | 'level' | 'edited';
}

const levelWalkMetres: Record<string, number> = { '15': 1000, '10': 500, '5': 300 };

export function findFacilityThreshold(standard: FacilityStandard): FacilityThreshold | null {
  const basis = standard.editedAt ? 'edited' : 'standard';
  if (standard.maxWalkMetres !== null && standard.maxWalkMetres > 0) {
    return { facilityType: standard.facilityType, nameZh: standard.nameZh, level: standard.level, walkMetres: standard.maxWalkMetres, basis };
  }
  // '15;10' (either level) is held to the stricter one.
  const levels = standard.level.split(';').map((level) => levelWalkMetres[level.trim()]).filter((metres) => metres !== undefined);
  if (levels.length === 0) return null;
  // A planner who set "no distance of its own" has still edited the standard, and may undo it.
  return { facilityType: standard.facilityType, nameZh: standard.nameZh, level: standard.level, walkMetres: Math.min(...levels), basis: standard.editedAt ? 'edited' : 'level' };
}

/**
 * The basic services every resident should reach within their band (the 基础保障 basket behind
 * Shanghai's 85 % target for health, elderly care, culture and sports, plus the daily market and
 * a park). A resident has a group when any of its types is within that type's distance.
 */
export const essentialGroups: { key: string; nameZh: string; nameEn: string; facilityTypes: string[] }[] = [
  { key: 'health', nameZh: '卫生', nameEn: 'Health', facilityTypes: ['community_health_center', 'community_health_station'] },
  { key: 'elderly', nameZh: '养老', nameEn: 'Elderly care', facilityTypes: ['elderly_day_care', 'comprehensive_elderly_center', 'elderly_residential_care', 'nursing_home'] },
  { key: 'culture', nameZh: '文化', nameEn: 'Culture', facilityTypes: ['culture_center', 'culture_station'] },
  { key: 'sports', nameZh: '体育', nameEn: 'Sports', facilityTypes: ['outdoor_fitness_area', 'small_sports_field', 'medium_multi_sports_field', 'large_multi_sports_field', 'sports_center', 'gym'] },
  { key: 'market', nameZh: '菜场', nameEn: 'Market', facilityTypes: ['wet_market'] },
  { key: 'park', nameZh: '公园', nameEn: 'Park', facilityTypes: ['park_5min', 'park_10min', 'park_15min', 'green_3000'] },
];
