import pg from 'pg';
import { isProcessRunning } from '../../server/db/is-process-running.ts';

/**
 * Creates `<database>_<suffix>_pid<process id>` on the server of `databaseUrl`, with PostGIS (and
 * pgRouting where installed), so that each test run starts from nothing. The process id keeps two
 * runs on one machine (two developers, or a developer and a helper) from dropping each other's
 * databases; databases left by runs whose process is gone are dropped here. Returns its URL.
 */
export async function createFreshDatabase(databaseUrl: string, suffix: string): Promise<string> {
  const url = new URL(databaseUrl);
  const base = url.pathname.slice(1) || 'lifecircle';
  const name = `${base}_${suffix}_pid${process.pid}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${base}\\_%`]);
    for (const { datname } of rows) {
      // Only our own test databases carry the _pid<number> mark: nothing else is ever dropped.
      const owner = Number(/_pid(\d+)$/.exec(datname)?.[1]);
      if (datname !== name && Number.isInteger(owner) && owner > 0 && !isProcessRunning(owner)) await admin.query(`drop database if exists "${datname}" with (force)`);
    }
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  const fresh = new pg.Client({ connectionString: url.toString() });
  await fresh.connect();
  try {
    await fresh.query('create extension if not exists postgis');
    const { rows } = await fresh.query(`select count(*)::int as available from pg_available_extensions where name = 'pgrouting'`);
    if (rows[0].available) await fresh.query('create extension if not exists pgrouting');
  } finally {
    await fresh.end();
  }
  return url.toString();
}
