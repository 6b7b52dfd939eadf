import type { Queryable } from '../db/database.ts';

/**
 * Named SQL of backup and restore. Tables, columns and sequences are read from the catalog, so a
 * table a later migration adds is backed up without a change here. Their names reach SQL only as
 * identifiers read from the catalog and quoted; values always travel as parameters.
 */

export interface TableShape {
  name: string;
  /** Columns in table order; generated columns are left out (the database computes them). */
  columns: { name: string; isGeometry: boolean }[];
  /** Rows are written in this order, so the same data always makes the same file. */
  primaryKey: string[];
  /** Tables this one's foreign keys point at (itself left out). */
  references: string[];
}

export interface SequenceValue {
  name: string;
  /** null: the sequence was never used (the next value is its start). */
  lastValue: number | null;
}

/** `"name"` with any double quote doubled: an identifier, never a value. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Our tables in the public schema: not those of an extension (PostGIS's spatial_ref_sys). */
export async function readTableShapes(database: Queryable): Promise<TableShape[]> {
  const tables = await database.query<{ name: string; columns: { name: string; isGeometry: boolean }[]; primaryKey: string[] | null; references: string[] | null }>(
    `select c.relname as name,
            (select json_agg(json_build_object('name', a.attname, 'isGeometry', t.typname in ('geometry', 'geography')) order by a.attnum)
               from pg_attribute a join pg_type t on t.oid = a.atttypid
              where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '') as columns,
            (select array_agg(a.attname::text order by key.position)
               from pg_index i, unnest(i.indkey) with ordinality as key(attnum, position), pg_attribute a
              where i.indrelid = c.oid and i.indisprimary and a.attrelid = c.oid and a.attnum = key.attnum) as "primaryKey",
            (select array_agg(distinct referenced.relname::text)
               from pg_constraint k join pg_class referenced on referenced.oid = k.confrelid
              where k.conrelid = c.oid and k.contype = 'f' and k.confrelid <> c.oid) as "references"
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
        and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
      order by c.relname`,
  );
  return tables.map((table) => ({ name: table.name, columns: table.columns, primaryKey: table.primaryKey ?? [], references: table.references ?? [] }));
}

export async function readSequences(database: Queryable): Promise<SequenceValue[]> {
  return database.query<SequenceValue>(
    `select sequencename::text as name, last_value::float8 as "lastValue" from pg_sequences where schemaname = 'public' order by sequencename`,
  );
}

export async function readAppliedMigrations(database: Queryable): Promise<string[] | null> {
  const [found] = await database.query<{ exists: boolean }>(`select to_regclass('public.schema_migration') is not null as exists`);
  if (!found.exists) return null;
  return (await database.query<{ name: string }>('select name from schema_migration order by name')).map((row) => row.name);
}

export async function countRows(database: Queryable, table: TableShape): Promise<number> {
  const [row] = await database.query<{ count: number }>(`select count(*)::int as count from ${quoteIdentifier(table.name)}`);
  return row.count;
}

/**
 * One page of rows, each as the text of a JSON object keyed by column. Geometry goes as its hex
 * EWKB (exact, with its SRID) rather than GeoJSON; numbers and times keep every digit because the
 * text is PostgreSQL's own, never parsed by JavaScript.
 */
export async function readRowsAsJson(database: Queryable, table: TableShape, page: { limit: number; offset: number }): Promise<string[]> {
  const columns = table.columns.map((column) => (column.isGeometry ? `encode(ST_AsEWKB(t.${quoteIdentifier(column.name)}), 'hex') as ${quoteIdentifier(column.name)}` : `t.${quoteIdentifier(column.name)}`));
  const order = (table.primaryKey.length > 0 ? table.primaryKey : table.columns.slice(0, 1).map((column) => column.name)).map((name) => `t.${quoteIdentifier(name)}`);
  const rows = await database.query<{ row: string }>(
    `select to_jsonb(r)::text as row from (select ${columns.join(', ')} from ${quoteIdentifier(table.name)} t order by ${order.join(', ')} limit $1 offset $2) r`,
    [page.limit, page.offset],
  );
  return rows.map((row) => row.row);
}

/** Inserts rows given as one JSON array of objects keyed by column, identity values included. */
export async function insertRowsFromJson(database: Queryable, table: TableShape, rowsJson: string): Promise<void> {
  const columns = table.columns.map((column) => quoteIdentifier(column.name)).join(', ');
  const name = quoteIdentifier(table.name);
  await database.query(`insert into ${name} (${columns}) overriding system value select ${columns} from jsonb_populate_recordset(null::${name}, $1::jsonb)`, [rowsJson]);
}

/** Removes every row (the few that migrations insert, such as the six actions) before a restore. */
export async function deleteAllRows(database: Queryable, table: TableShape): Promise<void> {
  await database.query(`delete from ${quoteIdentifier(table.name)}`);
}

/**
 * Triggers keep revisions, audit and guards for live writes; a restore writes what they already
 * produced, so they are switched off for its transaction (the table's owner may do this; foreign
 * keys and checks still hold).
 */
export async function setUserTriggers(database: Queryable, table: TableShape, enabled: boolean): Promise<void> {
  await database.query(`alter table ${quoteIdentifier(table.name)} ${enabled ? 'enable' : 'disable'} trigger user`);
}

export async function setSequenceValue(database: Queryable, sequence: SequenceValue): Promise<void> {
  // A never-used sequence goes back to its start, so the next value is the one it would have given.
  await database.query(
    `select case when $2::bigint is null then setval($1::regclass, (select start_value from pg_sequences where schemaname = 'public' and sequencename = $3), false)
                 else setval($1::regclass, $2::bigint, true) end`,
    [`public.${quoteIdentifier(sequence.name)}`, sequence.lastValue, sequence.name],
  );
}

/** Which PostgreSQL and PostGIS wrote a backup: written in its header, for people. */
export async function readDatabaseVersions(database: Queryable): Promise<{ postgresVersion: string; postgisVersion: string }> {
  const [row] = await database.query<{ postgresVersion: string; postgisVersion: string }>(
    `select current_setting('server_version') as "postgresVersion", postgis_lib_version() as "postgisVersion"`,
  );
  return row;
}

/** The rest of the transaction reads one snapshot: a backup taken while the server writes is consistent. */
export async function readOneSnapshot(database: Queryable): Promise<void> {
  await database.query('set transaction isolation level repeatable read, read only');
}
