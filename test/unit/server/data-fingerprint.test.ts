import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/db/database.ts';
import { openEmbeddedDatabase } from '../../../server/db/embedded.ts';
import { createDataFingerprint } from '../../../server/services/data-fingerprint.ts';

// A real embedded database with just the two tables the fingerprint reads.
describe('the data fingerprint on the embedded database', () => {
  let directory: string;
  let database: Database;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'lifecircle-fingerprint-'));
    database = await openEmbeddedDatabase(directory);
    await database.executeScript(`
      create table collection (id text primary key, revision bigint not null default 0);
      create table analysis_revision (name text primary key, revision bigint not null default 0);
      insert into collection values ('facilities', 3), ('neighbourhoods', 1);
      insert into analysis_revision values ('facility_standard', 0);`);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('reads the counters once while nothing else runs, and again after any statement or transaction', async () => {
    const fingerprint = createDataFingerprint(database);
    const first = await fingerprint();
    expect(first).toMatch(/^facilities:3,neighbourhoods:1\|facility_standard:0\|\d{4}-\d{2}-\d{2}$/);
    const count = database.statementsStartedOrEnded!();
    expect(await fingerprint()).toBe(first);
    expect(database.statementsStartedOrEnded!()).toBe(count);

    await database.query(`update collection set revision = revision + 1 where id = 'facilities'`);
    expect(await fingerprint()).toMatch(/^facilities:4,/);
    await database.transaction(async (transaction) => {
      await transaction.query(`update analysis_revision set revision = 7`);
    });
    expect(await fingerprint()).toMatch(/\|facility_standard:7\|/);
  });

  it('sees a write that ran beside its read on the next call', async () => {
    const fingerprint = createDataFingerprint(database);
    await fingerprint();
    await database.query('select 1');
    // A write sent while the counters are being read runs after them: the read missed it.
    const [, write] = await Promise.all([
      fingerprint(),
      database.query(`update collection set revision = 10 where id = 'neighbourhoods'`),
    ]);
    expect(write).toEqual([]);
    expect(await fingerprint()).toMatch(/neighbourhoods:10\|/);
  });
});
