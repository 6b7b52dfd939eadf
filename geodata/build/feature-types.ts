// The contract with the seed loader: every feature carries these properties, every collection
// this header. Kept in one place so builders cannot drift from it.
import type { Feature, Geometry } from 'geojson';

export const allowedSources = ['official', 'osm', 'address-derived', 'plan-text', 'estimated', 'generated'] as const;
export type SourceKind = (typeof allowedSources)[number];
export type Confidence = 'high' | 'medium' | 'low';

export interface BaseProperties {
  name: string;
  name_en?: string;
  source: SourceKind;
  source_detail: string;
  /** The same facts as source_detail, in Chinese, for the zh-CN interface. */
  source_detail_zh: string;
  confidence: Confidence;
  [extra: string]: unknown;
}

export interface CollectionHeader {
  title: string;
  titleEn: string;
  description: string;
  /** Who must be credited wherever the collection is shown (set when it holds OpenStreetMap data). */
  attribution?: string;
  attributionUrl?: string;
}

export type DatasetFeature<G extends Geometry = Geometry> = Feature<G, BaseProperties> & { id: string };

export interface Dataset {
  collectionId: string;
  header: CollectionHeader;
  features: DatasetFeature[];
}

export function makeFeature<G extends Geometry>(id: string, geometry: G, properties: BaseProperties): DatasetFeature<G> {
  return { type: 'Feature', id, properties, geometry };
}
