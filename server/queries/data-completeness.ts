import type { SourceCountRow } from '../analysis/assess-data-completeness.ts';
import type { Queryable } from '../db/database.ts';

/** Features counted by layer, source, placeholder flag and facility type, for the data-completeness page. */
export async function countFeaturesBySource(database: Queryable): Promise<SourceCountRow[]> {
  const rows = await database.query<SourceCountRow & { count: number | string }>(
    `select collection_id as "collectionId", properties->>'source' as source,
            coalesce(properties->>'placeholder', 'false') = 'true' as placeholder,
            case when collection_id = 'facilities' then properties->>'facility_type' end as "facilityType",
            count(*)::int as count
       from feature
      where collection_id <> 'projects'
      group by 1, 2, 3, 4`,
  );
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}
