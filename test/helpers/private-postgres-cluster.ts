import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { isProcessRunning } from '../../server/db/is-process-running.ts';

const run = promisify(execFile);
const binaries = process.env.POSTGRES_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
const clusterPrefix = 'lifecircle-pgcluster-';
/** Who runs PostgreSQL when the tests run as root (initdb and postgres refuse root). */
const clusterUser = 'postgres';

export interface PrivateCluster {
  /** postgres://… of the database `lifecircle` (with PostGIS) on this cluster. */
  databaseUrl: string;
  port: number;
  /** `pg_ctl stop` in the mode asked: fast (sessions ended, 57P01) or immediate (as a crash). */
  stop: (mode: 'fast' | 'immediate') => Promise<void>;
  start: () => Promise<void>;
  /** Stops the cluster if it runs and deletes its files. */
  destroy: () => Promise<void>;
}

/**
 * Why a private cluster cannot be made here, or null when it can: the PostgreSQL binaries, the
 * PostGIS extension files, and (when we are root) the `postgres` user must exist.
 */
export async function findPrivateClusterProblem(): Promise<string | null> {
  for (const binary of ['initdb', 'pg_ctl', 'postgres', 'pg_config']) {
    if (!existsSync(join(binaries, binary))) return `${join(binaries, binary)} is missing (install postgresql-15)`;
  }
  const { stdout } = await run(join(binaries, 'pg_config'), ['--sharedir']);
  if (!existsSync(join(stdout.trim(), 'extension', 'postgis.control'))) return 'PostGIS is not installed for PostgreSQL 15 (install postgresql-15-postgis-3)';
  if (isRoot()) {
    try {
      await run('id', ['-u', clusterUser]);
    } catch {
      return `running as root, and there is no "${clusterUser}" user to run PostgreSQL as`;
    }
  }
  return null;
}

/**
 * A PostgreSQL cluster of its own for a test that stops and starts it: the machine's shared
 * cluster is never touched. initdb into a temporary directory, listening on a free port on
 * 127.0.0.1 only, with trust authentication (nobody else can reach it), a database `lifecircle`
 * with PostGIS. Clusters left by test processes that are gone are stopped and removed first.
 */
export async function startPrivateCluster(): Promise<PrivateCluster> {
  await removeAbandonedClusters();
  const directory = mkdtempSync(join(tmpdir(), clusterPrefix));
  writeFileSync(join(directory, 'owner.pid'), String(process.pid));
  const dataDirectory = join(directory, 'data');
  const logFile = join(directory, 'postgres.log');
  if (isRoot()) {
    const { stdout } = await run('id', ['-u', clusterUser]);
    const { stdout: group } = await run('id', ['-g', clusterUser]);
    chownSync(directory, Number(stdout.trim()), Number(group.trim()));
  }
  const port = await findFreePort();
  await runAsClusterUser('initdb', ['-D', dataDirectory, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${directory} -c max_connections=40`;
  const start = async () => {
    await runAsClusterUser('pg_ctl', ['-D', dataDirectory, '-l', logFile, '-o', options, '-w', '-t', '120', 'start']);
  };
  const stop = async (mode: 'fast' | 'immediate') => {
    await runAsClusterUser('pg_ctl', ['-D', dataDirectory, '-m', mode, '-w', '-t', '120', 'stop']);
  };
  const destroy = async () => {
    if (existsSync(join(dataDirectory, 'postmaster.pid'))) await stop('immediate').catch(() => {});
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    await start();
    const server = `postgres://postgres@127.0.0.1:${port}`;
    const admin = new pg.Client({ connectionString: `${server}/postgres` });
    await admin.connect();
    await admin.query('create database lifecircle').finally(() => admin.end());
    const database = new pg.Client({ connectionString: `${server}/lifecircle` });
    await database.connect();
    await database.query('create extension postgis').finally(() => database.end());
    return { databaseUrl: `${server}/lifecircle`, port, stop, start, destroy };
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    await destroy();
    throw new Error(`the private PostgreSQL cluster did not start: ${(error as Error).message}\n${log}`);
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

async function runAsClusterUser(binary: string, parameters: string[]) {
  const command = join(binaries, binary);
  // cwd: a directory the cluster user may enter (not root's working directory).
  const options = { cwd: tmpdir(), timeout: 180_000 };
  return isRoot() ? run('runuser', ['-u', clusterUser, '--', command, ...parameters], options) : run(command, parameters, options);
}

function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** A test process killed before its afterAll leaves its cluster running: stop it and free the disk. */
async function removeAbandonedClusters() {
  for (const name of readdirSync(tmpdir()).filter((entry) => entry.startsWith(clusterPrefix))) {
    const directory = join(tmpdir(), name);
    const owner = Number(existsSync(join(directory, 'owner.pid')) ? readFileSync(join(directory, 'owner.pid'), 'utf8') : NaN);
    // No owner yet: another run is creating it right now.
    if (!Number.isInteger(owner) || owner <= 0 || isProcessRunning(owner)) continue;
    if (existsSync(join(directory, 'data', 'postmaster.pid'))) {
      await runAsClusterUser('pg_ctl', ['-D', join(directory, 'data'), '-m', 'immediate', '-w', 'stop']).catch(() => {});
    }
    rmSync(directory, { recursive: true, force: true });
  }
}
