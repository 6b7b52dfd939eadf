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

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArguments });
}
