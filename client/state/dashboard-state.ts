import { computed, signal } from '@preact/signals';
import type { CollectionSummary, PlaceCollection, PlaceFeature } from '../api/collections.ts';
import type { Language } from '../i18n/messages.ts';
import { isImportedCollection, layerCatalogue } from '../layers/catalogue.ts';
import type { Bounds } from '../geometry/geometry-bounds.ts';
import { searchPlacesByName } from '../model/search-places.ts';

/**
 * The dashboard's state. Components and the map read these signals; only the named actions in
 * actions.ts change them, so every change has a name to search for.
 */

export type LoadStatus = 'loading' | 'ready' | 'failed';

/** A feature together with the collection it came from: details and tooltips need both. */
export interface FeatureReference {
  collectionId: string;
  feature: PlaceFeature;
}

export interface HoveredFeature extends FeatureReference {
  /** Pointer position in pixels from the map's top-left corner. */
  x: number;
  y: number;
}

/** A request for the camera to move; `sequence` makes a repeated request to the same place count. */
export interface CameraRequest {
  bounds: Bounds;
  /** 'place': one place whose details open beside it; 'overview': the whole subdistrict; 'import-preview': the rows of a file, beside the 导入数据 dialog. */
  purpose: 'overview' | 'place' | 'import-preview';
  sequence: number;
}

export const loadStatus = signal<LoadStatus>('loading');
/** Why the API could not be read at all, shown in the banner. */
export const loadFailure = signal<string | null>(null);
/** Collections listed by the API whose features could not be read. */
export const failedCollections = signal<string[]>([]);

/** False until /api/config has answered: the map cannot choose its basemap before that. */
export const configLoaded = signal(false);
export const basemapStyleUrl = signal<string | null>(null);
export const collections = signal<CollectionSummary[]>([]);
export const featuresByCollection = signal<Record<string, PlaceCollection>>({});
/** The collections imports created (listed by the API, not in the layer catalogue), in the API's order: each has a layer of its own. */
export const importedCollections = computed(() => collections.value.filter((summary) => isImportedCollection(summary.id)));

export const visibleLayerIds = signal<ReadonlySet<string>>(
  new Set(layerCatalogue.filter((entry) => entry.visibleAtStart).map((entry) => entry.layerId)),
);

export const selectedFeature = signal<FeatureReference | null>(null);
export const hoveredFeature = signal<HoveredFeature | null>(null);

export const language = signal<Language>('zh-CN');
export const threeDimensional = signal(false);
/** The map's zoom, rounded to halves, so labels can thin out without rebuilding on every frame. */
export const mapZoom = signal(15);

export const cameraRequest = signal<CameraRequest | null>(null);

export const searchQuery = signal('');
export const searchResults = computed(() => searchPlacesByName(featuresByCollection.value, searchQuery.value));

/** The 潍坊新村街道 polygon among the boundary features, if the data has it. */
export const subdistrictFeature = computed(() =>
  featuresByCollection.value.boundary?.features.find((feature) => feature.properties?.kind === 'subdistrict') ?? null,
);

export const generatedBuildingCount = computed(() =>
  featuresByCollection.value.buildings?.features.filter((feature) => feature.properties?.source === 'generated').length ?? 0,
);

export const hasPlaceholderFacilities = computed(() =>
  featuresByCollection.value.facilities?.features.some((feature) => feature.properties?.source === 'generated') ?? false,
);
