import pg from 'pg';

/**
 * Drops and recreates `<database>_<suffix>` on the server of `databaseUrl`, with PostGIS (and
 * pgRouting where installed), so that each test run starts from nothing. Returns its URL.
 */
export async function createFreshDatabase(databaseUrl: string, suffix: string): Promise<string> {
  const url = new URL(databaseUrl);
  const name = `${url.pathname.slice(1) || 'lifecircle'}_${suffix}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
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
