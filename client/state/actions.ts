import { batch } from '@preact/signals';
import { ApiError } from '../api/api-client.ts';
import { type CollectionSummary, type PlaceCollection, fetchAllFeatures, fetchCollections, fetchConfig } from '../api/collections.ts';
import { messages, type Language } from '../i18n/messages.ts';
import { importedLayerIdOf, isImportedCollection } from '../layers/catalogue.ts';
import {
  basemapStyleUrl, cameraRequest, collections, configLoaded, failedCollections, featuresByCollection, hoveredFeature, language, loadFailure,
  loadStatus, mapZoom, searchQuery, selectedFeature, subdistrictFeature, threeDimensional, visibleLayerIds,
  type CameraRequest, type FeatureReference, type HoveredFeature,
} from './dashboard-state.ts';
import { boundsOfGeometry, type Bounds } from '../geometry/geometry-bounds.ts';
import type { PlaceSearchResult } from '../model/search-places.ts';

/** The only functions that change dashboard state. */

let cameraSequence = 0;
/** Asks the map to frame `bounds`; the first request places the camera at once, later ones fly. */
export function requestCamera(bounds: Bounds, purpose: CameraRequest['purpose']) {
  cameraRequest.value = { bounds, purpose, sequence: ++cameraSequence };
}

/** An API failure in words, in the interface's language when the server gave both. */
export function describeFailure(error: unknown): string {
  if (error instanceof ApiError) return language.value === 'zh-CN' && error.messageZh ? error.messageZh : error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads the settings, the list of collections and every collection's features. A collection
 * that fails is listed in failedCollections; the rest still draw. Fits the map to the
 * subdistrict when its boundary arrives.
 */
export async function loadCollections(): Promise<void> {
  batch(() => {
    loadStatus.value = 'loading';
    loadFailure.value = null;
    failedCollections.value = [];
  });
  try {
    const [config, summaries] = await Promise.all([fetchConfig(), fetchCollections()]);
    batch(() => {
      basemapStyleUrl.value = config.basemapStyleUrl;
      configLoaded.value = true;
      showNewImportedLayers(summaries);
      collections.value = summaries;
    });
    const failed: string[] = [];
    const loaded: Record<string, PlaceCollection> = {};
    await Promise.all(
      summaries.map(async (summary) => {
        try {
          loaded[summary.id] = await fetchAllFeatures(summary.id);
        } catch {
          failed.push(summary.id);
        }
      }),
    );
    batch(() => {
      featuresByCollection.value = loaded;
      failedCollections.value = failed.sort();
      loadStatus.value = 'ready';
    });
    fitToSubdistrict();
  } catch (error) {
    batch(() => {
      loadFailure.value = describeFailure(error);
      loadStatus.value = 'failed';
    });
  }
}

/**
 * Reads one collection again after it was written (an import): its features, and the list of
 * collections with their counts (a new collection joins it). The map redraws it from the new state.
 */
export async function reloadCollection(collectionId: string): Promise<void> {
  const [summaries, features] = await Promise.all([fetchCollections(), fetchAllFeatures(collectionId)]);
  batch(() => {
    showNewImportedLayers(summaries);
    collections.value = summaries;
    featuresByCollection.value = { ...featuresByCollection.value, [collectionId]: features };
    failedCollections.value = failedCollections.value.filter((failed) => failed !== collectionId);
  });
}

/**
 * Switches on the layer of every imported collection the list has that the dashboard did not know
 * yet: what was just imported into a new layer shows at once, and what earlier imports brought
 * shows when the dashboard opens. A layer someone switched off stays off when its collection is read again.
 */
function showNewImportedLayers(summaries: readonly CollectionSummary[]): void {
  const known = new Set(collections.peek().map((summary) => summary.id));
  const newLayerIds = summaries.filter((summary) => isImportedCollection(summary.id) && !known.has(summary.id)).map((summary) => importedLayerIdOf(summary.id));
  if (newLayerIds.length > 0) visibleLayerIds.value = new Set([...visibleLayerIds.peek(), ...newLayerIds]);
}

/** Moves the camera back to the whole of 潍坊新村街道 (or to all data when there is no boundary). */
export function fitToSubdistrict(): void {
  const bounds = overviewBounds();
  if (bounds) requestCamera(bounds, 'overview');
}

/** The whole of 潍坊新村街道 (or all data when there is no boundary): what the dashboard opens on and the report pictures. */
export function overviewBounds(): Bounds | null {
  return boundsOfGeometry(subdistrictFeature.value?.geometry ?? null) ?? boundsOfAllCollections();
}

function boundsOfAllCollections(): Bounds | null {
  const boxes = collections.value.map((summary) => summary.extent.spatial.bbox[0]).filter((box): box is number[] => Array.isArray(box) && box.length >= 4);
  if (boxes.length === 0) return null;
  return [Math.min(...boxes.map((box) => box[0])), Math.min(...boxes.map((box) => box[1])), Math.max(...boxes.map((box) => box[2])), Math.max(...boxes.map((box) => box[3]))];
}

export function toggleLayer(layerId: string): void {
  const next = new Set(visibleLayerIds.value);
  if (next.has(layerId)) next.delete(layerId);
  else next.add(layerId);
  visibleLayerIds.value = next;
}

export function selectFeature(reference: FeatureReference | null): void {
  selectedFeature.value = reference;
}

export function hoverFeature(hovered: HoveredFeature | null): void {
  const current = hoveredFeature.value;
  // Hover events arrive on every pointer move; only a change of feature or position is news.
  if (current === hovered) return;
  if (current && hovered && current.feature === hovered.feature && current.x === hovered.x && current.y === hovered.y) return;
  hoveredFeature.value = hovered;
}

export function searchPlaces(query: string): void {
  searchQuery.value = query;
}

/** Opens a search hit: selects its feature and flies the map to it. */
export function flyToPlace(result: PlaceSearchResult): void {
  batch(() => {
    selectedFeature.value = { collectionId: result.collectionId, feature: result.feature };
    searchQuery.value = '';
  });
  requestCamera(result.bounds, 'place');
}

export function setLanguage(next: Language): void {
  language.value = next;
  document.documentElement.lang = next;
  document.title = messages[next].appTitle;
}

export function toggleThreeDimensional(): void {
  threeDimensional.value = !threeDimensional.value;
}

export function recordMapZoom(zoom: number): void {
  // Rounded down: labels thinned for a slightly lower zoom never overlap at the real one.
  const rounded = Math.floor(zoom * 2) / 2;
  if (rounded !== mapZoom.value) mapZoom.value = rounded;
}
