-- The leaders' view (issue 6): a renovation record per estate (综合整新, 旧住房成套改造, 雨污分流,
-- 加装电梯) with its audit, and the opening knowledge of facilities (a date, or the plan project
-- that adds the facility). Both are keyed by the feature they describe and go with it.

create table estate_renovation (
  collection_id                 text not null default 'neighbourhoods' check (collection_id = 'neighbourhoods'),
  estate_key                    text not null,
  comprehensive_status          text not null check (comprehensive_status in ('done', 'in_progress', 'planned', 'not_planned')),
  comprehensive_start_year      integer check (comprehensive_start_year between 2000 and 2100),
  comprehensive_year            integer check (comprehensive_year between 2000 and 2100),
  comprehensive_projects        text[] not null default '{}',
  flat_retrofit_status          text not null check (flat_retrofit_status in ('done', 'in_progress', 'planned', 'not_planned')),
  flat_retrofit_start_year      integer check (flat_retrofit_start_year between 2000 and 2100),
  flat_retrofit_year            integer check (flat_retrofit_year between 2000 and 2100),
  flat_retrofit_projects        text[] not null default '{}',
  sewer_separation_status       text not null check (sewer_separation_status in ('done', 'in_progress', 'planned', 'not_planned')),
  sewer_separation_start_year   integer check (sewer_separation_start_year between 2000 and 2100),
  sewer_separation_year         integer check (sewer_separation_year between 2000 and 2100),
  sewer_separation_projects     text[] not null default '{}',
  lifts_installed               integer check (lifts_installed between 0 and 500),
  lifts_planned                 integer check (lifts_planned between 0 and 500),
  lifts_projects                text[] not null default '{}',
  source                        text not null check (source in ('survey', 'official', 'plan', 'assumed')),
  confidence                    text not null check (confidence in ('high', 'medium', 'low')),
  -- Which fields are assumed, e.g. comprehensiveRenovation.year.
  assumptions                   text[] not null default '{}',
  note                          text not null default '' check (length(note) <= 2000),
  version                       integer not null default 1 check (version >= 1),
  created_at                    timestamptz not null default now(),
  updated_at                    timestamptz not null default now(),
  primary key (collection_id, estate_key),
  foreign key (collection_id, estate_key) references feature (collection_id, feature_key) on update cascade on delete cascade,
  -- Works cannot finish before they start; done has a year; not planned has none.
  check (comprehensive_start_year <= comprehensive_year),
  check (flat_retrofit_start_year <= flat_retrofit_year),
  check (sewer_separation_start_year <= sewer_separation_year),
  check (comprehensive_status <> 'done' or comprehensive_year is not null),
  check (flat_retrofit_status <> 'done' or flat_retrofit_year is not null),
  check (sewer_separation_status <> 'done' or sewer_separation_year is not null),
  check (comprehensive_status <> 'not_planned' or (comprehensive_year is null and comprehensive_start_year is null)),
  check (flat_retrofit_status <> 'not_planned' or (flat_retrofit_year is null and flat_retrofit_start_year is null)),
  check (sewer_separation_status <> 'not_planned' or (sewer_separation_year is null and sewer_separation_start_year is null))
);

-- Every seed and edit: who, when, the version it made, before and after (the record as the API
-- shows it). No foreign key: the history outlives a removed estate.
create table estate_renovation_audit (
  id           bigint generated always as identity primary key,
  estate_key   text not null,
  version      integer not null,
  operation    text not null check (operation in ('seed', 'update')),
  actor        text not null,
  recorded_at  timestamptz not null default now(),
  before       jsonb,
  after        jsonb not null,
  unique (estate_key, version)
);

-- When a facility opened, or the plan project whose completion opens it. A facility without a
-- row existed before 2022 (an assumption the answers state).
create table facility_opening (
  collection_id text not null default 'facilities' check (collection_id = 'facilities'),
  facility_key  text not null,
  opened_date   date check (opened_date between date '2000-01-01' and date '2100-12-31'),
  project_code  text,
  source        text not null check (source in ('survey', 'official', 'plan', 'assumed')),
  confidence    text not null check (confidence in ('high', 'medium', 'low')),
  note          text not null default '',
  primary key (collection_id, facility_key),
  foreign key (collection_id, facility_key) references feature (collection_id, feature_key) on update cascade on delete cascade,
  check (opened_date is not null or project_code is not null)
);
