import type * as maplibregl from 'maplibre-gl';
import type { PlaceFeature } from '../api/collections.ts';
import { anchorOfGeometry } from '../geometry/geometry-bounds.ts';

/** One feature as a test sees it: where it is on screen, and what it is called. */
export interface FeatureOnScreen {
  id: string | number | undefined;
  name: string;
  /** Pixels from the map container's top-left corner. */
  x: number;
  y: number;
}

/**
 * A small, read-only window into the running map for the browser tests, so they wait for real
 * rendering instead of sleeping and find features without guessing pixel positions.
 */
export interface LifecircleTestHook {
  /** True once the map has been idle and deck.gl has drawn a frame with the loaded data. */
  ready: boolean;
  /** Ids of the deck.gl layers currently drawn (present and switched on). */
  layerIds(): string[];
  basemapLayerIds(): string[];
  view(): { longitude: number; latitude: number; zoom: number; pitch: number; bearing: number };
  isMoving(): boolean;
  project(longitude: number, latitude: number): { x: number; y: number };
  /** Every feature of a collection with an on-screen anchor: a point itself, a line's middle, a polygon's centre. */
  featuresOnScreen(collectionId: string): FeatureOnScreen[];
  /** The fill colour a drawn deck.gl GeoJSON layer gives each of its features, by feature id (e.g. the renovation choropleth). */
  fillColours(layerId: string): Record<string, number[]>;
  /** The data a drawn deck.gl layer was given: a GeoJSON FeatureCollection, or a list of positions; null when the layer is not drawn. */
  layerData(layerId: string): unknown;
}

declare global {
  interface Window {
    __lifecircle?: LifecircleTestHook;
  }
}

export function installTestHook(
  map: maplibregl.Map,
  drawnLayerIds: () => string[],
  featuresOf: (collectionId: string) => PlaceFeature[],
  fillColours: (layerId: string) => Record<string, number[]> = () => ({}),
  layerData: (layerId: string) => unknown = () => null,
): LifecircleTestHook {
  const hook: LifecircleTestHook = {
    ready: false,
    layerIds: drawnLayerIds,
    basemapLayerIds: () => map.getStyle().layers.map((layer) => layer.id),
    view: () => {
      const center = map.getCenter();
      return { longitude: center.lng, latitude: center.lat, zoom: map.getZoom(), pitch: map.getPitch(), bearing: map.getBearing() };
    },
    isMoving: () => map.isMoving(),
    fillColours,
    layerData,
    project: (longitude, latitude) => {
      const point = map.project([longitude, latitude]);
      return { x: point.x, y: point.y };
    },
    featuresOnScreen: (collectionId) =>
      featuresOf(collectionId).flatMap((feature) => {
        const anchor = anchorOfGeometry(feature.geometry);
        if (!anchor) return [];
        const point = map.project(anchor);
        return [{ id: feature.id, name: String(feature.properties?.name ?? ''), x: point.x, y: point.y }];
      }),
  };
  window.__lifecircle = hook;
  return hook;
}
