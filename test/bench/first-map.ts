import { launchBrowser } from '../helpers/browser.ts';
import { startServerProcess } from '../helpers/server-process.ts';

/**
 * Time from navigation to the first frame in which the map and the deck.gl layers have drawn
 * the data, as the client's test hook reports it, in headless Chromium (SwiftShader WebGL).
 */
export async function measureFirstMapLoad(dataDirectory: string, runs: number, clientDirectory: string): Promise<{ seconds: number[]; assetPaths: string[] }> {
  const server = await startServerProcess({ DATABASE_URL: '', DATA_DIR: dataDirectory, CLIENT_DIR: clientDirectory });
  const browser = await launchBrowser();
  const seconds: number[] = [];
  const assetPaths = new Set<string>();
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      // Every script, stylesheet and worker the page asks for before its first map is drawn.
      page.on('request', (request) => {
        const path = new URL(request.url()).pathname;
        if (path.startsWith('/assets/')) assetPaths.add(path.slice(1));
      });
      const startedAt = performance.now();
      await page.goto(server.url);
      await page.waitForFunction(() => (window as any).__lifecircle?.ready === true, null, { timeout: 60_000 });
      seconds.push((performance.now() - startedAt) / 1000);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  return { seconds, assetPaths: [...assetPaths].sort() };
}
