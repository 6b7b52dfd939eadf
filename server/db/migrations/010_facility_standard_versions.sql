-- The life-circle standards take If-Match like projects and renovation records: each standard
-- has a version, and every planner's edit (a distance set, or an edit undone) is an audit row
-- (who, when, before, after) written in the edit's own transaction.

alter table facility_standard add column version integer not null default 1;

create table facility_standard_audit (
  id             bigint generated always as identity primary key,
  facility_type  text not null,
  version        integer not null,
  operation      text not null check (operation in ('set-distance', 'undo-edit')),
  actor          text not null,
  recorded_at    timestamptz not null default now(),
  before         jsonb not null,
  after          jsonb not null,
  unique (facility_type, version)
);
