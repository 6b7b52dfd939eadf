/**
 * The map as one image for the report: the basemap canvas with the deck.gl canvas drawn over
 * it. Both keep their last frame (preserveDrawingBuffer), so they can be read at any time.
 * Returns a PNG data URL, or null when the canvases are not there. map/dashboard-map.ts hands it,
 * with its own container, to state/ (state/map-image.ts) for the report.
 */
export function snapshotMap(container: HTMLElement): string | null {
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
