/**
 * `npm run bench:load [-- embedded|postgres]`: the API under load (issue 12). autocannon on
 * 127.0.0.1, 64 connections for 30 s on each of an items page, the cached coverage, isochrones
 * and one project, on both databases; and the items page's own SQL straight to the database
 * (pgbench on PostgreSQL, a loop over PGlite for the embedded one), so the API's overhead is a
 * ratio. Each figure is printed beside its target. Nothing here is a pass/fail test.
 * BENCH_LOAD_SECONDS shortens the runs for a quick look.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import type { Queryable } from '../../server/db/database.ts';
import { openEmbeddedDatabase } from '../../server/db/embedded.ts';
import { readItemsPage } from '../../server/queries/features.ts';
import { createFreshDatabase } from '../helpers/fresh-database.ts';
import { startServerProcess } from '../helpers/server-process.ts';

const run = promisify(execFile);
const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
const connections = 64;
/** The API's pool has 10 connections: pgbench gets as many, so both have the same parallelism. */
const pgbenchClients = 10;
const pgbench = process.env.PGBENCH ?? '/usr/lib/postgresql/15/bin/pgbench';
const itemsPage = { collectionId: 'buildings', limit: 100, offset: 100 };

const routes = [
  { name: `items page (${itemsPage.collectionId}, ${itemsPage.limit} features)`, path: `/api/collections/${itemsPage.collectionId}/items?limit=${itemsPage.limit}&offset=${itemsPage.offset}` },
  { name: 'coverage (cached answer)', path: '/api/coverage' },
  { name: 'isochrones of a type (5/10/15 min)', path: '/api/isochrones?type=community_health_center&minutes=5,10,15' },
  { name: 'one project', path: '/api/collections/projects/items/P06-01' },
];

interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Requests without an answer: timeouts (autocannon gives up after 10 s) and socket errors. */
  errors: number;
  /** What the errors were, e.g. "timeout ×12, ECONNRESET ×3". */
  errorKinds: string;
  non2xx: number;
}

/** autocannon against one path; browsers ask for gzip, so the bench does too. */
async function load(url: string): Promise<LoadResult> {
  const kinds = new Map<string, number>();
  const result = await new Promise<autocannon.Result>((resolveResult, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, headers: { 'accept-encoding': 'gzip' } }, (error, finished) => (error ? reject(error) : resolveResult(finished)));
    instance.on('reqError', (error: NodeJS.ErrnoException) => {
      const kind = error.code ?? error.message;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    });
  });
  return {
    requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99,
    errors: result.errors, errorKinds: [...kinds].map(([kind, count]) => `${kind} ×${count}`).join(', '), non2xx: result.non2xx,
  };
}

/**
 * The SQL the items route sends for the page, with its parameters, recorded from the query
 * functions themselves: the raw figure is for exactly the API's statements.
 */
async function recordItemsStatements(): Promise<{ sql: string; parameters: unknown[] }[]> {
  const statements: { sql: string; parameters: unknown[] }[] = [];
  const recorder: Queryable = {
    async query<Row>(sql: string, parameters: unknown[] = []) {
      statements.push({ sql, parameters });
      return [{ found: true, numberMatched: 0, numberReturned: 0, featuresJson: '' }] as Row[];
    },
  };
  await readItemsPage(recorder, itemsPage.collectionId, { limit: itemsPage.limit, offset: itemsPage.offset });
  return statements;
}

/** A statement with its parameters written in as literals, for pgbench's script (it has no $n). */
function inlineParameters({ sql, parameters }: { sql: string; parameters: unknown[] }): string {
  return sql.replace(/\$(\d+)/g, (_, index) => {
    const value = parameters[Number(index) - 1];
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'number') return String(value);
    return `'${String(value).replaceAll("'", "''")}'`;
  }).replace(/\s+/g, ' ');
}

