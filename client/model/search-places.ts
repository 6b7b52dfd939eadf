import type { PlaceCollection, PlaceFeature } from '../api/collections.ts';
import { boundsOfGeometry, unionOfBounds, type Bounds } from '../geometry/geometry-bounds.ts';

export interface PlaceSearchResult {
  collectionId: string;
  name: string;
  /** The first feature of that name: the one whose details open. */
  feature: PlaceFeature;
  /** All features of that name together, e.g. every segment of a road. */
  bounds: Bounds;
}

// Places people search for first come first; boundaries and footprints last.
const collectionPriority = ['neighbourhoods', 'facilities', 'metro_stations', 'residents_committees', 'roads', 'green_spaces', 'waterways', 'commercial_zones', 'boundary', 'buildings'];
const maximumResults = 12;

/**
 * Finds places whose Chinese name (or English name) contains the query. Features of one
 * collection with the same name are one place: a road split into segments is found once.
 */
export function searchPlacesByName(featuresByCollection: Record<string, PlaceCollection>, query: string): PlaceSearchResult[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [];
  const found = new Map<string, PlaceSearchResult & { rank: number }>();
  for (const [collectionId, collection] of Object.entries(featuresByCollection)) {
    for (const feature of collection.features) {
      const name = typeof feature.properties?.name === 'string' ? feature.properties.name : '';
      const englishName = typeof feature.properties?.name_en === 'string' ? feature.properties.name_en.toLowerCase() : '';
      if (!name.toLowerCase().includes(needle) && !englishName.includes(needle)) continue;
      const bounds = boundsOfGeometry(feature.geometry);
      if (!bounds) continue;
      const key = `${collectionId}\u0000${name}`;
      const existing = found.get(key);
      if (existing) {
        existing.bounds = unionOfBounds(existing.bounds, bounds);
        continue;
      }
      const priority = collectionPriority.indexOf(collectionId);
      const matchRank = name === query.trim() ? 0 : name.startsWith(query.trim()) ? 1 : 2;
      found.set(key, { collectionId, name, feature, bounds, rank: matchRank * 100 + (priority === -1 ? 50 : priority) });
    }
  }
  return [...found.values()]
    .sort((first, second) => first.rank - second.rank || first.name.length - second.name.length)
    .slice(0, maximumResults)
    .map(({ rank: _rank, ...result }) => result);
}
