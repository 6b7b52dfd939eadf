import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; playwright-core never downloads its own browser here. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Flags that give headless Chromium WebGL2 on SwiftShader (no GPU), from STACK.md. Never add
 * --disable-software-rasterizer or --use-gl=swiftshader: either one turns WebGL off.
 */
export const chromiumArguments = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/**
 * Why the browser tests cannot run here, or null when they can. Under CI a missing browser is a
 * failure of the machine's set-up, so the caller must fail instead of skipping.
 */
export function browserUnavailableReason(): string | null {
  if (existsSync(chromiumPath)) return null;
  return `Chromium not found at ${chromiumPath} (install it with \`apt-get install -y chromium fonts-noto-cjk\`, or set CHROMIUM_PATH)`;
}

/**
 * How long a browser test's wait (a selector, a click, a response) may take before it fails. A
 * safety net, not a speed check: on a busy 2-core CI machine an editor's sign-in once took more
 * than Playwright's default 30 s to show (21 s alone). Vitest's own limit per test (180 s) stays
 * above it.
 */
export const browserWaitMilliseconds = 120_000;

/** Chromium, with every page and context it opens waiting up to `browserWaitMilliseconds`. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArguments });
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(browserWaitMilliseconds);
    return context;
  };
  browser.newPage = async (options) => {
    const page = await newPage(options);
    page.context().setDefaultTimeout(browserWaitMilliseconds);
    return page;
  };
  return browser;
}
