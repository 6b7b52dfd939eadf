import { provideMapSnapshot } from '../../client/state/map-image.ts';

/**
 * A stand-in for what client/map/ gives state/ and the layers, for unit tests of actions: a
 * mounted map hands state/ its snapshot function (state/map-image.ts), and takes it back when it
 * is removed. Not for e2e tests, which always run the real MapLibre map.
 */
export interface FakeMap {
  /** The picture the fake map gives, a PNG data URL. */
  readonly image: string;
  /** How many pictures state/ asked for. */
  readonly snapshotsTaken: number;
  /** Removes the map, as dashboard-map.ts's unmount does. */
  remove(): void;
}

export function mountFakeMap(image = 'data:image/png;base64,ZmFrZSBtYXA='): FakeMap {
  let snapshotsTaken = 0;
  provideMapSnapshot(() => {
    snapshotsTaken += 1;
    return image;
  });
  return {
    image,
    get snapshotsTaken() {
      return snapshotsTaken;
    },
    remove() {
      provideMapSnapshot(null);
    },
  };
}
