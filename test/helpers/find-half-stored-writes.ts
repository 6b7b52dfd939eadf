import type { Queryable } from '../../server/db/database.ts';
import type { AcknowledgedProjectWrite, AcknowledgedRenovationWrite } from './write-burst.ts';

/**
 * Writes stored in part, read straight from the database: a project whose audit does not hold
 * exactly the versions 1…current, an audit row of a project that is not there (and was not
 * deleted), a project without its copy in `feature` or with a stale one, a renovation record
 * whose audit does not hold exactly 1…current. Each problem in words; none means consistent.
 */
export async function findHalfStoredWrites(database: Queryable): Promise<string[]> {
  const rows = await database.query<{ problem: string }>(`
    select format('project %s is version %s but its audit has %s row(s), versions %s to %s', p.code, p.version, count(a.id), min(a.version), max(a.version)) as problem
      from project p left join project_audit a on a.project_id = p.id
     group by p.id
    having count(a.id) <> p.version or min(a.version) <> 1 or max(a.version) <> p.version
    union all
    select format('audit row %s (version %s, %s) belongs to no project', a.project_code, a.version, a.operation)
      from project_audit a
     where not exists (select 1 from project p where p.id = a.project_id)
       and not exists (select 1 from project_audit d where d.project_id = a.project_id and d.operation = 'delete')
    union all
    select format('project %s (version %s) has no copy in feature, or a copy of version %s', p.code, p.version, f.properties->>'version')
      from project p left join feature f on f.collection_id = 'projects' and f.feature_key = p.code
     where f.id is null or (f.properties->>'version')::int <> p.version
    union all
    select format('feature copy of project %s has no project', f.feature_key)
      from feature f
     where f.collection_id = 'projects' and not exists (select 1 from project p where p.code = f.feature_key)
    union all
    select format('renovation of %s is version %s but its audit has %s row(s), versions %s to %s', r.estate_key, r.version, count(a.id), min(a.version), max(a.version))
      from estate_renovation r left join estate_renovation_audit a on a.estate_key = r.estate_key
     group by r.estate_key, r.version
    having count(a.id) <> r.version or min(a.version) <> 1 or max(a.version) <> r.version`);
  return rows.map((row) => row.problem);
}

/**
 * The acknowledged writes missing from what the API answers now: every project created or edited
 * with a 2xx must be there, and its history must hold the acknowledged version as it was sent;
 * likewise each acknowledged renovation edit. Each problem in words.
 */
export async function findLostWrites(url: string, projects: AcknowledgedProjectWrite[], renovation: AcknowledgedRenovationWrite[]): Promise<string[]> {
  const problems: string[] = [];
  const histories = new Map<string, any>();
  const history = async (path: string) => {
    if (!histories.has(path)) {
      const response = await fetch(`${url}${path}`);
      histories.set(path, response.status === 200 ? await response.json() : { status: response.status, versions: [] });
    }
    return histories.get(path);
  };
  for (const write of projects) {
    const found = await history(`/api/collections/projects/items/${write.code}/history`);
    const version = found.versions.find((candidate: any) => candidate.version === write.version);
    if (!version) problems.push(`project ${write.code}: acknowledged version ${write.version} is not in its history (answer ${found.status ?? 200})`);
    else if (version.after.properties.description !== write.description || version.after.properties.progress_percent !== write.progressPercent) {
      problems.push(`project ${write.code} version ${write.version}: stored ${JSON.stringify(version.after.properties.description)}, acknowledged ${JSON.stringify(write.description)}`);
    }
  }
  for (const write of renovation) {
    const found = await history(`/api/renovation/${write.estateKey}/history`);
    const version = found.versions.find((candidate: any) => candidate.version === write.version);
    if (!version) problems.push(`renovation of ${write.estateKey}: acknowledged version ${write.version} is not in its history`);
    else if (version.after.note !== write.note) problems.push(`renovation of ${write.estateKey} version ${write.version}: stored ${JSON.stringify(version.after.note)}, acknowledged ${JSON.stringify(write.note)}`);
  }
  return problems;
}
