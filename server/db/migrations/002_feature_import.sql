-- Bring your own data: every import that changed something is recorded, each imported feature
-- names the import that last wrote it, and a collection an import replaced as a whole is left
-- alone by the seed step from then on. Imported features also get `edited_at`, which the seed
-- step already never overwrites.
create table feature_import (
  id             bigint generated always as identity primary key,
  collection_id  text not null references collection (id) on delete cascade,
  file_name      text not null,
  file_sha256    text not null,
  format         text not null check (format in ('geojson', 'csv', 'osm')),
  source_crs     text not null check (source_crs in ('wgs84', 'gcj02', 'bd09')),
  replace        boolean not null,
  keep_good_rows boolean not null,
  imported_by    text not null check (imported_by in ('cli', 'api')),
  added          integer not null default 0,
  changed        integer not null default 0,
  unchanged      integer not null default 0,
  removed        integer not null default 0,
  bad            integer not null default 0,
  imported_at    timestamptz not null default now()
);

create index feature_import_collection_index on feature_import (collection_id);

alter table feature add column import_id bigint references feature_import (id) on delete set null;

-- Set when an import replaced every feature of the collection with a surveyed file: the seed
-- step must not bring the old seed features back.
alter table collection add column replaced_at timestamptz;
