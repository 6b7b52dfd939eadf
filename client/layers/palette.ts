/**
 * The colours of the map, in one place so the legend and the layers cannot disagree. A calm,
 * paper-like base with a few saturated accents for what planners look for: facilities and metro.
 * Colours are [red, green, blue] or [red, green, blue, alpha], 0–255, as deck.gl takes them.
 */
export type Colour = [number, number, number] | [number, number, number, number];

export const basemapColours = {
  background: '#eef0ec',
  outsideSubdistrict: '#e3e5e0',
  insideSubdistrict: '#f7f7f3',
  water: '#a9cbe3',
  waterOutline: '#86b1d1',
  green: '#cfe3bf',
  roadCasing: '#c9c6bd',
  road: '#ffffff',
  neighbourBoundary: '#a3a6a0',
  subdistrictBoundary: '#5d4e8c',
};

export const layerColours = {
  subdistrictOutline: [93, 78, 140, 255] as Colour,
  neighbourhoodFill: [244, 206, 160, 90] as Colour,
  neighbourhoodOutline: [196, 132, 70, 200] as Colour,
  neighbourhoodSelected: [214, 96, 40, 150] as Colour,
  waterfrontFill: [92, 158, 206, 170] as Colour,
  waterfrontLine: [46, 117, 182, 255] as Colour,
  greenFill: [120, 178, 96, 150] as Colour,
  commercialFill: [226, 112, 134, 70] as Colour,
  commercialOutline: [200, 70, 100, 210] as Colour,
  walkingNetwork: [30, 120, 130, 200] as Colour,
  metroOutline: [200, 30, 45, 255] as Colour,
  metroFill: [255, 255, 255, 255] as Colour,
  residentsCommittee: [93, 78, 140, 230] as Colour,
  // A layer brought in by an import: a quiet slate that reads on the basemap without claiming to be one of ours.
  importedFill: [84, 98, 122, 60] as Colour,
  importedOutline: [70, 82, 104, 220] as Colour,
  importedPoint: [84, 98, 122, 230] as Colour,
  highlight: [255, 200, 0, 160] as Colour,
  labelText: [45, 45, 50, 255] as Colour,
  labelHalo: [255, 255, 255, 230] as Colour,
};

export const roadClassColours: Record<string, Colour> = {
  arterial: [236, 174, 104, 225],
  secondary: [244, 206, 122, 225],
  branch: [253, 236, 170, 225],
  lane: [230, 226, 215, 220],
};
export const roadColourFallback: Colour = [220, 215, 205, 220];

/** Width in metres when the data has no width_metres: typical Shanghai street widths per class. */
export const roadWidthMetresByClass: Record<string, number> = { arterial: 40, secondary: 24, branch: 14, lane: 7 };

export const buildingTypeColours: Record<string, Colour> = {
  residential: [214, 200, 184, 235],
  office: [170, 186, 208, 235],
  public: [186, 170, 210, 235],
  commercial: [232, 176, 168, 235],
};
export const buildingColourFallback: Colour = [205, 200, 194, 235];

/**
 * Facility groups: the life-circle domains planners count coverage by. Each facility_type of
 * standards.md belongs to one group; an unknown type falls into "other".
 */
export const facilityGroups = [
  { id: 'education', colour: [66, 133, 214] as Colour,
    types: ['kindergarten', 'nursery', 'baby_house', 'primary_school', 'junior_high_school'] },
  { id: 'health', colour: [220, 60, 70] as Colour,
    types: ['community_health_center', 'community_health_station', 'outpatient_clinic'] },
  { id: 'elderly', colour: [150, 90, 190] as Colour,
    types: ['nursing_home', 'elderly_care_home', 'elderly_day_care', 'comprehensive_elderly_center', 'elderly_residential_care', 'disability_service_center'] },
  { id: 'culture-sports', colour: [70, 165, 70] as Colour,
    types: ['culture_center', 'culture_station', 'civilisation_practice_point', 'sports_center', 'large_multi_sports_field', 'medium_multi_sports_field', 'small_sports_field', 'outdoor_fitness_area', 'gym', 'park_15min', 'park_10min', 'park_5min', 'green_3000'] },
  { id: 'commerce', colour: [240, 140, 30] as Colour,
    types: ['wet_market', 'convenience_store', 'shopping_mall', 'community_retail', 'community_canteen', 'community_dining'] },
  { id: 'community-service', colour: [0, 140, 170] as Colour,
    types: ['community_service_center', 'community_affairs_center', 'safe_house', 'party_mass_service_center', 'community_service_station', 'one_stop_service_complex', 'doorstep_service_point', 'embedded_service_complex', 'community_comprehensive_station'] },
  { id: 'administration', colour: [90, 100, 120] as Colour,
    types: ['subdistrict_office', 'judicial_office', 'police_station', 'business_service_center', 'post_office'] },
  { id: 'transport', colour: [125, 135, 150] as Colour,
    types: ['bus_stop', 'bus_terminal', 'metro_station', 'ebike_charging'] },
  { id: 'other', colour: [175, 175, 175] as Colour, types: [] as string[] },
];

const groupByFacilityType = new Map(facilityGroups.flatMap((group) => group.types.map((type) => [type, group] as const)));

export function facilityGroupOf(facilityType: unknown) {
  return groupByFacilityType.get(String(facilityType)) ?? facilityGroups[facilityGroups.length - 1];
}

export function cssColour(colour: Colour): string {
  const [red, green, blue, alpha = 255] = colour;
  return `rgba(${red}, ${green}, ${blue}, ${(alpha / 255).toFixed(2)})`;
}

/** Chinese text on the map and in charts. Noto Sans CJK is what Debian and most planners' Linux boxes have; the others cover macOS and Windows. */
export const chineseFontFamily = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** How much of its colour a feature outside the subdistrict keeps: the ground around is drawn muted. */
export const outsideAlphaFactor = 0.4;

/** A colour with its alpha lowered for features outside the subdistrict (`outside_boundary: true`). */
export function muteOutside(colour: Colour, feature: { properties?: Record<string, unknown> | null }): Colour {
  if (feature.properties?.outside_boundary !== true) return colour;
  return [colour[0], colour[1], colour[2], Math.round((colour[3] ?? 255) * outsideAlphaFactor)];
}
