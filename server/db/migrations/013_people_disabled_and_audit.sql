-- Managing people (issue 12, item 4): an admin disables an account instead of deleting it, so its
-- name and history stay and it can be enabled again; a disabled person cannot sign in and has no
-- sessions. The last sign-in is kept on the person, because sessions end (sign-out, expiry) and
-- are not backed up; null where it was never recorded.
alter table app_user add column disabled boolean not null default false;
alter table app_user add column last_signed_in_at timestamptz;

-- Every change of a person, for the admin page's history: who made it (null: the server itself,
-- for the first admin of LIFECIRCLE_ADMIN_USER, or not recorded, for people added before this
-- version), when, and what. A backup keeps it like any table.
create table app_user_audit (
  id             bigint generated always as identity primary key,
  user_id        bigint not null references app_user (id) on delete cascade,
  action         text not null check (action in ('added', 'role_changed', 'disabled', 'enabled', 'sessions_revoked', 'password_changed', 'password_reset')),
  actor          text,
  recorded_at    timestamptz not null default now(),
  role_before    text check (role_before in ('viewer', 'editor', 'admin')),
  role_after     text check (role_after in ('viewer', 'editor', 'admin')),
  sessions_ended integer check (sessions_ended >= 0)
);

create index app_user_audit_user_index on app_user_audit (user_id, recorded_at);

-- The people there already were: added when their account was created, by someone not recorded.
insert into app_user_audit (user_id, action, actor, recorded_at, role_after)
  select id, 'added', null, created_at, role from app_user order by id;
