import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer, PickingInfo } from '@deck.gl/core';
import { effect, signal } from '@preact/signals';
import type { PathStyleExtension } from '@deck.gl/extensions';
import type * as maplibregl from 'maplibre-gl';
import type { PlaceCollection, PlaceFeature } from '../api.ts';
import { buildLayers } from '../layers/build-layers.ts';
import { loadProjectDashes } from '../layers/projects-layer.ts';
import { collectionIdOfLayer } from '../layers/catalogue.ts';
import { hoverFeature, selectFeature } from '../state/actions.ts';
import { editingSession, pickingLinks } from '../state/editing-state.ts';
import { walkFromPoint } from '../state/coverage-actions.ts';
import { selectProject } from '../state/project-actions.ts';
import { projectLayerInput } from '../state/project-state.ts';
import { coverage, coverageActive, focusFacilityType, isochrones, minutesByEstate, pointWalk } from '../state/coverage-state.ts';
import { featuresByCollection, loadStatus, mapZoom, selectedFeature, threeDimensional, visibleLayerIds } from '../state/dashboard-state.ts';
import { translate } from '../i18n/translate.ts';
import { demonstrationEstateIds, facilitiesNotYetOpen, leadersActive, leadersSummary, renovationClassByEstate } from '../state/leaders-state.ts';

export interface DeckOverlayHandle {
  /** Ids of the deck.gl layers drawn now (present and switched on). */
  drawnLayerIds(): string[];
  /** The fill colour a drawn GeoJSON layer gives each feature, by feature id (for the browser tests). */
  fillColours(layerId: string): Record<string, number[]>;
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

  const overlay = new MapLibreOverlay({
    interleaved: false,
    layers: [],
    onHover: (info: PickingInfo) => hoverFeature(referenceOf(info)),
    onClick: (info: PickingInfo) => {
      const reference = referenceOf(info);
      // While a project is drawn or edited the clicks belong to the drawing tools, or link places to it.
      if (editingSession.value) {
        // The editor has loaded the editing actions by now; importing them here lazily keeps them out of the first map's code.
        if (pickingLinks.value && reference && reference.feature.id !== undefined) {
          const featureKey = String(reference.feature.id);
          void import('../state/editing-actions.ts').then(({ toggleLinkedFeature }) => toggleLinkedFeature(reference.collectionId, featureKey));
        }
        return;
      }
      // A project picked on the map opens in the projects panel instead of the place details.
      if (reference?.collectionId === 'projects') {
        selectProject(String(reference.feature.id), { fly: false });
        return;
      }
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

  // Fetched the first time the projects show (switched on, or their panel open); the layers are built again then.
  const projectDashes = signal<PathStyleExtension | null>(null);
  const stopLayers = effect(() => {
    if (!projectDashes.value && (visibleLayerIds.value.has('projects') || projectLayerInput.value?.panelOpen)) {
      void loadProjectDashes().then((extension) => { projectDashes.value = extension; });
    }
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
