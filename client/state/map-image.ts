import type { Bounds } from '../geometry/geometry-bounds.ts';

/**
 * How state/ gets a picture of the map (the report's) without touching the map: map/ hands in
 * its picture function when it mounts the map, and takes it back when it removes it. With no
 * map on the page there is no picture, which the report shows as a missing map.
 */

/** A picture of the map: a PNG data URL, and the [west, south, east, north] it shows, edge to edge. */
export interface MapPicture {
  image: string;
  bounds: Bounds;
}

/**
 * Frames `bounds` north up and flat, draws the map into a picture and puts the camera back; null
 * when the map went away meanwhile, or when `signal` aborts (the camera is put back at once then).
 */
type PictureOfMap = (bounds: Bounds, signal: AbortSignal) => Promise<MapPicture | null>;

let takePicture: PictureOfMap | null = null;

/** Called by map/ only: the function that pictures the mounted map (null: the map is gone). */
export function provideMapPicture(picture: PictureOfMap | null): void {
  takePicture = picture;
}

/** The map framed on `bounds` as a picture, whatever the screen shows; null at once when no map is mounted. */
export function pictureOfMap(bounds: Bounds, signal: AbortSignal): Promise<MapPicture | null> | null {
  return takePicture?.(bounds, signal) ?? null;
}
