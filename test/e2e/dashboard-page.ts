import type { Browser, Page, Request, Route } from 'playwright-core';
import type { FeatureOnScreen } from '../../client/map/test-hook.ts';

/** Helpers the browser tests share: waiting for real frames and reading canvas pixels. */

/** A new 1440 × 900 page on the dashboard, once it is ready; its page errors and CSP violations are collected into `pageErrors`. */
export async function openDashboard(browser: Browser, dashboardUrl: string, pageErrors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // What the server's Content-Security-Policy blocks would break the dashboard quietly: count it as an error.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
  });
  await page.goto(dashboardUrl);
  await waitForDashboardReady(page);
  return page;
}

export async function waitForDashboardReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__lifecircle?.ready === true, undefined, { timeout: 60_000 });
}

/** Waits a few animation frames, so a state change has reached both canvases. */
export async function waitForFrames(page: Page, frames = 4): Promise<void> {
  await page.evaluate(async (count) => {
    for (let index = 0; index < count; index += 1) await new Promise((resolve) => requestAnimationFrame(resolve));
  }, frames);
}

/**
 * Holds back the requests matching `pattern` (the first only, or every one) until the test has
 * done what should come before their answers. `held` resolves once one is held; `deliver()` lets
 * them go and resolves when each has reached the page (or was abandoned by it) and the page has
 * had frames to act on it: the test waits on those events, never on a clock.
 */
export async function holdRequests(page: Page, pattern: string, which: 'first' | 'every', method = 'GET') {
  const heldRequests: Request[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  let markHeld!: () => void;
  const held = new Promise<void>((resolve) => { markHeld = resolve; });
  const handler = async (route: Route) => {
    const request = route.request();
    if (request.method() === method && (which === 'every' || heldRequests.length === 0)) {
      heldRequests.push(request);
      markHeld();
      await released;
    }
    await route.continue();
  };
  await page.route(pattern, handler);
  const settled = (request: Request) => new Promise<void>((resolve) => {
    const done = (finished: Request) => {
      if (finished !== request) return;
      page.off('requestfinished', done);
      page.off('requestfailed', done);
      resolve();
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
  });
  return {
    held,
    count: () => heldRequests.length,
    async deliver() {
      const answers = heldRequests.map(settled);
      release();
      await Promise.all(answers);
      await page.unroute(pattern, handler);
      await waitForFrames(page, 6);
    },
  };
}

export async function waitForCameraToSettle(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__lifecircle?.isMoving() === false, undefined, { timeout: 15_000 });
  await waitForFrames(page);
}

export interface CanvasPixelSummary {
  width: number;
  height: number;
  /** Pixels that are not transparent (deck.gl canvas) or not the basemap background colour. */
  drawnPixels: number;
  /** Distinct colours after rounding each channel to 16 levels: a flat fill has one or two. */
  distinctColours: number;
}

/**
 * Reads one canvas's pixels by drawing it onto a 2D canvas. The map canvas is WebGL with
 * preserveDrawingBuffer, so its last frame is still there to read; deck.gl's canvas preserves its
 * buffer by default.
 */
export async function summariseCanvasPixels(page: Page, which: 'basemap' | 'deck', backgroundHex = '#eef0ec'): Promise<CanvasPixelSummary> {
  return page.evaluate(({ which, backgroundHex }) => {
    const map = document.querySelector('[data-testid="map"]')!;
    const canvas = which === 'basemap'
      ? map.querySelector<HTMLCanvasElement>('canvas.maplibregl-canvas')
      : map.querySelector<HTMLCanvasElement>('canvas:not(.maplibregl-canvas)');
    if (!canvas) throw new Error(`no ${which} canvas in the map`);
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d')!;
    context.drawImage(canvas, 0, 0);
    const { data } = context.getImageData(0, 0, copy.width, copy.height);
    const background = [1, 3, 5].map((offset) => parseInt(backgroundHex.slice(offset, offset + 2), 16));
    let drawnPixels = 0;
    const colours = new Set<number>();
    for (let index = 0; index < data.length; index += 4) {
      const [red, green, blue, alpha] = [data[index], data[index + 1], data[index + 2], data[index + 3]];
      const drawn = which === 'deck'
        ? alpha > 8
        : Math.abs(red - background[0]) + Math.abs(green - background[1]) + Math.abs(blue - background[2]) > 6;
      if (!drawn) continue;
      drawnPixels += 1;
      colours.add(((red >> 4) << 12) | ((green >> 4) << 8) | ((blue >> 4) << 4) | (alpha >> 4));
    }
    return { width: copy.width, height: copy.height, drawnPixels, distinctColours: colours.size };
  }, { which, backgroundHex });
}

/** The map container's position on the page, to turn map pixels into page clicks. */
export async function mapOrigin(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.locator('[data-testid="map"]').boundingBox();
  if (!box) throw new Error('the map container is not on the page');
  return box;
}

/**
 * A feature of the collection well inside the visible map and at least `clearancePixels` away
 * from every other feature of the collections that draw on top, so a click there can only hit it.
 */
export async function findIsolatedFeature(page: Page, collectionId: string, clearancePixels = 24, onlyIds?: Array<string | number>): Promise<FeatureOnScreen | null> {
  return page.evaluate(({ collectionId, clearancePixels, onlyIds }) => {
    const hook = window.__lifecircle!;
    const container = document.querySelector('[data-testid="map"]')!.getBoundingClientRect();
    const candidates = hook.featuresOnScreen(collectionId).filter((feature) => !onlyIds || onlyIds.includes(feature.id as string | number));
    const others = ['facilities', 'metro_stations', 'residents_committees'].flatMap((id) => hook.featuresOnScreen(id));
    // Keep clear of the map controls (top right), the details panel and the edges.
    const inside = (feature: { x: number; y: number }) =>
      feature.x > 60 && feature.y > 60 && feature.x < container.width - 400 && feature.y < container.height - 60;
    return candidates.find((candidate) => candidate.name !== '' && inside(candidate) && others.every((other) =>
      other === candidate || (other.id === candidate.id && other.name === candidate.name) || Math.hypot(other.x - candidate.x, other.y - candidate.y) > clearancePixels,
    )) ?? null;
  }, { collectionId, clearancePixels, onlyIds });
}

/**
 * How many pixels of a canvas are close to one of `colours` (red, green, blue; alpha ignored, since
 * layers blend): e.g. the walking-time bands of a layer that should be drawn.
 */
export async function countPixelsOfColours(page: Page, which: 'basemap' | 'deck', colours: number[][], tolerance = 40): Promise<number> {
  return page.evaluate(({ which, colours, tolerance }) => {
    const map = document.querySelector('[data-testid="map"]')!;
    const canvas = map.querySelector<HTMLCanvasElement>(which === 'basemap' ? 'canvas.maplibregl-canvas' : 'canvas:not(.maplibregl-canvas)');
    if (!canvas) throw new Error(`no ${which} canvas in the map`);
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d')!;
    context.drawImage(canvas, 0, 0);
    const { data } = context.getImageData(0, 0, copy.width, copy.height);
    let count = 0;
    for (let index = 0; index < data.length; index += 4) {
      if (data[index + 3] < 40) continue;
      if (colours.some(([red, green, blue]) => Math.abs(data[index] - red) + Math.abs(data[index + 1] - green) + Math.abs(data[index + 2] - blue) <= tolerance)) count += 1;
    }
    return count;
  }, { which, colours, tolerance });
}
