import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer, PickingInfo } from '@deck.gl/core';
import { effect, signal } from '@preact/signals';
import type { PathStyleExtension } from '@deck.gl/extensions';
import type * as maplibregl from 'maplibre-gl';
import type { PlaceCollection, PlaceFeature } from '../api/collections.ts';
import { buildLayers } from '../layers/build-layers.ts';
import { loadProjectDashes } from '../layers/projects-layer.ts';
import { collectionIdOfLayer } from '../layers/catalogue.ts';
import { hoverFeature } from '../state/actions.ts';
import { clickMap } from '../state/click-map.ts';
import { projectLayerInput } from '../state/project-state.ts';
import { coverage, focusFacilityType, focusTypeHasData, hexGrid, isochrones, minutesByEstate, pointIsochrones, pointWalk } from '../state/coverage-state.ts';
import { hoverHexCell } from '../state/coverage-actions.ts';
import type { createHexGapLayer, HexCellOnMap } from '../layers/hex-gap-layer.ts';
import { coverageActive } from '../state/side-panel.ts';
import { featuresByCollection, importedCollections, loadStatus, mapZoom, selectedFeature, threeDimensional, visibleLayerIds } from '../state/dashboard-state.ts';
import { translate } from '../i18n/translate.ts';
import { importPreviewOnMap } from '../state/import-state.ts';
import { demonstrationEstateIds, facilitiesNotYetOpen, leadersActive, leadersSummary, renovationClassByEstate } from '../state/leaders-state.ts';

/**
 * How far from the pointer a click still picks a feature, in pixels: a 2-pixel river centreline
 * or a facility's dot is hard to hit exactly. The policy then prefers points and lines anyway.
 */
const clickReachPixels = 3;
/** At most this many features under one click: more than ever overlap at one point here. */
const clickDepth = 12;

export interface DeckOverlayHandle {
  /** Ids of the deck.gl layers drawn now (present and switched on). */
  drawnLayerIds(): string[];
  /** The fill colour a drawn GeoJSON layer gives each feature, by feature id (for the browser tests). */
  fillColours(layerId: string): Record<string, number[]>;
  /** The data a drawn layer was given (for the browser tests). */
  layerData(layerId: string): unknown;
  /** Draws the layers once more; resolves when that frame is on the canvas, with the map's camera as of its last render. */
  drawAgain(): Promise<void>;
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
  let drawnLayers: Layer[] = [];
  // Who waits for the next frame (drawAgain); called once it is drawn.
  let nextFrameWaiters: (() => void)[] = [];

