import { existsSync, renameSync, rmSync } from 'node:fs';
import type { Database } from '../db/database.ts';
import {
  countRows, readAppliedMigrations, readDatabaseVersions, readOneSnapshot, readRowsAsJson, readSequences, readTableShapes, type TableShape,
} from '../queries/backup.ts';
import { backupFormat, backupFormatVersion, BackupFileError, openBackupWriter, type BackupHeader } from './backup-format.ts';
import { orderByForeignKeys } from './order-by-foreign-keys.ts';

/**
 * Tables a backup leaves out: the list of migrations (the header carries it) and sessions (a
 * restored dashboard is a new start: everyone signs in again).
 */
export const tablesNotBackedUp = new Set(['schema_migration', 'user_session']);
/** Rows read per statement: a page of the largest table stays a few megabytes. */
const pageRows = 1000;

export interface BackupReport {
  tables: { name: string; rows: number }[];
  rows: number;
}

/** The tables a backup holds, in the order they load (foreign keys first). */
export async function readBackupTables(database: Pick<Database, 'query'>): Promise<TableShape[]> {
  return orderByForeignKeys((await readTableShapes(database)).filter((table) => !tablesNotBackedUp.has(table.name)));
}

/**
 * Writes every table of the database (features, collections, imports, projects with their
 * versions and audit, renovation records and their history, standards, people with their
 * password hashes) to `path`, read from one snapshot, so a backup taken while the server writes is
 * consistent. The file appears under its name only once complete; an existing file is kept.
 */
export async function writeBackup(database: Database, path: string): Promise<BackupReport> {
  if (existsSync(path)) throw new BackupFileError(`${path} already exists: choose a new name (a backup never overwrites one)`);
  const partialPath = `${path}.partial`;
  rmSync(partialPath, { force: true });
  const writer = openBackupWriter(partialPath);
  try {
    const report = await database.transaction(async (transaction) => {
      await readOneSnapshot(transaction);
      const migrations = await readAppliedMigrations(transaction);
      if (!migrations || migrations.length === 0) throw new BackupFileError('this database has no lifecircle data (no migrations were ever applied): nothing to back up');
      const header: BackupHeader = {
        format: backupFormat,
        version: backupFormatVersion,
        createdAt: new Date().toISOString(),
        databaseKind: database.kind,
        ...(await readDatabaseVersions(transaction)),
        migrations,
      };
      await writer.writeLine(JSON.stringify(header));
      const tables: BackupReport['tables'] = [];
      for (const table of await readBackupTables(transaction)) {
        const rows = await countRows(transaction, table);
        await writer.writeLine(JSON.stringify({ table: table.name, rows }));
        for (let offset = 0; offset < rows; offset += pageRows) {
          for (const row of await readRowsAsJson(transaction, table, { limit: pageRows, offset })) await writer.writeLine(row);
        }
        tables.push({ name: table.name, rows });
      }
      await writer.writeLine(JSON.stringify({ sequences: await readSequences(transaction) }));
      const rows = tables.reduce((sum, table) => sum + table.rows, 0);
      await writer.writeLine(JSON.stringify({ end: true, tables: tables.length, rows }));
      return { tables, rows };
    });
    await writer.finish();
    renameSync(partialPath, path);
    return report;
  } catch (error) {
    writer.abort();
    rmSync(partialPath, { force: true });
    throw error;
  }
}
