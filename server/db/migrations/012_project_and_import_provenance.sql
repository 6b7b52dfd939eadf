-- Provenance for projects and imports (issue 10, item 9). A project says where it came from like
-- every other feature. Its `source` and its note (`source_detail`, `source_detail_zh`) are written
-- once, when it is created: the plan's text and item for the seeded ones (and whether the plan
-- named its place), or the editor who drew it and the day. They describe its origin, so they stay
-- true whatever is edited later; `confidence` follows what is still assumed. An import records how
-- it came (command line, admin token, or a signed-in editor, named).

alter table project add column source text not null default 'editor' check (source in ('plan-text', 'editor'));
alter table project add column created_by text;
alter table project add column source_detail text;
alter table project add column source_detail_zh text;

-- A project's origin in English and Chinese: the one wording, for new projects and the ones before this.
create function project_origin_note(source text, item integer, plan_names_place boolean, created_by text, created_on date) returns jsonb language sql immutable as $$
  select case source
    when 'plan-text' then jsonb_build_object(
      'en', format('The action plan 2022–2025 (浦潍委〔2023〕5号), item %s: title and description from its text; %s',
        item, case when plan_names_place then 'its first outline was taken from the places it names' else 'the plan names no place, so its first outline only illustrated' end),
      'zh', format('《潍坊新村街道整体提升打造精品城区专项行动计划（2022-2025）》（浦潍委〔2023〕5号）第 %s 项原文；%s',
        item, case when plan_names_place then '初始范围取自计划点名的地点' else '计划未点名具体地点，初始范围仅为示意' end))
    else jsonb_build_object(
      'en', format('Drawn in the dashboard by %s on %s', coalesce(created_by, 'an editor'), to_char(created_on, 'YYYY-MM-DD')),
      'zh', format('由 %s 于 %s 在本平台绘制录入', coalesce(created_by, '编辑人员'), to_char(created_on, 'YYYY-MM-DD')))
  end
$$;

-- Written once, as the project is created: a later edit never rewrites where it came from.
create function write_project_origin_note() returns trigger language plpgsql as $$
declare
  note jsonb := project_origin_note(new.source, new.item, not ('geometry' = any (new.assumptions)), new.created_by,
                                    ((new.created_at at time zone 'UTC') + interval '8 hours')::date);
begin
  new.source_detail := note->>'en';
  new.source_detail_zh := note->>'zh';
  return new;
end $$;

create trigger project_origin_noted before insert on project
  for each row execute function write_project_origin_note();

-- The projects before this: their origin from the first version of their history (its operation,
-- author, and whether the outline was assumed then; a later edit may have changed that since).
update project p
   set source = origin.source, created_by = origin.actor, source_detail = origin.note->>'en', source_detail_zh = origin.note->>'zh'
  from (select first.project_id, first.source, first.actor,
               project_origin_note(first.source, coalesce((first.after->'properties'->>'item')::integer, p2.item),
                                   not coalesce((first.after->'properties'->'assumptions') ? 'geometry', 'geometry' = any (p2.assumptions)), first.actor,
                                   ((p2.created_at at time zone 'UTC') + interval '8 hours')::date) as note
          from (select distinct on (a.project_id) a.project_id, a.actor, a.after,
                       case a.operation when 'seed' then 'plan-text' else 'editor' end as source
                  from project_audit a order by a.project_id, a.version) first
          join project p2 on p2.id = first.project_id) origin
 where origin.project_id = p.id;
-- Every project has an audit record of its creation; one that had none still gets the wording.
update project p
   set source_detail = note->>'en', source_detail_zh = note->>'zh'
  from (select id, project_origin_note(source, item, not ('geometry' = any (assumptions)), created_by,
                                       ((created_at at time zone 'UTC') + interval '8 hours')::date) as note
          from project where source_detail is null) noted
 where noted.id = p.id;
alter table project alter column source_detail set not null;
alter table project alter column source_detail_zh set not null;

-- How an import came. `api` stays for the imports before this: whether a person or a script sent
-- them was not recorded, and is not guessed.
alter table feature_import drop constraint feature_import_imported_by_check;
alter table feature_import add constraint feature_import_imported_by_check check (imported_by in ('cli', 'api', 'token', 'session'));
alter table feature_import add column imported_by_user text;
alter table feature_import add constraint feature_import_user_named_check check ((imported_by = 'session') = (imported_by_user is not null));

-- Where a project came from and how sure it is, as its Feature says: the note written when it was
-- created, and a confidence that follows what is still assumed. Takes the row, which its callers have.
create function project_provenance(p project) returns jsonb language sql stable as $$
  select jsonb_build_object(
    'source', p.source,
    'source_detail', p.source_detail,
    'source_detail_zh', p.source_detail_zh,
    -- An outline the plan does not give is the least sure; any other assumed field makes it medium.
    'confidence', case when 'geometry' = any (p.assumptions) then 'low' when cardinality(p.assumptions) > 0 then 'medium' else 'high' end)
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
      'updated_at', to_char(p.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) || project_provenance(p))
    from project p join project_action a on a.key = p.action
   where p.id = project_row_id
$$;

-- The projects' copy in `feature` carries the new members too.
select set_config('lifecircle.writing_projects', 'on', true);
update feature f set properties = project_as_feature(p.id)->'properties'
  from project p where f.collection_id = 'projects' and f.feature_key = p.code;
