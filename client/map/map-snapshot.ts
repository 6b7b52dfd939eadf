import type * as maplibregl from 'maplibre-gl';
import type { Bounds } from '../geometry/geometry-bounds.ts';
import type { MapPicture } from '../state/map-image.ts';

// Room around the framed place in the picture, in CSS pixels, so its outline stays clear of the edge.
const framePaddingPixels = 24;

/**
 * The map framed on `bounds` as one picture, whatever the screen shows: the camera jumps there,
 * north up and flat; the picture is taken once the basemap is idle and deck.gl has drawn for that
 * camera; then the camera jumps back exactly where it was. `drawDeckAgain` resolves after deck.gl's
 * next frame (null while deck.gl is not attached: the picture is the basemap alone). Resolves to
 * null when the map is removed meanwhile or is too small to frame anything.
 */
export async function pictureOfBounds(map: maplibregl.Map, bounds: Bounds, drawDeckAgain: (() => Promise<void>) | null): Promise<MapPicture | null> {
  const [west, south, east, north] = bounds;
  // absolutePadding: the padding replaces the map's own (a place framed beside the details panel
  // leaves some), so the frame is centred on the canvas the picture is taken from.
  const camera = map.cameraForBounds([[west, south], [east, north]], { padding: framePaddingPixels, absolutePadding: true, bearing: 0 });
  if (!camera) return null;
  const before: maplibregl.JumpToOptions = { center: map.getCenter(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch(), padding: map.getPadding() };
  // jumpTo also stops a flight in progress: the camera goes back to where that flight was.
  map.jumpTo({ ...camera, bearing: 0, pitch: 0 });
  // 'idle' follows a render: a camera that was already there would not render again.
  map.triggerRepaint();
  if (!await basemapIdle(map)) return null;
  await drawDeckAgain?.();
  const image = snapshotMap(map.getContainer());
  const shown = map.getBounds();
  map.jumpTo(before);
  return image ? { image, bounds: [shown.getWest(), shown.getSouth(), shown.getEast(), shown.getNorth()] } : null;
}

/** Resolves true when the basemap has drawn everything for the camera (its 'idle'), false if the map is removed first. */
function basemapIdle(map: maplibregl.Map): Promise<boolean> {
  return new Promise((resolve) => {
    const settle = (idle: boolean) => () => {
      map.off('idle', onIdle);
      map.off('remove', onRemove);
      resolve(idle);
    };
    const onIdle = settle(true);
    const onRemove = settle(false);
    map.on('idle', onIdle);
    map.on('remove', onRemove);
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
