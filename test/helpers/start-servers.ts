import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { copyEmbeddedTemplate, createEmbeddedTemplate } from './embedded-template.ts';
import { createFreshDatabase } from './fresh-database.ts';
import { startServerProcess, type RunningServer } from './server-process.ts';

export interface ServerUnderTest {
  /** 'embedded' (PGlite) or 'postgres' (a real PostGIS server). */
  database: 'embedded' | 'postgres';
  url: string;
  /** For tests that check the API against a direct SQL count on the real server. */
  databaseUrl?: string;
  /** LIFECIRCLE_ADMIN_TOKEN of the server: what the import tests send as a Bearer token. */
  adminToken: string;
}

const adminToken = 'test-admin-token-for-import';

declare module 'vitest' {
  export interface ProvidedContext {
    servers: ServerUnderTest[];
    /** A seeded embedded data directory that private servers start on a copy of (embedded-template.ts). */
    embeddedTemplate: string;
  }
}

/**
 * Starts the API twice, as separate processes answering real HTTP: on a fresh embedded database,
 * and, when DATABASE_URL is set, on a fresh database created on that PostgreSQL server. Under CI
 * a missing DATABASE_URL is an error, not a skip.
 */
export default async function startServers(project: TestProject) {
  const running: RunningServer[] = [];
  const servers: ServerUnderTest[] = [];
  const embeddedTemplate = await createEmbeddedTemplate();
  const dataDirectory = copyEmbeddedTemplate(embeddedTemplate, 'api');

  const embedded = await startServerProcess({ DATABASE_URL: '', DATA_DIR: dataDirectory, LIFECIRCLE_ADMIN_TOKEN: adminToken });
  running.push(embedded);
  servers.push({ database: 'embedded', url: embedded.url, adminToken });

  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const testDatabaseUrl = await createFreshDatabase(databaseUrl, 'test');
    const postgres = await startServerProcess({ DATABASE_URL: testDatabaseUrl, LIFECIRCLE_ADMIN_TOKEN: adminToken });
    running.push(postgres);
    servers.push({ database: 'postgres', url: postgres.url, databaseUrl: testDatabaseUrl, adminToken });
  } else if (process.env.CI) {
    throw new Error('CI is set but DATABASE_URL is not: the API tests must run against a real PostGIS server in CI');
  } else {
    console.warn('\n[api tests] SKIPPED the real PostGIS run: DATABASE_URL is not set (only the embedded database is tested)\n');
  }

  project.provide('servers', servers);
  project.provide('embeddedTemplate', embeddedTemplate);
  return async () => {
    await Promise.all(running.map((server) => server.stop()));
    rmSync(dataDirectory, { recursive: true, force: true });
    rmSync(embeddedTemplate, { recursive: true, force: true });
  };
}
