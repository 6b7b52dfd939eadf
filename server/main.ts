import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { readConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateDatabase } from './db/migrate.ts';
import { seedDatabase } from './db/seed.ts';
import { seedFacilityStandards } from './db/seed-standards.ts';
import { seedPlanProjects } from './projects/seed-projects.ts';
import { ensureFirstAdmin } from './auth/sign-in.ts';
import { seedRenovation } from './leaders/seed-renovation.ts';

/** Process entry: configuration, database, migrations, seed, then listen. */
const config = readConfig();
const startedAt = performance.now();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDirectory: config.dataDirectory }).catch((error: Error) => {
  console.error(`lifecircle could not start: ${error.message}`);
  process.exit(1);
});
const migrations = await migrateDatabase(database);
const seedReports = await seedDatabase(database, config.geodataDirectory);
await seedFacilityStandards(database, config.geodataDirectory);
const projectsSeeded = await seedPlanProjects(database, config.geodataDirectory);
// Renovation records of estates without one, and the facilities' opening knowledge (issue 6).
const renovationSeeded = await seedRenovation(database, config.geodataDirectory);
// The first admin, once, from the environment: there is never a default password.
const firstAdmin = await ensureFirstAdmin(database, process.env.LIFECIRCLE_ADMIN_USER, process.env.LIFECIRCLE_ADMIN_PASSWORD);
const seeded = seedReports.filter((report) => !report.skipped);
const databaseLabel = database.kind === 'embedded' ? `embedded PGlite in ${config.dataDirectory}` : 'PostgreSQL (DATABASE_URL)';
console.log(`database: ${databaseLabel}; ${migrations.length} migration(s) applied; ${seeded.length} collection(s) seeded`);
if (firstAdmin) console.log(`  first admin "${firstAdmin}" created from LIFECIRCLE_ADMIN_USER/LIFECIRCLE_ADMIN_PASSWORD`);
if (projectsSeeded > 0) console.log(`  projects: ${projectsSeeded} project(s) of the action plan added`);
if (renovationSeeded.added > 0) console.log(`  renovation: ${renovationSeeded.added} estate record(s) added`);
for (const report of seeded) console.log(`  ${report.collectionId}: ${report.changed} feature(s) added or refreshed, ${report.removed} removed`);

const app = createApp({ database, settings: { basemapStyleUrl: config.basemapStyleUrl }, clientDirectory: config.clientDirectory, geodataDirectory: config.geodataDirectory, adminToken: config.adminToken });
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (address) => {
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`lifecircle ready in ${seconds} s: http://${config.host}:${address.port}/`);
});

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
