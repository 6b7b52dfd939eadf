import { restoreBackup } from '../backup/restore-backup.ts';
import { runBackupCommand } from './run-backup-command.ts';

const help = `Restore a lifecircle backup into an empty database.

usage: npm run restore -- <file>

Brings everything a backup holds (npm run backup) into the server's database: DATABASE_URL,
else the embedded database in DATA_DIR (default .data). Either kind restores a backup of either
kind. The database must be empty: a new DATA_DIR, or a new PostgreSQL database with the PostGIS
extension (create database …; create extension postgis;). A database that holds data is refused,
so that nothing is overwritten. Everything is restored in one transaction, or nothing is.
Then start the server on it; everyone signs in again (sessions are not in a backup).

Exit code: 0 restored, 1 nothing restored (the message says why).`;

process.exitCode = await runBackupCommand({
  name: 'restore',
  help,
  readsFile: true,
  async run(database, path, databaseLabel) {
    const report = await restoreBackup(database, path);
    return {
      summary: `restored ${path} (made ${report.header.createdAt} from the ${report.header.databaseKind} database) into ${databaseLabel}: ${report.rows} row(s) in ${report.tables.length} table(s)`,
      tables: report.tables,
    };
  },
});
