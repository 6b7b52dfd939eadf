import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database.ts';

const migrationsDirectory = join(import.meta.dirname, 'migrations');

/**
 * Applies every migrations/NNN_name.sql not yet applied, in order, each in its own transaction,
 * and records it. Returns the names applied now. `through` stops after the named file (the tests
 * of a migration over data written before it).
 */
export async function migrateDatabase(database: Database, options: { through?: string } = {}): Promise<string[]> {
  await database.executeScript(
    'create table if not exists schema_migration (name text primary key, applied_at timestamptz not null default now())',
  );
  const applied = new Set(
    (await database.query<{ name: string }>('select name from schema_migration')).map((row) => row.name),
  );
  const pending = readdirSync(migrationsDirectory)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/.test(file) && !applied.has(file) && (options.through === undefined || file <= options.through))
    .sort();
  for (const file of pending) {
    const script = readFileSync(join(migrationsDirectory, file), 'utf8');
    // A script of several statements cannot run through `transaction` on both drivers, so it
    // carries its own; the file name is safe to quote (checked by the pattern above).
    try {
      await database.executeScript(`begin;\n${script}\ninsert into schema_migration (name) values ('${file}');\ncommit;`);
    } catch (error) {
      await database.executeScript('rollback');
      throw new Error(`migration ${file} failed: ${(error as Error).message}`);
    }
  }
  return pending;
}
