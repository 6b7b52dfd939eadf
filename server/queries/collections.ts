import type { Queryable } from '../db/database.ts';

/** Named SQL for the `collection` table and the summaries of its features. */

export interface CollectionRow {
  id: string;
  title: string;
  titleEn: string;
  description: string;
  /** Credit the collection's data asks for (ODbL: "© OpenStreetMap contributors"), or null. */
  attribution: string | null;
  attributionUrl: string | null;
  featureCount: number;
  /** [west, south, east, north], or null when the collection is empty. */
  bbox: [number, number, number, number] | null;
}

const selectCollections = `
  select c.id, c.title, c.title_en as "titleEn", c.description, c.attribution, c.attribution_url as "attributionUrl",
         (select count(*)::int from feature f where f.collection_id = c.id) as "featureCount",
         (select array[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)]
            from (select ST_Extent(f.geometry) as e from feature f where f.collection_id = c.id) extent
           where e is not null) as bbox
    from collection c`;

export async function listCollections(database: Queryable): Promise<CollectionRow[]> {
  return database.query<CollectionRow>(`${selectCollections} order by c.sort_order, c.id`);
}

export async function findCollection(database: Queryable, id: string): Promise<CollectionRow | undefined> {
  const [row] = await database.query<CollectionRow>(`${selectCollections} where c.id = $1`, [id]);
  return row;
}

export interface CollectionSeed {
  id: string;
  title: string;
  titleEn: string;
  description: string;
  attribution: string | null;
  attributionUrl: string | null;
  sortOrder: number;
}

export async function upsertCollection(database: Queryable, collection: CollectionSeed): Promise<void> {
  await database.query(
    `insert into collection (id, title, title_en, description, attribution, attribution_url, sort_order) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (id) do update set title = excluded.title, title_en = excluded.title_en,
       description = excluded.description, attribution = excluded.attribution, attribution_url = excluded.attribution_url,
       sort_order = excluded.sort_order`,
    [collection.id, collection.title, collection.titleEn, collection.description, collection.attribution, collection.attributionUrl, collection.sortOrder],
  );
}

export async function findSeedHash(database: Queryable, id: string): Promise<string | null> {
  const [row] = await database.query<{ seed_hash: string | null }>('select seed_hash from collection where id = $1', [id]);
  return row?.seed_hash ?? null;
}

export async function recordSeedHash(database: Queryable, id: string, seedHash: string): Promise<void> {
  await database.query('update collection set seed_hash = $2 where id = $1', [id, seedHash]);
}
