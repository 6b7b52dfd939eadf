import type { Bounds } from '../../client/geometry/geometry-bounds.ts';
import { provideMapPicture, type MapPicture } from '../../client/state/map-image.ts';

/**
 * A stand-in for what client/map/ gives state/ and the layers, for unit tests of actions: a
 * mounted map hands state/ its picture function (state/map-image.ts), and takes it back when it
 * is removed. Its pictures come when the test says (`finishPicture`), as the real map's come
 * after it has drawn. Not for e2e tests, which always run the real MapLibre map.
 */
export interface FakeMap {
  /** The picture the fake map gives, a PNG data URL. */
  readonly image: string;
  /** The bounds of each picture state/ asked for, in order. */
  readonly boundsAsked: Bounds[];
  /** The stop signal of each picture state/ asked for, in order (aborted: the real map puts its camera back at once). */
  readonly signalsGiven: AbortSignal[];
  /** Gives the oldest picture still being drawn (null: the map went away meanwhile); resolves once state/ has had it. */
  finishPicture(picture?: MapPicture | null): Promise<void>;
  /** Removes the map, as dashboard-map.ts's unmount does. */
  remove(): void;
}

export function mountFakeMap(image = 'data:image/png;base64,ZmFrZSBtYXA='): FakeMap {
  const boundsAsked: Bounds[] = [];
  const signalsGiven: AbortSignal[] = [];
  const beingDrawn: { bounds: Bounds; resolve: (picture: MapPicture | null) => void }[] = [];
  provideMapPicture((bounds, signal) => {
    boundsAsked.push(bounds);
    signalsGiven.push(signal);
    return new Promise((resolve) => beingDrawn.push({ bounds, resolve }));
  });
  return {
    image,
    boundsAsked,
    signalsGiven,
    async finishPicture(picture) {
      const drawing = beingDrawn.shift();
      if (!drawing) throw new Error('no picture is being drawn');
      drawing.resolve(picture === undefined ? { image, bounds: drawing.bounds } : picture);
      // state/ takes the picture in a promise callback: let it run.
      await Promise.resolve();
      await Promise.resolve();
    },
    remove() {
      provideMapPicture(null);
    },
  };
}
