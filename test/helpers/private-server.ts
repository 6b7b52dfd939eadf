import { rmSync } from 'node:fs';
import { inject } from 'vitest';
import { copyEmbeddedTemplate } from './embedded-template.ts';
import { createFreshDatabase } from './fresh-database.ts';
import { startServerProcess } from './server-process.ts';
import type { ServerUnderTest } from './start-servers.ts';

/**
 * A server of the same kind as `like`, on a database of its own, for tests that change data:
 * the servers of the api project are shared by every test file, which run side by side.
 */
export async function startPrivateServer(like: ServerUnderTest, name: string): Promise<ServerUnderTest & { stop: () => Promise<void> }> {
  const adminToken = like.adminToken;
  if (like.database === 'postgres') {
    const databaseUrl = await createFreshDatabase(process.env.DATABASE_URL!, name);
    const server = await startServerProcess({ DATABASE_URL: databaseUrl, LIFECIRCLE_ADMIN_TOKEN: adminToken });
    return { database: 'postgres', url: server.url, databaseUrl, adminToken, stop: server.stop };
  }
  // A copy of the seeded template: the same data as a first start, without the minute it takes.
  const dataDirectory = copyEmbeddedTemplate(inject('embeddedTemplate'), name);
  const server = await startServerProcess({ DATABASE_URL: '', DATA_DIR: dataDirectory, LIFECIRCLE_ADMIN_TOKEN: adminToken });
  return {
    database: 'embedded', url: server.url, adminToken,
    stop: async () => {
      await server.stop();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
