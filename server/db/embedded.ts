import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Database } from './database.ts';
import { isProcessRunning } from './is-process-running.ts';

/**
 * PGlite (PostgreSQL in WebAssembly) with PostGIS, in a data directory that survives restarts.
 * It has one session, so transactions are serialised by PGlite itself.
 */
export async function openEmbeddedDatabase(dataDirectory: string): Promise<Database> {
  mkdirSync(dataDirectory, { recursive: true });
  const releaseLock = lockDataDirectory(dataDirectory);
  let database: PGlite;
  try {
    database = await PGlite.create(dataDirectory, { extensions: { postgis } });
  } catch (error) {
    releaseLock();
    throw error;
  }

  // Counted at the start and the end of every statement, script and transaction: see
  // Database.statementsStartedOrEnded. A transaction's own statements are inside its count.
  let statementsStartedOrEnded = 0;
  async function counted<Result>(work: () => Promise<Result>): Promise<Result> {
    statementsStartedOrEnded += 1;
    try {
      return await work();
    } finally {
      statementsStartedOrEnded += 1;
    }
  }

  return {
    kind: 'embedded',
    statementsStartedOrEnded: () => statementsStartedOrEnded,
    query: <Row>(sql: string, parameters: unknown[] = []) => counted(async () => (await database.query<Row>(sql, parameters)).rows),
    executeScript: (sql) => counted(async () => {
      await database.exec(sql);
    }),
    transaction: (work) =>
      counted(() => database.transaction((transaction) =>
        work({
          async query<Row>(sql: string, parameters: unknown[] = []) {
            const result = await transaction.query<Row>(sql, parameters);
            return result.rows;
          },
        }),
      )),
    close: async () => {
      await database.close();
      releaseLock();
    },
  };
}

/**
 * PGlite is one process's database: a second process writing the same directory would corrupt it
 * or silently diverge. PGlite's own postmaster.pid holds no real process id, so we keep our own
 * lock with ours, and take over a lock whose process is gone (a killed server).
 */
export class DataDirectoryInUseError extends Error {}

function lockDataDirectory(dataDirectory: string): () => void {
  const lockFile = join(dataDirectory, 'lifecircle.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isProcessRunning(holder)) {
        throw new DataDirectoryInUseError(`the embedded database in ${dataDirectory} is open in another process (pid ${holder}): stop it first, or set DATA_DIR to another directory`);
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new DataDirectoryInUseError(`could not lock ${lockFile}`);
}
