/**
 * How state/ gets a picture of the map (the report's) without touching the map: map/ hands in
 * its snapshot function when it mounts the map, and takes it back when it removes it. With no
 * map on the page the picture is null, which the report shows as a missing map.
 */
type MapSnapshot = () => string | null;

let takeSnapshot: MapSnapshot | null = null;

/** Called by map/ only: the function that draws the mounted map into a PNG data URL (null: the map is gone). */
export function provideMapSnapshot(snapshot: MapSnapshot | null): void {
  takeSnapshot = snapshot;
}

/** The map as one PNG data URL, or null when no map is mounted. */
export function mapImage(): string | null {
  return takeSnapshot?.() ?? null;
}
