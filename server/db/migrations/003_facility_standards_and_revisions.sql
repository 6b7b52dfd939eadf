-- Facility standards as data a planner can edit (seeded from geodata/facility_standards.json),
-- and a revision counter per collection, so that cached analyses (the walking graph, coverage)
-- know when the network, facilities or estates changed, whoever changed them.

create table facility_standard (
  facility_type    text primary key check (facility_type ~ '^[a-z][a-z0-9_]*$'),
  name_zh          text not null,
  -- Life-circle level: '15', '10', '5', '15;10' or 'block'.
  level            text not null,
  -- The standard's own walking distance (服务半径); null where the standard gives none.
  max_walk_metres  double precision check (max_walk_metres > 0 and max_walk_metres <= 5000),
  scale            text,
  source           text not null,
  confidence       text not null,
  -- Set when a planner edits the standard: the seed step leaves it alone from then on.
  edited_at        timestamptz
);

alter table collection add column revision bigint not null default 0;

create table analysis_revision (name text primary key, revision bigint not null default 0);
insert into analysis_revision (name) values ('facility_standard');

create function bump_collection_revision_from_new() returns trigger language plpgsql as $$
begin
  update collection set revision = revision + 1 where id in (select distinct collection_id from changed_rows);
  return null;
end $$;

create function bump_collection_revision_from_old() returns trigger language plpgsql as $$
begin
  update collection set revision = revision + 1 where id in (select distinct collection_id from changed_rows);
  return null;
end $$;

create trigger feature_inserted after insert on feature
  referencing new table as changed_rows for each statement execute function bump_collection_revision_from_new();
create trigger feature_updated after update on feature
  referencing new table as changed_rows for each statement execute function bump_collection_revision_from_new();
create trigger feature_deleted after delete on feature
  referencing old table as changed_rows for each statement execute function bump_collection_revision_from_old();

create function bump_standard_revision() returns trigger language plpgsql as $$
begin
  update analysis_revision set revision = revision + 1 where name = 'facility_standard';
  return null;
end $$;

create trigger facility_standard_changed after insert or update or delete on facility_standard
  for each statement execute function bump_standard_revision();
