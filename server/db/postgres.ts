import pg from 'pg';
import type { Database, Queryable } from './database.ts';

// PostgreSQL returns int8 and numeric as strings so as not to lose precision; our counts and
// measures fit a double, and both databases must answer with the same JavaScript types.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export async function openPostgresDatabase(databaseUrl: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // An idle connection the server drops (a restart, an administrator) must not end the process:
  // the pool replaces it, and the next query reports the problem to its own caller.
  pool.on('error', (error) => console.error(`database connection lost: ${error.message}`));
  // Fail at start-up, with the server's own message, rather than on the first request.
  await pool.query('select 1');

  const queryWith = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row>(sql: string, parameters: unknown[] = []) {
      const result = await client.query(sql, parameters);
      return result.rows as Row[];
    },
  });

  return {
    kind: 'postgres',
    ...queryWith(pool),
    async executeScript(sql) {
      // One connection for the whole script, so that a failed script's transaction is rolled back
      // on the connection that opened it, not left open in the pool.
      const client = await pool.connect();
      try {
        await client.query(sql);
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async transaction(work) {
      const client = await pool.connect();
      let result;
      try {
        await client.query('begin');
        result = await work(queryWith(client));
        await client.query('commit');
      } catch (error) {
        // A connection that cannot even roll back is broken: release(error) discards it.
        const broken = await client.query('rollback').then(() => undefined, (rollbackError: Error) => rollbackError);
        client.release(broken);
        throw error;
      }
      client.release();
      return result;
    },
    close: () => pool.end(),
  };
}
