import pg from 'pg';
import { DatabaseUnavailableError, type Database, type Queryable } from './database.ts';

// PostgreSQL returns int8 and numeric as strings so as not to lose precision; our counts and
// measures fit a double, and both databases must answer with the same JavaScript types.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/** Socket errors that mean the server is not there (stopped, restarting, unreachable). */
const unreachableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLSTATE of a server going away: admin_shutdown, crash_shutdown, cannot_connect_now (starting or stopping). */
const shutdownStates = new Set(['57P01', '57P02', '57P03']);
/** pg's own errors for a connection that broke or never came, which carry no code. */
const brokenConnectionMessages = [
  'Connection terminated', 'Client has encountered a connection error', 'timeout expired', 'timeout exceeded when trying to connect', 'Query read timeout',
];

/** Whether `error` says the database cannot be reached, rather than that a statement failed. */
export function isConnectionFailure(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (unreachableCodes.has(code) || shutdownStates.has(code) || code.startsWith('08'))) return true;
  return typeof message === 'string' && brokenConnectionMessages.some((known) => message.startsWith(known));
}

export async function openPostgresDatabase(databaseUrl: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    // An unreachable host must not hold a request for the operating system's minutes-long TCP
    // timeout. Also bounds the wait for a free connection: an overloaded pool answers 503 too.
    connectionTimeoutMillis: 30_000,
    // Notices a peer that vanished without closing (a host or network gone) on a connection in use.
    keepAlive: true,
  });
  const health = trackReachability();
  // An idle connection the server drops (a restart, an administrator) must not end the process:
  // the pool discards it, and the next query reports the problem to its own caller.
  pool.on('error', (error) => health.lost(error));
  // Fail at start-up, with the server's own message, rather than on the first request.
  await pool.query('select 1');

  /** Runs `attempt`, turning a lost connection into DatabaseUnavailableError (answered 503). */
  const guard = async <Result>(attempt: () => Promise<Result>): Promise<Result> => {
    try {
      const result = await attempt();
      health.reached();
      return result;
    } catch (error) {
      if (!isConnectionFailure(error)) throw error;
      health.lost(error as Error);
      throw new DatabaseUnavailableError((error as Error).message);
    }
  };

  const queryWith = (client: pg.Pool | pg.PoolClient): Queryable => ({
    query: <Row>(sql: string, parameters: unknown[] = []) => guard(async () => (await client.query(sql, parameters)).rows as Row[]),
  });

  /**
   * A connection of our own, for a transaction or a script. While we hold it the pool does not
   * listen to it, and an error it emits between two statements (the server shutting down, 57P01)
   * would end the process: so we listen until it is back in the pool.
   */
  const checkOut = async () => {
    const client = await guard(() => pool.connect());
    const onError = (error: Error) => health.lost(error);
    client.on('error', onError);
    return {
      client,
      release: (broken?: Error) => {
        client.release(broken);
        client.removeListener('error', onError);
      },
    };
  };

  return {
    kind: 'postgres',
    ...queryWith(pool),
    async executeScript(sql) {
      // One connection for the whole script, so that a failed script's transaction is rolled back
      // on the connection that opened it, not left open in the pool.
      const { client, release } = await checkOut();
      try {
        await guard(() => client.query(sql));
      } catch (error) {
        const broken = await client.query('rollback').then(() => undefined, (rollbackError: Error) => rollbackError);
        release(broken);
        throw error;
      }
      release();
    },
    async transaction(work) {
      const { client, release } = await checkOut();
      const transaction = queryWith(client);
      let result;
      try {
        await transaction.query('begin');
        result = await work(transaction);
        await transaction.query('commit');
      } catch (error) {
        // A connection that cannot even roll back is broken: release(error) discards it. One that
        // broke mid-way was rolled back by the server: nothing of the transaction is stored.
        const broken = await client.query('rollback').then(() => undefined, (rollbackError: Error) => rollbackError);
        release(broken);
        throw error;
      }
      release();
      return result;
    },
    close: () => pool.end(),
  };
}

/** Says once when the database is lost and once when it is back, not once per failed request. */
function trackReachability() {
  let lostAt: number | null = null;
  return {
    lost(error: Error) {
      if (lostAt !== null) return;
      lostAt = Date.now();
      console.error(`database unavailable (${error.message}): answering 503 until it is back`);
    },
    reached() {
      if (lostAt === null) return;
      console.error(`database reachable again after ${((Date.now() - lostAt) / 1000).toFixed(1)} s`);
      lostAt = null;
    },
  };
}