/** pgbench with the items page's statements as one transaction: pages per second. */
async function measurePgbench(databaseUrl: string): Promise<{ pagesPerSecond: number; averageMilliseconds: number }> {
  const directory = mkdtempSync(join(tmpdir(), 'lifecircle-pgbench-'));
  try {
    const script = join(directory, 'items-page.sql');
    writeFileSync(script, `${(await recordItemsStatements()).map((statement) => `${inlineParameters(statement)};`).join('\n')}\n`);
    const { stdout } = await run(pgbench, ['-n', '-M', 'extended', '-f', script, '-c', String(pgbenchClients), '-j', '2', '-T', String(seconds), databaseUrl], { timeout: (seconds + 120) * 1000 });
    const pagesPerSecond = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
    const averageMilliseconds = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
    return { pagesPerSecond, averageMilliseconds };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The same statements over PGlite in this process, one after another (it has one session). */
async function measurePglite(dataDirectory: string): Promise<{ pagesPerSecond: number; averageMilliseconds?: number }> {
  const database = await openEmbeddedDatabase(dataDirectory);
  try {
    let pages = 0;
    const until = performance.now() + seconds * 1000;
    while (performance.now() < until) {
      await readItemsPage(database, itemsPage.collectionId, { limit: itemsPage.limit, offset: itemsPage.offset });
      pages++;
    }
    return { pagesPerSecond: pages / seconds };
  } finally {
    await database.close();
  }
}

function printResult(route: string, result: LoadResult) {
  const errors = result.errors > 0 ? ` (${result.errorKinds})` : '';
  console.log(`${route.padEnd(42)} ${result.requestsPerSecond.toFixed(1).padStart(8)} req/s  p50 ${String(result.p50).padStart(5)} ms  p99 ${String(result.p99).padStart(5)} ms  errors ${result.errors}${errors}  non-2xx ${result.non2xx}`);
}

/** Higher is better: ratio = measured ÷ target, 1.00 or more meets it. */
function printAtLeast(figure: string, measured: number, unit: string, target: number) {
  console.log(`  ${figure.padEnd(56)} ${measured.toFixed(1).padStart(8)} ${unit.padEnd(5)} target ≥ ${target.toFixed(1).padStart(7)} ${unit.padEnd(5)} ratio ${(measured / target).toFixed(2)} (≥ 1.00 meets it)`);
}

/** Lower is better: ratio = measured ÷ target, 1.00 or less meets it. */
function printAtMost(figure: string, measured: number, unit: string, target: number) {
  console.log(`  ${figure.padEnd(56)} ${measured.toFixed(1).padStart(8)} ${unit.padEnd(5)} target ≤ ${target.toFixed(1).padStart(7)} ${unit.padEnd(5)} ratio ${(measured / target).toFixed(2)} (≤ 1.00 meets it)`);
}

async function benchDatabase(kind: 'embedded' | 'postgres') {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'lifecircle-bench-load-'));
  let databaseUrl: string | undefined;
  try {
    if (kind === 'postgres') databaseUrl = await createFreshDatabase(process.env.DATABASE_URL!, 'bench_load');
    const environment = kind === 'postgres' ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '', DATA_DIR: dataDirectory };
    const server = await startServerProcess({ ...environment, CLIENT_DIR: '/nonexistent' }, 10 * 60_000);
    const results = new Map<string, LoadResult>();
    try {
      console.log(`\n== ${kind === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'}: ${connections} connections, ${seconds} s each, autocannon on 127.0.0.1`);
      for (const route of routes) {
        // One request first: the coverage and the walking graph are built, and cached, by it.
        const warm = await fetch(`${server.url}${route.path}`);
        if (!warm.ok) throw new Error(`${route.path} answered ${warm.status}: ${await warm.text()}`);
        await warm.arrayBuffer();
        const result = await load(`${server.url}${route.path}`);
        results.set(route.path, result);
        printResult(route.name, result);
      }
    } finally {
      await server.stop();
    }
    const raw = kind === 'postgres' ? await measurePgbench(databaseUrl!) : await measurePglite(dataDirectory);
    const rawLabel = kind === 'postgres' ? `pgbench, ${pgbenchClients} clients` : 'PGlite, one session';
    console.log(`${`items page's own SQL (${rawLabel})`.padEnd(42)} ${raw.pagesPerSecond.toFixed(1).padStart(8)} pages/s`);
    if (kind === 'postgres') console.log(`    pgbench: ${pgbenchClients} clients as the API's pool has connections, -M extended as pg sends; average ${raw.averageMilliseconds} ms a page`);

    const items = results.get(routes[0].path)!;
    const coverage = results.get(routes[1].path)!;
    const errors = [...results.values()].reduce((sum, result) => sum + result.errors + result.non2xx, 0);
    console.log('  targets (issue 12):');
    console.log(`  ${'errors and non-2xx answers, all routes'.padEnd(56)} ${String(errors).padStart(8)}       target    0       ${errors === 0 ? 'met' : 'NOT met'}`);
    printAtLeast('cached coverage throughput', coverage.requestsPerSecond, 'req/s', 1000);
    printAtMost('cached coverage p99 latency', coverage.p99, 'ms', 100);
    printAtLeast('items page throughput vs 0.5 × raw SQL', items.requestsPerSecond, 'req/s', 0.5 * raw.pagesPerSecond);
  } finally {
    rmSync(dataDirectory, { recursive: true, force: true });
    if (databaseUrl) await dropDatabase(databaseUrl);
  }
}

async function dropDatabase(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = new URL(process.env.DATABASE_URL!).pathname;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`drop database if exists "${name.replaceAll('"', '""')}" with (force)`).finally(() => admin.end());
}

const wanted = process.argv.slice(2);
console.log('lifecircle load bench: measured beside target (issue 12). The machine is shared: compare ratios within one run.');
if (wanted.length === 0 || wanted.includes('embedded')) await benchDatabase('embedded');
if (wanted.length === 0 || wanted.includes('postgres')) {
  if (process.env.DATABASE_URL) await benchDatabase('postgres');
  else console.log('\n== PostgreSQL: SKIPPED, DATABASE_URL is not set');
}
