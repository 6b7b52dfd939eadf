import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

// The client lives in client/ and is built to dist/client, which the server serves in production.
// In development `npm run dev:client` proxies /api to the server started by `npm run dev`.
export default defineConfig({
  root: 'client',
  plugins: [preact()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 8080}` } },
  test: {
    root: '.',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/geodata/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts'],
          globalSetup: ['test/helpers/start-servers.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/helpers/start-dashboard.ts'],
          // A safety net, not a speed check: the longest browser test takes about 50 s on a
          // quiet 2-core machine, and CI may run it with the other core busy.
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
