import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Database } from './database.ts';

/**
 * PGlite (PostgreSQL in WebAssembly) with PostGIS, in a data directory that survives restarts.
 * It has one session, so transactions are serialised by PGlite itself.
 */
export async function openEmbeddedDatabase(dataDirectory: string): Promise<Database> {
  mkdirSync(dataDirectory, { recursive: true });
  const database = await PGlite.create(dataDirectory, { extensions: { postgis } });

  return {
    kind: 'embedded',
    async query<Row>(sql: string, parameters: unknown[] = []) {
      const result = await database.query<Row>(sql, parameters);
      return result.rows;
    },
    async executeScript(sql) {
      await database.exec(sql);
    },
    transaction: (work) =>
      database.transaction((transaction) =>
        work({
          async query<Row>(sql: string, parameters: unknown[] = []) {
            const result = await transaction.query<Row>(sql, parameters);
            return result.rows;
          },
        }),
      ),
    close: () => database.close(),
  };
}
