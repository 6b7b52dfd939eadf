import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildClientIfStale } from '../../server/build/build-client.ts';
import { browserUnavailableReason } from './browser.ts';
import { e2eAdmin } from './e2e-users.ts';
import { startServerProcess } from './server-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The running dashboard, e.g. http://127.0.0.1:40123; empty when the browser tests are skipped. */
    dashboardUrl: string;
    /** Why the browser tests are skipped; empty when they run. */
    browserSkipReason: string;
  }
}

/**
 * Global set-up of the browser tests: builds the client, starts the real server on the embedded
 * database in a fresh data directory (so the tests see exactly what geodata/ seeds), and hands
 * its URL to the tests. Without Chromium the tests are skipped with the reason printed, except
 * under CI, where a missing browser fails the run.
 */
export default async function startDashboard(project: TestProject) {
  const skipReason = browserUnavailableReason();
  if (skipReason) {
    if (process.env.CI) throw new Error(`[e2e] CI is set, so the browser tests may not be skipped: ${skipReason}`);
    console.warn(`\n[e2e] SKIPPING the browser tests: ${skipReason}\n`);
    project.provide('dashboardUrl', '');
    project.provide('browserSkipReason', skipReason);
    return;
  }
  if (buildClientIfStale() === 'built') console.log('[e2e] built the client (vite build)');
  const dataDirectory = mkdtempSync(join(tmpdir(), 'lifecircle-e2e-'));
  // DATABASE_URL empty forces the embedded database even when the API tests run against PostgreSQL.
  const server = await startServerProcess({
    DATA_DIR: dataDirectory, DATABASE_URL: '', LIFECIRCLE_ADMIN_USER: e2eAdmin.username, LIFECIRCLE_ADMIN_PASSWORD: e2eAdmin.password,
  });
  project.provide('dashboardUrl', server.url);
  project.provide('browserSkipReason', '');
  return async () => {
    await server.stop();
    rmSync(dataDirectory, { recursive: true, force: true });
  };
}
