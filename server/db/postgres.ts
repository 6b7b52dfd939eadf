import pg from 'pg';
import type { Database, Queryable } from './database.ts';

// PostgreSQL returns int8 and numeric as strings so as not to lose precision; our counts and
// measures fit a double, and both databases must answer with the same JavaScript types.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export async function openPostgresDatabase(databaseUrl: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
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
      await pool.query(sql);
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(queryWith(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
