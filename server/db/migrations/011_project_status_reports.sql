-- The project schedule as dated reports (issue 10, item 4): each time a person records how a
-- project stands (its status, progress, dates and lead unit), on the date it stood so, a row is
-- kept here. "As of 2023" is then read from what was recorded by then; only before a project's
-- first report is its state inferred from its dates. A report may be dated in the past (the
-- office filling in last year's schedule); the project's own columns hold its latest report.

create table project_status_report (
  id               bigint generated always as identity primary key,
  project_id       bigint not null references project (id) on delete cascade,
  -- The day the project stood so (填报日期), not the day it was typed in (recorded_at).
  reported_on      date not null,
  status           text not null check (status in ('planned', 'in_progress', 'completed', 'on_hold')),
  progress_percent double precision not null check (progress_percent between 0 and 100),
  start_date       date not null,
  end_date         date not null check (start_date <= end_date),
  lead_unit        text not null check (length(lead_unit) between 1 and 60),
  -- Where the report came from: the project editor, or a schedule workbook.
  source           text not null check (source in ('editor', 'schedule-import')),
  actor            text not null,
  -- Which of its figures were still assumptions (a status nobody checked stays 待核实 on the report's days).
  assumptions      text[] not null default '{}',
  -- The project version the write that recorded it made.
  version          integer not null,
  recorded_at      timestamptz not null default now()
);

create index project_status_report_project_index on project_status_report (project_id, reported_on);

-- A project's reports as JSON, oldest first: in its Feature, and read alone by the leaders' summary
-- (which would otherwise build every project's whole Feature, geometry included, on each date).
create function project_status_reports(project_row_id bigint) returns jsonb language sql stable as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'reported_on', to_char(r.reported_on, 'YYYY-MM-DD'), 'status', r.status, 'progress_percent', r.progress_percent,
           'start_date', to_char(r.start_date, 'YYYY-MM-DD'), 'end_date', to_char(r.end_date, 'YYYY-MM-DD'),
           'lead_unit', r.lead_unit, 'source', r.source, 'assumptions', to_jsonb(r.assumptions)) order by r.reported_on, r.id), '[]'::jsonb)
    from project_status_report r where r.project_id = project_row_id
$$;

-- A project as a GeoJSON Feature now carries its reports, oldest first.
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
      'updated_at', to_char(p.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
    from project p join project_action a on a.key = p.action
   where p.id = project_row_id
$$;

-- A project an editor changed before this migration stood so on the day of its last edit (in
-- Shanghai): that is its first report, so a schedule row dated earlier is history, not a newer state.
insert into project_status_report (project_id, reported_on, status, progress_percent, start_date, end_date, lead_unit, source, actor, assumptions, version)
select p.id, ((last_edit.recorded_at at time zone 'UTC') + interval '8 hours')::date, p.status, p.progress_percent, p.start_date, p.end_date,
       p.lead_unit, 'editor', last_edit.actor, p.assumptions, p.version
  from project p
  join lateral (select a.recorded_at, a.actor from project_audit a
                 where a.project_id = p.id and a.operation <> 'seed' order by a.version desc limit 1) last_edit on true;

-- The projects' copy in `feature` carries the new member too.
select set_config('lifecircle.writing_projects', 'on', true);
update feature f set properties = project_as_feature(p.id)->'properties'
  from project p where f.collection_id = 'projects' and f.feature_key = p.code;
