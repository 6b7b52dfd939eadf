-- Provenance for projects and imports (issue 10, item 9). A project says where it came from like
-- every other feature: `source` is fixed when it is created (the plan's text for the seeded ones,
-- the editor for one drawn in the dashboard); `source_detail`, `source_detail_zh` and
-- `confidence` are worked out from it, the plan item and what is still assumed, so they never go
-- stale when an editor checks a field. An import names the person who brought the file in.

alter table project add column source text not null default 'editor' check (source in ('plan-text', 'editor'));
-- Who created it (the seed step for the plan's projects), from the first version of its history.
alter table project add column created_by text;
update project p set source = case first.operation when 'seed' then 'plan-text' else 'editor' end, created_by = first.actor
  from (select distinct on (a.project_id) a.project_id, a.operation, a.actor from project_audit a order by a.project_id, a.version) first
 where first.project_id = p.id;

-- The signed-in editor who imported the file; null for the command line and the admin token.
alter table feature_import add column imported_by_user text;

-- What a project rests on, in English and in Chinese: the plan item, or who drew it and when.
create function project_provenance(project_row_id bigint) returns jsonb language sql stable as $$
  select case p.source
    when 'plan-text' then jsonb_build_object(
      'source_detail', format('The action plan 2022–2025 (浦潍委〔2023〕5号), item %s: title and description from its text; %s',
        p.item, case when 'geometry' = any (p.assumptions) then 'the plan names no place, so the outline only illustrates' else 'outline taken from the places it names' end),
      'source_detail_zh', format('《潍坊新村街道整体提升打造精品城区专项行动计划（2022-2025）》（浦潍委〔2023〕5号）第 %s 项原文；%s',
        p.item, case when 'geometry' = any (p.assumptions) then '计划未点名具体地点，范围仅为示意' else '范围取自计划点名的地点' end))
    else jsonb_build_object(
      'source_detail', format('Drawn in the dashboard by %s on %s', coalesce(p.created_by, 'an editor'), to_char((p.created_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')),
      'source_detail_zh', format('由 %s 于 %s 在本平台绘制录入', coalesce(p.created_by, '编辑人员'), to_char((p.created_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')))
  end || jsonb_build_object(
    'source', p.source,
    -- An outline the plan does not give is the least sure; any other assumed field makes it medium.
    'confidence', case when 'geometry' = any (p.assumptions) then 'low' when cardinality(p.assumptions) > 0 then 'medium' else 'high' end)
  from project p where p.id = project_row_id
$$;

create or replace function project_as_feature(project_row_id bigint) returns jsonb language sql stable as $$
  select jsonb_build_object(
    'type', 'Feature',
    'id', p.code,
    'geometry', ST_AsGeoJSON(p.geometry, 7)::jsonb,
    'properties', jsonb_build_object(
      'code', p.code,
      'title_zh', p.title_zh,
      'action', p.action,
      'action_name_zh', a.name_zh,
      'item', p.item,
      'lead_unit', p.lead_unit,
      'partner_units', to_jsonb(p.partner_units),
      'status', p.status,
      'start_date', to_char(p.start_date, 'YYYY-MM-DD'),
      'end_date', to_char(p.end_date, 'YYYY-MM-DD'),
      'progress_percent', p.progress_percent,
      'budget_ten_thousand_yuan', p.budget_ten_thousand_yuan,
      'description', p.description,
      'linked_features', coalesce((
        select jsonb_agg(jsonb_build_object('collection_id', l.collection_id, 'feature_key', l.feature_key) order by l.collection_id, l.feature_key)
          from project_feature_link l where l.project_id = p.id), '[]'::jsonb),
      'assumptions', to_jsonb(p.assumptions),
      'status_reports', project_status_reports(p.id),
      'version', p.version,
      'created_at', to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'updated_at', to_char(p.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) || project_provenance(p.id))
    from project p join project_action a on a.key = p.action
   where p.id = project_row_id
$$;

-- The projects' copy in `feature` carries the new members too.
select set_config('lifecircle.writing_projects', 'on', true);
update feature f set properties = project_as_feature(p.id)->'properties'
  from project p where f.collection_id = 'projects' and f.feature_key = p.code;
