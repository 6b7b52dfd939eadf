import type { Database } from '../db/database.ts';
import { migrateDatabase } from '../db/migrate.ts';
import {
  countRows, deleteAllRows, insertRowsFromJson, readAppliedMigrations, setSequenceValue, setUserTriggers, type TableShape,
} from '../queries/backup.ts';
import { BackupFileError, parseBackupHeader, parseBackupLine, readBackupLines, type BackupHeader } from './backup-format.ts';
import { readBackupTables, type BackupReport } from './write-backup.ts';

/**
 * Tables the migrations themselves fill (the six actions, the projects collection, the revision
 * counters): rows there do not make a database "not empty". Every other table must be empty. A
 * new migration that inserts rows into another table names it here (the round-trip test of
 * test/api/backup-restore.test.ts refuses every fresh database until it does).
 */
const tablesFilledByMigrations = new Set(['project_action', 'collection', 'analysis_revision']);
/** Rows sent per statement. */
const batchRows = 500;

/**
 * Brings a backup into an empty database, embedded or PostgreSQL, whichever made it: migrates
 * the database to the backup's schema, refuses one that holds data, then loads every table in one
 * transaction (all of it or nothing) and sets the sequences, so new rows get new ids.
 */
export async function restoreBackup(database: Database, path: string): Promise<BackupReport & { header: BackupHeader }> {
  const lines = readBackupLines(path)[Symbol.asyncIterator]();
  const header = parseBackupHeader((await lines.next()).value);

  await migrateDatabase(database);
  const applied = (await readAppliedMigrations(database)) ?? [];
  const newer = header.migrations.filter((name) => !applied.includes(name));
  if (newer.length > 0) throw new BackupFileError(`this backup was made by a newer lifecircle (migrations ${newer.join(', ')} are unknown here): restore it with that version`);
  const missing = applied.filter((name) => !header.migrations.includes(name));
  if (missing.length > 0) {
    throw new BackupFileError(`this backup was made by an older lifecircle (before migrations ${missing.join(', ')}): restore it with that version into an empty database, then start this version on it, which migrates it`);
  }

  const tables = await readBackupTables(database);
  const holding: string[] = [];
  for (const table of tables) {
    if (tablesFilledByMigrations.has(table.name)) continue;
    const rows = await countRows(database, table);
    if (rows > 0) holding.push(`${table.name}: ${rows} row(s)`);
  }
  if (holding.length > 0) {
    throw new BackupFileError(`the database is not empty (${holding.join(', ')}): a restore goes into an empty database only, so that nothing is overwritten. Use a new DATA_DIR, or a new PostgreSQL database with the PostGIS extension`);
  }

  const byName = new Map(tables.map((table) => [table.name, table]));
  return database.transaction(async (transaction) => {
    for (const table of tables) await setUserTriggers(transaction, table, false);
    // The rows the migrations inserted come back from the backup, as they were there.
    for (const table of [...tables].reverse()) await deleteAllRows(transaction, table);

    const restored: BackupReport['tables'] = [];
    let end: { tables: number; rows: number } | null = null;
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      if (end) throw new BackupFileError('the backup has lines after its end line');
      const line = parseBackupLine(next.value);
      if (line.kind === 'end') end = line;
      else if (line.kind === 'sequences') for (const sequence of line.sequences) await setSequenceValue(transaction, sequence);
      else {
        const table = byName.get(line.table);
        if (!table) throw new BackupFileError(`the backup has a table "${line.table}" that this database does not`);
        await loadRows(transaction, table, line.rows, lines);
        restored.push({ name: table.name, rows: line.rows });
      }
    }
    const rows = restored.reduce((sum, table) => sum + table.rows, 0);
    if (!end) throw new BackupFileError('the backup is incomplete (it has no end line): it was cut short; nothing was restored');
    if (end.tables !== restored.length || end.rows !== rows) throw new BackupFileError(`the backup says ${end.tables} tables and ${end.rows} rows but holds ${restored.length} and ${rows}; nothing was restored`);
    for (const table of tables) await setUserTriggers(transaction, table, true);
    return { header, tables: restored, rows };
  });
}

/** Reads the next `count` lines (one row each) and inserts them in batches. */
async function loadRows(database: Pick<Database, 'query'>, table: TableShape, count: number, lines: AsyncIterator<string>) {
  let batch: string[] = [];
  for (let index = 0; index < count; index++) {
    const next = await lines.next();
    if (next.done) throw new BackupFileError(`the backup ends inside table ${table.name} (row ${index + 1} of ${count}): it was cut short; nothing was restored`);
    batch.push(next.value);
    if (batch.length === batchRows || index === count - 1) {
      await insertRowsFromJson(database, table, `[${batch.join(',')}]`);
      batch = [];
    }
  }
}
