import { existsSync } from 'node:fs';
import { readConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { DataDirectoryInUseError } from '../db/embedded.ts';

/**
 * The server's database for a command: DATABASE_URL, else the embedded database in DATA_DIR.
 * `mustExist`: an embedded database that is not there is an error, not a new empty one.
 * Returns a message instead when it cannot be opened (the embedded one is open in a server).
 */
export async function openCliDatabase({ mustExist }: { mustExist: boolean }): Promise<{ database: Database; label: string } | { problem: string }> {
  const config = readConfig();
  if (!config.databaseUrl && mustExist && !existsSync(config.dataDirectory)) {
    return { problem: `there is no embedded database in ${config.dataDirectory}: set DATA_DIR to its directory, or DATABASE_URL for PostgreSQL` };
  }
  const label = config.databaseUrl ? `PostgreSQL (${redactPassword(config.databaseUrl)})` : `the embedded database in ${config.dataDirectory}`;
  try {
    return { database: await openDatabase({ databaseUrl: config.databaseUrl, dataDirectory: config.dataDirectory }), label };
  } catch (error) {
    if (error instanceof DataDirectoryInUseError) return { problem: `${error.message}. The embedded database can be open in one process only.` };
    return { problem: `cannot open ${label}: ${(error as Error).message}` };
  }
}

function redactPassword(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
