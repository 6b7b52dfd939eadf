-- Names of people are unique regardless of case: "Admin" beside "admin" invites mistakes and
-- impersonation. A database that already holds two such names says which, instead of failing
-- on the index with a bare constraint message; an admin renames one and starts again.
do $$
declare
  clash text;
begin
  select string_agg(names, '; ') into clash
    from (select string_agg(username, ', ') as names from app_user group by lower(username) having count(*) > 1) as clashes;
  if clash is not null then
    raise exception 'people whose names differ only in case must be renamed before this version starts: %', clash;
  end if;
end $$;
create unique index app_user_username_any_case on app_user (lower(username));
