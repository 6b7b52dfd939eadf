import { readConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { describeSeedReport, seedAll } from '../seed/seed-all.ts';

/**
 * `npm run seed`: migrates and seeds the server's database (DATABASE_URL, else the embedded one
 * in DATA_DIR) from GEODATA_DIR without starting the server, exactly as start-up does: to prepare
 * a PostgreSQL database before the first start, or to load changed geodata/ files.
 */
const config = readConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDirectory: config.dataDirectory });
try {
  const migrations = await migrateDatabase(database);
  const [seeded, ...details] = describeSeedReport(await seedAll(database, config.geodataDirectory));
  console.log(`${migrations.length} migration(s) applied; ${seeded}`);
  for (const line of details) console.log(line);
} finally {
  await database.close();
}
