-- Sign-in: people with a role (viewer reads, editor edits projects, admin also manages users),
-- passwords as argon2id hashes, sessions named by the SHA-256 of their cookie token (a stolen
-- database does not give working cookies), each with its CSRF token.
create table app_user (
  id            bigint generated always as identity primary key,
  username      text not null unique check (username ~ '^[A-Za-z0-9._-]{3,40}$'),
  password_hash text not null,
  role          text not null check (role in ('viewer', 'editor', 'admin')),
  created_at    timestamptz not null default now()
);

create table user_session (
  token_sha256 text primary key,
  user_id      bigint not null references app_user (id) on delete cascade,
  csrf_token   text not null,
  created_at   timestamptz not null default now(),
  expires_at   timestamptz not null
);

create index user_session_user_index on user_session (user_id);
