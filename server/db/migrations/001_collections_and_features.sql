-- Every seed dataset in geodata/ becomes a collection of features. Geometry is WGS 84
-- (SRID 4326); properties keep the dataset's own attributes, including `source`.
create extension if not exists postgis;

create table collection (
  id            text primary key check (id ~ '^[a-z][a-z0-9_]*$'),
  title         text not null,
  title_en      text not null,
  description   text not null default '',
  -- Hash of the geodata file last seeded, so that an unchanged file is not read again.
  seed_hash     text,
  sort_order    integer not null default 0
);

create table feature (
  id            bigint generated always as identity primary key,
  collection_id text not null references collection (id) on delete cascade,
  feature_key   text not null,
  properties    jsonb not null default '{}'::jsonb,
  geometry      geometry(Geometry, 4326) not null check (ST_IsValid(geometry)),
  -- Set when a person edits the feature: the seed step never overwrites such a feature.
  edited_at     timestamptz,
  unique (collection_id, feature_key)
);

create index feature_geometry_index on feature using gist (geometry);
create index feature_collection_index on feature (collection_id);
