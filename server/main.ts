import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { readConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateDatabase } from './db/migrate.ts';
import { ensureFirstAdmin } from './auth/sign-in.ts';
import { describeSeedReport, seedAll } from './seed/seed-all.ts';

/** Process entry: configuration, database, migrations, seed, then listen. */
const config = readConfig();
const startedAt = performance.now();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDirectory: config.dataDirectory }).catch((error: Error) => {
  console.error(`lifecircle could not start: ${error.message}`);
  process.exit(1);
});
const migrations = await migrateDatabase(database);
const [seeded, ...seedDetails] = describeSeedReport(await seedAll(database, config.geodataDirectory));
// The first admin, once, from the environment: there is never a default password.
const firstAdmin = await ensureFirstAdmin(database, process.env.LIFECIRCLE_ADMIN_USER, process.env.LIFECIRCLE_ADMIN_PASSWORD);
const databaseLabel = database.kind === 'embedded' ? `embedded PGlite in ${config.dataDirectory}` : 'PostgreSQL (DATABASE_URL)';
console.log(`database: ${databaseLabel}; ${migrations.length} migration(s) applied; ${seeded}`);
if (firstAdmin) console.log(`  first admin "${firstAdmin}" created from LIFECIRCLE_ADMIN_USER/LIFECIRCLE_ADMIN_PASSWORD`);
for (const line of seedDetails) console.log(line);

const app = createApp({ database, settings: { basemapStyleUrl: config.basemapStyleUrl }, clientDirectory: config.clientDirectory, geodataDirectory: config.geodataDirectory, adminToken: config.adminToken });
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (address) => {
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`lifecircle ready in ${seconds} s: http://${config.host}:${address.port}/`);
});

// A client that reuses an idle keep-alive connection just as the server closes it gets a reset
// (ECONNRESET, seen once in CI from the browser's request context after Node's 5 s default). Idle
// connections are kept longer than clients usually keep them, as proxies do.
if ('keepAliveTimeout' in server) {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

server.on('error', (error: NodeJS.ErrnoException) => {
  const reason = error.code === 'EADDRINUSE' ? `port ${config.port} on ${config.host} is already in use: stop the other server or set PORT` : error.message;
  console.error(`lifecircle could not start: ${reason}`);
  void database.close().then(() => process.exit(1));
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    // Closing the embedded database flushes it to disk; a killed process could lose the last writes.
    void database.close().then(() => process.exit(0));
  });
}
