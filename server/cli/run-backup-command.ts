import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BackupFileError } from '../backup/backup-format.ts';
import type { Database } from '../db/database.ts';
import { openCliDatabase } from './open-cli-database.ts';

export interface BackupCommand {
  name: 'backup' | 'restore';
  help: string;
  /** Whether the file must exist before the database is opened (restore) or must not (backup: checked when writing). */
  readsFile: boolean;
  /** Does the work; says what it did in a line, and the rows of each table. */
  run: (database: Database, path: string, databaseLabel: string) => Promise<{ summary: string; tables: { name: string; rows: number }[] }>;
}

/**
 * `npm run backup|restore -- <file>`: one file, the server's database (opened here and always
 * closed), a message and exit code 1 for anything the person running it can fix.
 */
export async function runBackupCommand(command: BackupCommand): Promise<number> {
  const usageError = (message: string) => {
    console.error(`${message}\n\nusage: npm run ${command.name} -- <file>\n(npm run ${command.name} -- --help for more)`);
    return 1;
  };
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h', default: false } } });
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (parsed.values.help) {
    console.log(command.help);
    return 0;
  }
  if (parsed.positionals.length !== 1) return usageError(parsed.positionals.length === 0 ? 'name the file' : `one file only (got ${parsed.positionals.join(', ')})`);
  const [path] = parsed.positionals;
  // Checked before the database is opened: creating an embedded one takes a while.
  if (command.readsFile && !existsSync(path)) {
    console.error(`${path}: no such file`);
    return 1;
  }

  const opened = await openCliDatabase({ mustExist: !command.readsFile });
  if ('problem' in opened) {
    console.error(opened.problem);
    return 1;
  }
  try {
    const { summary, tables } = await command.run(opened.database, path, opened.label);
    console.log(summary);
    for (const table of tables) console.log(`  ${table.name}: ${table.rows}`);
    return 0;
  } catch (error) {
    if (error instanceof BackupFileError) {
      console.error(`${path}: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await opened.database.close();
  }
}
