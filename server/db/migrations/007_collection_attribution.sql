-- Who must be credited wherever a collection is shown: OpenStreetMap data (ODbL 1.0) asks for
-- "© OpenStreetMap contributors" with a link to its copyright page. Filled by the seed step from
-- the geodata file's `collection` member; null when the collection needs no attribution.
alter table collection add column attribution text;
alter table collection add column attribution_url text;
