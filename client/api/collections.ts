import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { InferResponseType } from 'hono/client';
import { itemsLimitMaximum } from '../../server/contract/vocabulary/paging.ts';
import { api, pathParameter, readJson } from './api-client.ts';

/** The dashboard's settings (GET /api/config). */
export type DashboardConfig = InferResponseType<typeof api.config.$get, 200>;
/** One dataset as the OGC collections listing describes it. */
export type CollectionSummary = InferResponseType<typeof api.collections.$get, 200>['collections'][number];

/**
 * A feature of any collection, in the GeoJSON library's types that deck.gl and turf take. The
 * API's properties are any JSON (the contract's StoredFeature); the names every layer, label and
 * search reads are strings, as the seed and the import write them. The pages' own type is the
 * contract's; `fetchAllFeatures` is the one place that reads it as this.
 */
export type PlaceProperties = Record<string, unknown> & { name?: string; name_en?: string; source?: string; source_detail?: string; confidence?: string };
export type PlaceFeature = Feature<Geometry, PlaceProperties>;
export type PlaceCollection = FeatureCollection<Geometry, PlaceProperties>;

export function fetchConfig(): Promise<DashboardConfig> {
  return readJson(api.config.$get());
}

export async function fetchCollections(): Promise<CollectionSummary[]> {
  return (await readJson(api.collections.$get())).collections;
}

// The API's largest page; larger collections are read page by page.
const pageSize = itemsLimitMaximum;

/** Every feature of a collection, following the pages until numberMatched are read. */
export async function fetchAllFeatures(collectionId: string): Promise<PlaceCollection> {
  const features: PlaceFeature[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await readJson(api.collections[':collectionId'].items.$get({
      param: { collectionId: pathParameter(collectionId) },
      query: { limit: String(pageSize), offset: String(offset) },
    }));
    features.push(...(page.features as PlaceFeature[]));
    if (page.numberReturned < pageSize || features.length >= page.numberMatched) break;
  }
  return { type: 'FeatureCollection', features };
}
