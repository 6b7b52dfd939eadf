-- The project registry of the action plan (issue 5): projects with their own table, links to the
-- features they change, an audit record per write, and a read-only copy of every project in the
-- generic `feature` table (collection 'projects') so that /collections, the items listing, bbox
-- queries and OGC clients see projects like any other dataset. Only the project writes of
-- server/queries/projects.ts refresh that copy (guarded below).

create table project_action (
  key        text primary key,
  name_zh    text not null,
  name_en    text not null,
  first_item integer not null,
  last_item  integer not null,
  sort_order integer not null
);

insert into project_action (key, name_zh, name_en, first_item, last_item, sort_order) values
  ('party_building', '党建引领', 'Party-building leads', 1, 5, 1),
  ('built_form', '形态改善', 'Better built form', 6, 8, 2),
  ('functions', '功能提升', 'Better functions', 9, 10, 3),
  ('governance', '治理增能', 'Smarter governance', 11, 12, 4),
  ('safety', '平安底线', 'Safety', 13, 14, 5),
  ('culture', '文化润心', 'Culture', 15, 16, 6);

create table project (
  id                       bigint generated always as identity primary key,
  code                     text not null unique check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
  title_zh                 text not null check (length(title_zh) between 1 and 200),
  action                   text not null references project_action (key),
  item                     integer not null check (item between 1 and 16),
  lead_unit                text not null check (length(lead_unit) between 1 and 60),
  partner_units            text[] not null default '{}',
  status                   text not null check (status in ('planned', 'in_progress', 'completed', 'on_hold')),
  start_date               date not null,
  end_date                 date not null,
  progress_percent         double precision not null check (progress_percent between 0 and 100),
  budget_ten_thousand_yuan double precision check (budget_ten_thousand_yuan >= 0),
  description              text not null default '' check (length(description) <= 5000),
  geometry                 geometry(Geometry, 4326) not null
                             check (ST_IsValid(geometry) and GeometryType(geometry) in
                               ('POLYGON', 'MULTIPOLYGON', 'LINESTRING', 'MULTILINESTRING', 'POINT', 'MULTIPOINT')),
  -- Which fields are assumed by us, not given by the plan (e.g. start_date, status, budget).
  assumptions              text[] not null default '{}',
  version                  integer not null default 1 check (version >= 1),
  created_at               timestamptz not null default now(),
  updated_at               timestamptz not null default now(),
  check (start_date <= end_date)
);

create index project_geometry_index on project using gist (geometry);

-- The item belongs to the action: items 1–5 are 党建引领, 6–8 形态改善, and so on.
create function check_project_item() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from project_action a where a.key = new.action and new.item between a.first_item and a.last_item) then
    raise exception 'item % does not belong to action %', new.item, new.action using errcode = 'check_violation';
  end if;
  return new;
end $$;

create trigger project_item_checked before insert or update on project
  for each row execute function check_project_item();

-- The features a project changes. A link to a feature that the seed step later removes goes with it.
create table project_feature_link (
  project_id    bigint not null references project (id) on delete cascade,
  collection_id text not null check (collection_id <> 'projects'),
  feature_key   text not null,
  primary key (project_id, collection_id, feature_key),
  foreign key (collection_id, feature_key) references feature (collection_id, feature_key) on update cascade on delete cascade
);

create index project_feature_link_feature_index on project_feature_link (collection_id, feature_key);

-- Every create, update, delete and restore: who, when, the version it made, before and after
-- (GeoJSON Features). No foreign key: the history outlives a deleted project.
create table project_audit (
  id           bigint generated always as identity primary key,
  project_id   bigint not null,
  project_code text not null,
  version      integer not null,
  operation    text not null check (operation in ('seed', 'create', 'update', 'delete', 'restore')),
  actor        text not null,
  recorded_at  timestamptz not null default now(),
  before       jsonb,
  after        jsonb,
  unique (project_id, version)
);

create index project_audit_code_index on project_audit (project_code);

-- A project as a GeoJSON Feature, the one definition used by the API and by the feature copy.
create function project_as_feature(project_row_id bigint) returns jsonb language sql stable as $$
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
      'version', p.version,
      'created_at', to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'updated_at', to_char(p.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
    from project p join project_action a on a.key = p.action
   where p.id = project_row_id
$$;

insert into collection (id, title, title_en, description, sort_order)
values ('projects', '行动计划项目', 'Action-plan projects',
        '《潍坊新村街道整体提升打造精品城区专项行动计划（2022-2025）》的项目：六大专项行动、十六项任务。编辑请用 POST/PUT/PATCH/DELETE（OGC API - Features Part 4）。', 100)
on conflict (id) do nothing;

-- The copy in `feature` is written only by the project writes, which say so for their transaction.
create function guard_project_features() returns trigger language plpgsql as $$
begin
  if coalesce(current_setting('lifecircle.writing_projects', true), '') <> 'on'
     and ((tg_op <> 'INSERT' and old.collection_id = 'projects') or (tg_op <> 'DELETE' and new.collection_id = 'projects')) then
    raise exception 'the projects collection is edited through /api/collections/projects/items only'
      using errcode = 'insufficient_privilege';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;

create trigger feature_projects_guarded before insert or update or delete on feature
  for each row execute function guard_project_features();
