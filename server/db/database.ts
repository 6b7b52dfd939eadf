/**
 * The one door to the database. Everything that reads or writes data goes through a `Database`;
 * the two implementations (embedded PGlite, real PostgreSQL through `pg`) live beside this file
 * and nothing else imports a driver.
 */
export interface Queryable {
  /** One statement with `$1…` parameters. Never build SQL from user input: pass it as a parameter. */
  query<Row = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<Row[]>;
}

export interface Database extends Queryable {
  readonly kind: 'embedded' | 'postgres';
  /** Runs a script of several statements without parameters (migrations). */
  executeScript(sql: string): Promise<void>;
  /** Runs `work` in one transaction: all of it is committed, or none of it. */
  transaction<Result>(work: (transaction: Queryable) => Promise<Result>): Promise<Result>;
  close(): Promise<void>;
  /**
   * The embedded database only: how many statements, scripts and transactions have started or
   * ended on it. It is open in this process alone, so nothing can be written to it without this
   * number changing: what was read while it stood at n is still true while it is n. PostgreSQL
   * has other writers (the import command, psql), so it has no such number.
   */
  readonly statementsStartedOrEnded?: () => number;
}

/**
 * The database cannot be reached just now (stopped, restarting, the network): the statement did
 * not run, or its transaction was rolled back or its commit not confirmed. Nothing to fix in the
 * request: it is answered 503 with Retry-After, and the pool reconnects by itself once the
 * database is back.
 */
export class DatabaseUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`the database is unavailable: ${reason}`);
  }
}

export interface DatabaseOptions {
  /** postgres://… for a real server; without it the embedded database is used. */
  databaseUrl?: string;
  /** Where the embedded database keeps its files (ignored for a real server). */
  dataDirectory: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const { openPostgresDatabase } = await import('./postgres.ts');
    return openPostgresDatabase(options.databaseUrl);
  }
  const { openEmbeddedDatabase } = await import('./embedded.ts');
  return openEmbeddedDatabase(options.dataDirectory);
}
