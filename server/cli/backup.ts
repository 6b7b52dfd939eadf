import { writeBackup } from '../backup/write-backup.ts';
import { runBackupCommand } from './run-backup-command.ts';

const help = `Back up everything of a lifecircle database into one file.

usage: npm run backup -- <file>

Writes every collection and feature, imports, projects with their versions and audit, estates'
renovation records and their history, the life-circle standards, and the people who can sign in
with their password hashes (not their sessions), as gzip'd JSON lines (docs/operating.md).
The file can be restored into an empty embedded or PostgreSQL database: npm run restore -- <file>.

The database is the server's: DATABASE_URL, else the embedded database in DATA_DIR (default .data).
PostgreSQL is backed up while the server runs (one consistent snapshot). The embedded database
can be open in one process only: stop the server first.

Exit code: 0 written, 1 not written (the message says why).`;

process.exitCode = await runBackupCommand({
  name: 'backup',
  help,
  readsFile: false,
  async run(database, path, databaseLabel) {
    const report = await writeBackup(database, path);
    return { summary: `backed up ${databaseLabel} to ${path}: ${report.rows} row(s) in ${report.tables.length} table(s)`, tables: report.tables };
  },
});
