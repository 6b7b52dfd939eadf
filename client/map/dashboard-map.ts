import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { effect } from '@preact/signals';
import { recordMapZoom } from '../state/actions.ts';
import { basemapStyleUrl, cameraRequest, collections, featuresByCollection, loadStatus, threeDimensional } from '../state/dashboard-state.ts';
import { basemapCollectionIds, buildOfflineBasemapStyle } from './basemap-style.ts';
import type { DeckOverlayHandle } from './deck-overlay.ts';
import { pictureOfBounds } from './map-snapshot.ts';
import { installTestHook } from './test-hook.ts';
import { editingSession } from '../state/editing-state.ts';
import { provideMapPicture } from '../state/map-image.ts';
import type { DrawingToolsHandle } from '../draw/drawing-tools.ts';

// deck.gl is a chunk of its own, requested as soon as this module runs so it downloads while the
// basemap starts; the basemap never waits for it.
const deckOverlayModule = import('./deck-overlay.ts');

// MapLibre 6 cannot find its worker in a Vite build unless told where the bundled file went.
maplibregl.setWorkerUrl(workerUrl);

// Before any data arrives: the middle of 潍坊新村街道, so the first frame is already the right place.
const subdistrictCentre: [number, number] = [121.518, 31.2258];
// How long the deck.gl layers wait for the basemap's first complete frame before drawing anyway.
const basemapWaitLimitMilliseconds = 5_000;
// Street level: estates fill a good part of the map, with their neighbours around them.
const placeZoom = 16.5;
// The details panel's width plus its margin (styles.css .details-panel), kept clear when framing a place.
const detailsPanelWidthPixels = 376;
// The 导入数据 dialog's width plus its margin (styles.css .import-dialog), kept clear when framing a file's rows.
const importDialogWidthPixels = 600;
// A search hit smaller than this (degrees) is a point: fly to a street-level zoom instead of fitting.
const pointLikeSpanDegrees = 0.0008;

/**
 * The one place that creates the MapLibre map. It reads state signals and turns them into map
 * calls; map events go back only through named actions. The deck.gl overlay is attached when
 * its chunk arrives. Returns a function that removes the map.
 */
