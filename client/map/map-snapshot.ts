import type * as maplibregl from 'maplibre-gl';
import type { Bounds } from '../geometry/geometry-bounds.ts';
import type { MapPicture } from '../state/map-image.ts';

// Room around the framed place in the picture, in CSS pixels, so its outline stays clear of the edge.
const framePaddingPixels = 24;

/**
 * The map framed on `bounds` as one picture, whatever the screen shows: once a flight in progress
 * has landed, the camera jumps there, north up and flat; the picture is taken once the basemap is
 * idle and deck.gl has drawn for that camera; then the camera jumps back exactly where it was.
 * `drawDeckAgain` resolves after deck.gl's next frame (null while deck.gl is not attached: the
 * picture is the basemap alone). Resolves to null when the map is removed meanwhile, is too small
 * to frame anything, or `signal` aborts (the report closed: the camera goes back at once, before
 * the user moves the map again).
 */
export async function pictureOfBounds(map: maplibregl.Map, bounds: Bounds, drawDeckAgain: (() => Promise<void>) | null, signal: AbortSignal): Promise<MapPicture | null> {
  const [west, south, east, north] = bounds;
  // A flight (a search, a click on a list) lands first: the camera put back is where it was going.
  if (map.isMoving() && !await nextMapEvent(map, 'moveend', signal)) return null;
  // absolutePadding: the padding replaces the map's own (a place framed beside the details panel
  // leaves some), so the frame is centred on the canvas the picture is taken from.
  const camera = map.cameraForBounds([[west, south], [east, north]], { padding: framePaddingPixels, absolutePadding: true, bearing: 0 });
  if (!camera) return null;
  const before: maplibregl.JumpToOptions = { center: map.getCenter(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch(), padding: map.getPadding() };
  map.jumpTo({ ...camera, bearing: 0, pitch: 0 });
  // 'idle' follows a render: a camera that was already there would not render again.
  map.triggerRepaint();
  if (!await nextMapEvent(map, 'idle', signal)) {
    // Aborted: back at once. Removed: there is no camera to put back.
    if (signal.aborted) map.jumpTo(before);
    return null;
  }
  await drawDeckAgain?.();
  // The map removed while deck.gl was drawing: nothing to picture or put back.
  if (!map.getCanvas().isConnected) return null;
  const image = signal.aborted ? null : snapshotMap(map.getContainer());
  const shown = map.getBounds();
  map.jumpTo(before);
  return image ? { image, bounds: [shown.getWest(), shown.getSouth(), shown.getEast(), shown.getNorth()] } : null;
}

/** Resolves true at the map's next `event`; false if the map is removed or `signal` aborts first. */
function nextMapEvent(map: maplibregl.Map, event: 'idle' | 'moveend', signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const settle = (happened: boolean) => () => {
      map.off(event, onEvent);
      map.off('remove', onRemove);
      signal.removeEventListener('abort', onAbort);
      resolve(happened);
    };
    const onEvent = settle(true);
    const onRemove = settle(false);
    const onAbort = settle(false);
    map.on(event, onEvent);
    map.on('remove', onRemove);
    signal.addEventListener('abort', onAbort);
  });
}

/**
 * The map as one image: the basemap canvas with the deck.gl canvas drawn over it. Both keep their
 * last frame (preserveDrawingBuffer), so they can be read at any time. Returns a PNG data URL, or
 * null when the canvases are not there.
 */
function snapshotMap(container: HTMLElement): string | null {
  const basemap = container.querySelector<HTMLCanvasElement>('canvas.maplibregl-canvas');
  if (!basemap) return null;
  const deck = container.querySelector<HTMLCanvasElement>('canvas:not(.maplibregl-canvas)');
  const image = document.createElement('canvas');
  image.width = basemap.width;
  image.height = basemap.height;
  const context = image.getContext('2d');
  if (!context) return null;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, image.width, image.height);
  context.drawImage(basemap, 0, 0);
  // The deck.gl canvas can have another pixel size (device pixel ratio); it is stretched to the basemap's.
  if (deck) context.drawImage(deck, 0, 0, image.width, image.height);
  return image.toDataURL('image/png');
}
