import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import type { SequenceValue } from '../queries/backup.ts';

/**
 * The backup file (docs/operating.md): gzip'd JSON lines, UTF-8.
 *
 *   line 1      the header: format, version, when, from which database, its migrations
 *   per table   {"table": name, "rows": n}, then n lines, each one row as a JSON object keyed by
 *               column (geometry as hex EWKB with its SRID, times with their offset)
 *   then        {"sequences": [{name, lastValue}]}
 *   last line   {"end": true, "tables": t, "rows": r}: a file without it is incomplete
 *
 * Tables come in an order that satisfies their foreign keys. The same format serves both
 * databases: nothing in it is particular to PGlite or to PostgreSQL.
 */
export const backupFormat = 'lifecircle-backup';
export const backupFormatVersion = 1;

export interface BackupHeader {
  format: typeof backupFormat;
  version: number;
  createdAt: string;
  /** Which database it was made from ('embedded' or 'postgres'), and its versions: for people. */
  databaseKind: string;
  postgresVersion: string;
  postgisVersion: string;
  /** The migrations applied to it: a backup restores into the same schema only. */
  migrations: string[];
}

export type BackupLine =
  | { kind: 'table'; table: string; rows: number }
  | { kind: 'sequences'; sequences: SequenceValue[] }
  | { kind: 'end'; tables: number; rows: number };

/** Writes lines to a gzip'd file; `finish` waits until every byte is on disk. */
export function openBackupWriter(path: string) {
  const gzip = createGzip();
  const file = createWriteStream(path, { flags: 'wx' });
  gzip.pipe(file);
  const closed = once(file, 'close');
  return {
    async writeLine(line: string) {
      if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
    },
    async finish() {
      gzip.end();
      await closed;
    },
    /** Stops writing after a failure; the caller removes the file. */
    abort() {
      gzip.destroy();
      file.destroy();
    },
  };
}

/** Reads the lines of a gzip'd backup file one at a time, as text. */
export async function* readBackupLines(path: string): AsyncGenerator<string> {
  const gunzip = createGunzip();
  const file = createReadStream(path);
  // pipe() does not pass on errors: a missing file must end the reading, not hang it.
  file.on('error', (error) => gunzip.destroy(error));
  const lines = createInterface({ input: file.pipe(gunzip), crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line.length > 0) yield line;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BackupFileError(`${path}: no such file`);
    if (code?.startsWith('Z_')) throw new BackupFileError(`${path} is not a complete gzip file (${(error as Error).message}): damaged or cut short; nothing was restored`);
    throw error;
  }
}

/** The header, or a message that says why this is not a backup this version can read. */
export function parseBackupHeader(line: string | undefined): BackupHeader {
  let header: Partial<BackupHeader> | null = null;
  try {
    header = line === undefined ? null : JSON.parse(line);
  } catch {
    // not JSON: refused below
  }
  if (!header || header.format !== backupFormat) throw new BackupFileError('this is not a lifecircle backup (its first line does not say "format": "lifecircle-backup")');
  if (header.version !== backupFormatVersion) throw new BackupFileError(`this backup is format version ${header.version}; this lifecircle reads version ${backupFormatVersion} only`);
  if (!Array.isArray(header.migrations)) throw new BackupFileError('the backup header does not list its migrations');
  return header as BackupHeader;
}

/** A line between tables: a table's header, the sequences, or the end. */
export function parseBackupLine(line: string): BackupLine {
  let value: Record<string, unknown> | null = null;
  try {
    value = JSON.parse(line);
  } catch {
    // refused below
  }
  if (value && typeof value.table === 'string' && Number.isInteger(value.rows)) return { kind: 'table', table: value.table, rows: value.rows as number };
  if (value && Array.isArray(value.sequences)) return { kind: 'sequences', sequences: value.sequences as SequenceValue[] };
  if (value && value.end === true) return { kind: 'end', tables: Number(value.tables), rows: Number(value.rows) };
  throw new BackupFileError(`the backup has a line that is neither a table, the sequences nor the end: ${line.slice(0, 80)}`);
}

/** The backup file cannot be used: the message says why, for the person running the command. */
export class BackupFileError extends Error {}