export function mountDashboardMap(container: HTMLElement): () => void {
  const offline = basemapStyleUrl.value === null;
  const map = new maplibregl.Map({
    container,
    style: basemapStyleUrl.value ?? buildOfflineBasemapStyle(),
    center: subdistrictCentre,
    zoom: 14.5,
    maxPitch: 65,
    // Tests read the canvas pixels after the frame is presented.
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
    // Added below, so that it can follow the collections' credits.
    attributionControl: false,
  });
  let attributionControl: maplibregl.AttributionControl | null = null;
  map.addControl(new maplibregl.NavigationControl({ visualizePitch: true }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');

  let deckOverlay: DeckOverlayHandle | null = null;
  let removed = false;
  // The report's picture of the map: state/ asks for it without knowing where the map is. One
  // picture at a time: each moves the camera away and back.
  let pictureInProgress: Promise<unknown> = Promise.resolve();
  provideMapPicture((bounds, signal) => {
    const picture = pictureInProgress.then(() => (removed || signal.aborted ? null : pictureOfBounds(map, bounds, deckOverlay ? deckOverlay.drawAgain : null, signal)));
    pictureInProgress = picture.catch(() => null);
    return picture;
  });
  const hook = installTestHook(map, () => deckOverlay?.drawnLayerIds() ?? [], (collectionId) => featuresByCollection.value[collectionId]?.features ?? [], (layerId) => deckOverlay?.fillColours(layerId) ?? {}, (layerId) => deckOverlay?.layerData(layerId) ?? null);

  // Ready for tests and the bench: deck.gl has drawn the data and the basemap has been idle with it.
  // The offline basemap's sources are filled asynchronously; an online style has nothing to fill.
  let basemapFilled = !offline;
  let deckDrewData = false;
  let basemapIdleWithData = false;
  const markReadyWhenDrawn = () => {
    if (hook.ready || !deckDrewData || !basemapIdleWithData) return;
    hook.ready = true;
    performance.mark('lifecircle:map-ready');
  };
  map.on('idle', () => {
    if (loadStatus.peek() !== 'ready' || !basemapFilled || basemapIdleWithData) return;
    basemapIdleWithData = true;
    performance.mark('lifecircle:basemap-idle-with-data');
    markReadyWhenDrawn();
  });
  map.on('zoomend', () => recordMapZoom(map.getZoom()));

  // Attached after the basemap's first complete frame: both canvases share one software or GPU
  // rasteriser, and the basemap (the part that orients people) should not queue behind deck.gl.
  // An intranet style that cannot be reached never loads: the layers then come without it.
  const basemapLoaded = new Promise<void>((resolve) => {
    if (map.loaded()) return resolve();
    map.once('load', () => resolve());
    setTimeout(resolve, basemapWaitLimitMilliseconds);
  });
  void Promise.all([deckOverlayModule, basemapLoaded]).then(([{ attachDeckOverlay }]) => {
    if (removed) return;
    deckOverlay = attachDeckOverlay(map, () => {
      deckDrewData = true;
      markReadyWhenDrawn();
    });
  });

  // 'style.load' comes when the style's sources exist, long before 'load' (the first complete
  // render), so the basemap data goes in as early as possible.
  const styleLoaded = new Promise<void>((resolve) => (map.getSource(basemapCollectionIds[0]) ? resolve() : map.once('style.load', () => resolve())));

  let wasThreeDimensional = threeDimensional.peek();
  // terra-draw (client/draw/) gets the map the first time a project is drawn or edited: its
  // chunk is not needed by people who only read.
  let drawingTools: DrawingToolsHandle | null = null;
  let drawingToolsRequested = false;
  let drawingLayoutApplied = false;
  const stopEffects = [
    // The credits the loaded collections' licences ask for (© OpenStreetMap contributors for the
    // OSM streets, parks and stations), next to our own name on the offline basemap.
    effect(() => {
      const credits = [...new Map(collections.value.filter((collection) => collection.attribution).map((collection) => [collection.attribution!, collection.attributionUrl])).entries()]
        .map(([text, url]) => (url ? `<a href="${escapeHtml(url)}" target="_blank" rel="noopener">${escapeHtml(text)}</a>` : escapeHtml(text)));
      if (attributionControl) map.removeControl(attributionControl);
      attributionControl = new maplibregl.AttributionControl(offline ? { compact: false, customAttribution: ['潍坊新村街道 lifecircle', ...credits] } : { compact: true, customAttribution: credits });
      map.addControl(attributionControl);
    }),
    effect(() => {
      // terra-draw draws in the basemap's canvas, under deck.gl's: the layers fade while drawing so the shape shows.
      // While drawing, the map also narrows to the part left of the editor's form (project-editor.css):
      // told at once here, and by MapLibre's own watch of its container if the form's styles arrive later.
      if (container.classList.toggle('project-drawing', editingSession.value !== null) !== drawingLayoutApplied) {
        drawingLayoutApplied = !drawingLayoutApplied;
        map.resize();
      }
      if (!editingSession.value || drawingToolsRequested) return;
      drawingToolsRequested = true;
      void Promise.all([import('../draw/drawing-tools.ts'), basemapLoaded]).then(([{ attachDrawingTools }]) => {
        if (!removed) drawingTools = attachDrawingTools(map);
      });
    }),
    // The offline basemap's sources are the same collections, filled in when they arrive.
    effect(() => {
      const features = featuresByCollection.value;
      if (!offline) return;
      void styleLoaded.then(() => {
        for (const collectionId of basemapCollectionIds) {
          const source = map.getSource<maplibregl.GeoJSONSource>(collectionId);
          source?.setData(features[collectionId] ?? { type: 'FeatureCollection', features: [] });
        }
        // The next 'idle' comes after these sources are drawn, which is what readiness waits for.
        if (loadStatus.peek() === 'ready') basemapFilled = true;
      });
    }),
    effect(() => {
      const request = cameraRequest.value;
      if (!request) return;
      const [west, south, east, north] = request.bounds;
      // The first placement is instant so the dashboard opens on the subdistrict; later moves fly.
      const duration = request.sequence === 1 ? 0 : 1200;
      // A place opens its details on the right, so it is framed in the part of the map left free.
      const padding = request.purpose === 'place' ? { top: 60, bottom: 60, left: 60, right: detailsPanelWidthPixels + 60 }
        : request.purpose === 'import-preview' ? { top: 60, bottom: 60, left: 60, right: importDialogWidthPixels + 40 } : 48;
      if (east - west < pointLikeSpanDegrees && north - south < pointLikeSpanDegrees) {
        map.flyTo({ center: [(west + east) / 2, (south + north) / 2], zoom: Math.max(map.getZoom(), placeZoom), padding: typeof padding === 'number' ? undefined : padding, duration });
      } else {
        map.fitBounds([[west, south], [east, north]], { padding, maxZoom: request.purpose === 'place' ? placeZoom : 17.5, duration });
      }
    }),
    effect(() => {
      const pitched = threeDimensional.value;
      if (pitched === wasThreeDimensional) return;
      wasThreeDimensional = pitched;
      map.easeTo({ pitch: pitched ? 55 : 0, bearing: pitched ? -20 : 0, duration: 800 });
    }),
  ];

  return () => {
    removed = true;
    for (const stop of stopEffects) stop();
    drawingTools?.remove();
    deckOverlay?.remove();
    map.remove();
    provideMapPicture(null);
    delete window.__lifecircle;
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
