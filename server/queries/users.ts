import type { Role } from '../contract/session.ts';
import type { Queryable } from '../db/database.ts';

/** Named SQL for people who sign in (`app_user`) and their sessions (`user_session`). */

export interface UserRow {
  id: number;
  username: string;
  role: Role;
  passwordHash: string;
}

export async function findUserByName(database: Queryable, username: string): Promise<UserRow | undefined> {
  const [row] = await database.query<UserRow>(
    'select id, username, role, password_hash as "passwordHash" from app_user where username = $1', [username]);
  return row;
}

/** The account whose name is `username` in any case: names are unique regardless of case. */
export async function findUserByNameInAnyCase(database: Queryable, username: string): Promise<UserRow | undefined> {
  const [row] = await database.query<UserRow>(
    'select id, username, role, password_hash as "passwordHash" from app_user where lower(username) = lower($1)', [username]);
  return row;
}

export async function countAdmins(database: Queryable): Promise<number> {
  const [row] = await database.query<{ count: number }>(`select count(*)::int as count from app_user where role = 'admin'`);
  return row.count;
}

export async function insertUser(database: Queryable, username: string, passwordHash: string, role: Role): Promise<{ id: number; username: string; role: Role }> {
  const [row] = await database.query<{ id: number; username: string; role: Role }>(
    'insert into app_user (username, password_hash, role) values ($1, $2, $3) returning id, username, role', [username, passwordHash, role]);
  return row;
}

export async function listUsers(database: Queryable): Promise<{ username: string; role: Role; createdAt: string }[]> {
  return database.query(`select username, role, created_at::text as "createdAt" from app_user order by username`);
}

export async function insertSession(database: Queryable, session: { tokenSha256: string; userId: number; csrfToken: string; hours: number }): Promise<void> {
  await database.query(
    `insert into user_session (token_sha256, user_id, csrf_token, expires_at) values ($1, $2, $3, now() + make_interval(hours => $4))`,
    [session.tokenSha256, session.userId, session.csrfToken, session.hours],
  );
}

export interface SessionRow {
  username: string;
  role: Role;
  csrfToken: string;
}

export async function findSession(database: Queryable, tokenSha256: string): Promise<SessionRow | undefined> {
  const [row] = await database.query<SessionRow>(
    `select u.username, u.role, s.csrf_token as "csrfToken" from user_session s join app_user u on u.id = s.user_id
      where s.token_sha256 = $1 and s.expires_at > now()`,
    [tokenSha256],
  );
  return row;
}

export async function deleteSession(database: Queryable, tokenSha256: string): Promise<void> {
  await database.query('delete from user_session where token_sha256 = $1 or expires_at < now()', [tokenSha256]);
}