  const overlay = new MapLibreOverlay({
    interleaved: false,
    layers: [],
    onHover: (info: PickingInfo) => {
      // A heat map cell is not a feature of a collection: it has a tooltip of its own (minutes, residents).
      const overCell = info.layer?.id === 'hex-gap' && info.object;
      hoverHexCell(overCell ? { cell: info.object as HexCellOnMap, x: info.x, y: info.y } : null);
      hoverFeature(overCell ? null : referenceOf(info));
    },
    // Every feature under the cursor, topmost first; the click policy (state/click-map.ts) chooses among them.
    onClick: (info: PickingInfo) => {
      const picked = overlay.pickMultipleObjects({ x: info.x, y: info.y, radius: clickReachPixels, depth: clickDepth })
        .map(referenceOf)
        .filter((reference) => reference !== null);
      clickMap(picked, info.coordinate ? [info.coordinate[0], info.coordinate[1]] : null);
    },
    getCursor: ({ isHovering, isDragging }) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : 'grab'),
    onAfterRender: () => {
      const waiters = nextFrameWaiters;
      nextFrameWaiters = [];
      for (const resolve of waiters) resolve();
      if (!layersHaveData || reportedDataDrawn) return;
      reportedDataDrawn = true;
      performance.mark('lifecircle:deck-drew-data');
      onDataDrawn();
    },
  });
  map.addControl(overlay);

  // Fetched the first time the projects show (switched on, or their panel open); the layers are built again then.
  const projectDashes = signal<PathStyleExtension | null>(null);
  // The heat map's layer (@deck.gl/geo-layers, h3-js) is fetched the first time it has cells to draw.
  const hexGapLayerFactory = signal<typeof createHexGapLayer | null>(null);
  const stopLayers = effect(() => {
    if (!projectDashes.value && (visibleLayerIds.value.has('projects') || projectLayerInput.value?.panelOpen)) {
      void loadProjectDashes().then((extension) => { projectDashes.value = extension; });
    }
    if (!hexGapLayerFactory.value && hexGrid.value) {
      void import('../layers/hex-gap-layer.ts').then((module) => { hexGapLayerFactory.value = module.createHexGapLayer; });
    }
    const layers = buildLayers({
      featuresByCollection: featuresByCollection.value,
      visibleLayerIds: visibleLayerIds.value,
      importedCollectionIds: importedCollections.value.map((summary) => summary.id),
      selected: selectedFeature.value?.feature ?? null,
      threeDimensional: threeDimensional.value,
      zoom: mapZoom.value,
      coverage: coverageActive.value
        ? {
          minutesByEstate: minutesByEstate.value,
          hasData: focusTypeHasData.value,
          colourKey: `${focusFacilityType.value}|${focusTypeHasData.value}|${coverage.value?.revision}|${coverage.value?.speedMetresPerSecond}|${coverage.value?.mode}|${coverage.value?.includePlaceholders}`,
          isochrones: isochrones.value,
          walkOrigin: pointWalk.value ? [pointWalk.value.longitude, pointWalk.value.latitude] : null,
          pointIsochrones: pointIsochrones.value,
          hexGrid: hexGrid.value
            ? { cells: hexGrid.value.cells, colourKey: `${hexGrid.value.facilityType}|${hexGrid.value.asOf}|${hexGrid.value.speedMetresPerSecond}|${hexGrid.value.includePlaceholders}|${hexGrid.value.facilityCount}|${hexGrid.value.summary.residentsBeyondThreshold}` }
            : null,
          createHexGapLayer: hexGapLayerFactory.value,
        }
        : null,
      // The leaders' view colours the estates by renovation on the as-of date.
      renovation: leadersActive.value && leadersSummary.value
        ? {
          classByEstate: renovationClassByEstate.value,
          demonstrationEstateIds: demonstrationEstateIds.value,
          colourKey: `${leadersSummary.value.asOf}|${leadersSummary.value.renovation.estates.map((estate) => estate.status[0]).join('')}`,
          demonstrationLabel: translate('demonstrationArea'),
        }
        : null,
      facilitiesNotYetOpen: facilitiesNotYetOpen.value,
      projects: projectLayerInput.value,
      projectDashes: projectDashes.value,
      importPreview: importPreviewOnMap.value,
    });
    overlay.setProps({ layers });
    drawnLayers = layers;
    drawnLayerIds = layers.filter((layer) => layer.props.visible && layer.id !== 'selection').map((layer) => layer.id);
    if (loadStatus.value === 'ready') layersHaveData = true;
  });

  return {
    drawnLayerIds: () => drawnLayerIds,
    fillColours: (layerId) => {
      const layer = drawnLayers.find((candidate) => candidate.id === layerId && candidate.props.visible);
      const getFillColor = (layer?.props as { getFillColor?: unknown } | undefined)?.getFillColor;
      const data = layer?.props.data as PlaceCollection | PlaceFeature[] | undefined;
      const features = Array.isArray(data) ? data : data?.features ?? [];
      if (typeof getFillColor !== 'function') return {};
      return Object.fromEntries(features.map((feature) => [String(feature.id), Array.from(getFillColor(feature) as number[])]));
    },
    layerData: (layerId) => drawnLayers.find((candidate) => candidate.id === layerId && candidate.props.visible)?.props.data ?? null,
    drawAgain: () => new Promise<void>((resolve) => {
      nextFrameWaiters.push(resolve);
      // deck.gl draws only what changed; a new list of the same layers counts as a change, so a frame comes
      // even when the camera and the layers are as they were.
      overlay.setProps({ layers: [...drawnLayers] });
    }),
    remove: () => {
      stopLayers();
      map.removeControl(overlay);
      // No frame will come: whoever waits for one goes on (a report's picture then finds the map gone).
      for (const resolve of nextFrameWaiters) resolve();
      nextFrameWaiters = [];
    },
  };
}

/** The feature under the pointer and the collection it came from, with the pointer position. */
function referenceOf(info: PickingInfo) {
  const collectionId = info.layer ? collectionIdOfLayer(info.layer.id) : undefined;
  if (!collectionId || !info.object) return null;
  return { collectionId, feature: info.object as PlaceFeature, x: info.x, y: info.y };
}
