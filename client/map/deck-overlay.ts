import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { PickingInfo } from '@deck.gl/core';
import { effect } from '@preact/signals';
import type * as maplibregl from 'maplibre-gl';
import type { PlaceFeature } from '../api.ts';
import { buildLayers } from '../layers/build-layers.ts';
import { collectionIdOfLayer } from '../layers/catalogue.ts';
import { hoverFeature, selectFeature } from '../state/actions.ts';
import { walkFromPoint } from '../state/coverage-actions.ts';
import { coverage, coverageActive, focusFacilityType, isochrones, minutesByEstate, pointWalk } from '../state/coverage-state.ts';
import { featuresByCollection, loadStatus, mapZoom, selectedFeature, threeDimensional, visibleLayerIds } from '../state/dashboard-state.ts';

export interface DeckOverlayHandle {
  /** Ids of the deck.gl layers drawn now (present and switched on). */
  drawnLayerIds(): string[];
  remove(): void;
}

/**
 * Puts the deck.gl layers over the map through MapLibreOverlay (overlaid: its own canvas, synced
 * to the map's camera). The layer list is rebuilt from state on every change; ids are stable,
 * so deck.gl only updates what changed. `onDataDrawn` is called after the first frame that
 * has the loaded data in it.
 */
export function attachDeckOverlay(map: maplibregl.Map, onDataDrawn: () => void): DeckOverlayHandle {
  let layersHaveData = false;
  let reportedDataDrawn = false;
  let drawnLayerIds: string[] = [];

  const overlay = new MapLibreOverlay({
    interleaved: false,
    layers: [],
    onHover: (info: PickingInfo) => hoverFeature(referenceOf(info)),
    onClick: (info: PickingInfo) => {
      const reference = referenceOf(info);
      selectFeature(reference ? { collectionId: reference.collectionId, feature: reference.feature } : null);
      // While the life-circle panel is open, a click anywhere also asks how far it is from there.
      if (coverageActive.value && info.coordinate) void walkFromPoint(info.coordinate[0], info.coordinate[1]);
    },
    getCursor: ({ isHovering, isDragging }) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : 'grab'),
    onAfterRender: () => {
      if (!layersHaveData || reportedDataDrawn) return;
      reportedDataDrawn = true;
      performance.mark('lifecircle:deck-drew-data');
      onDataDrawn();
    },
  });
  map.addControl(overlay);

  const stopLayers = effect(() => {
    const layers = buildLayers({
      featuresByCollection: featuresByCollection.value,
      visibleLayerIds: visibleLayerIds.value,
      selected: selectedFeature.value?.feature ?? null,
      threeDimensional: threeDimensional.value,
      zoom: mapZoom.value,
      coverage: coverageActive.value
        ? {
          minutesByEstate: minutesByEstate.value,
          colourKey: `${focusFacilityType.value}|${coverage.value?.revision}|${coverage.value?.speedMetresPerSecond}|${coverage.value?.mode}|${coverage.value?.includePlaceholders}`,
          isochrones: isochrones.value,
          walkOrigin: pointWalk.value ? [pointWalk.value.longitude, pointWalk.value.latitude] : null,
        }
        : null,
    });
    overlay.setProps({ layers });
    drawnLayerIds = layers.filter((layer) => layer.props.visible && layer.id !== 'selection').map((layer) => layer.id);
    if (loadStatus.value === 'ready') layersHaveData = true;
  });

  return {
    drawnLayerIds: () => drawnLayerIds,
    remove: () => {
      stopLayers();
      map.removeControl(overlay);
    },
  };
}

/** The feature under the pointer and the collection it came from, with the pointer position. */
function referenceOf(info: PickingInfo) {
  const collectionId = info.layer ? collectionIdOfLayer.get(info.layer.id) : undefined;
  if (!collectionId || !info.object) return null;
  return { collectionId, feature: info.object as PlaceFeature, x: info.x, y: info.y };
}
