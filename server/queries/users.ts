import type { PersonChange, Role } from '../contract/session.ts';
import type { Queryable } from '../db/database.ts';

/** Named SQL for people who sign in (`app_user`), their sessions (`user_session`) and the history of changes to them (`app_user_audit`). */

export interface UserRow {
  id: number;
  username: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
}

const userColumns = 'id, username, role, password_hash as "passwordHash", disabled';

export async function findUserByName(database: Queryable, username: string): Promise<UserRow | undefined> {
  const [row] = await database.query<UserRow>(`select ${userColumns} from app_user where username = $1`, [username]);
  return row;
}

export async function findUserById(database: Queryable, userId: number): Promise<UserRow | undefined> {
  const [row] = await database.query<UserRow>(`select ${userColumns} from app_user where id = $1`, [userId]);
  return row;
}

/** The account whose name is `username` in any case: names are unique regardless of case. */
export async function findUserByNameInAnyCase(database: Queryable, username: string): Promise<UserRow | undefined> {
  const [row] = await database.query<UserRow>(`select ${userColumns} from app_user where lower(username) = lower($1)`, [username]);
  return row;
}

/**
 * Locks the enabled admins (in a transaction) and answers their ids. Two admins demoting each
 * other at once: the second waits for the first, then sees one admin fewer, so the rule that
 * one enabled admin remains holds however the requests interleave.
 */
export async function lockEnabledAdmins(database: Queryable): Promise<number[]> {
  const rows = await database.query<{ id: number }>(`select id from app_user where role = 'admin' and not disabled order by id for update`);
  return rows.map((row) => Number(row.id));
}

export async function updateUserRole(database: Queryable, userId: number, role: Role): Promise<void> {
  await database.query('update app_user set role = $2 where id = $1', [userId, role]);
}

export async function updateUserDisabled(database: Queryable, userId: number, disabled: boolean): Promise<void> {
  await database.query('update app_user set disabled = $2 where id = $1', [userId, disabled]);
}

export async function updateUserPassword(database: Queryable, userId: number, passwordHash: string): Promise<void> {
  await database.query('update app_user set password_hash = $2 where id = $1', [userId, passwordHash]);
}

export async function recordSignIn(database: Queryable, userId: number): Promise<void> {
  await database.query('update app_user set last_signed_in_at = now() where id = $1', [userId]);
}

export async function countAdmins(database: Queryable): Promise<number> {
  const [row] = await database.query<{ count: number }>(`select count(*)::int as count from app_user where role = 'admin'`);
  return row.count;
}

export async function insertUser(database: Queryable, username: string, passwordHash: string, role: Role): Promise<{ id: number; username: string; role: Role }> {
  const [row] = await database.query<{ id: number; username: string; role: Role }>(
    'insert into app_user (username, password_hash, role) values ($1, $2, $3) returning id, username, role', [username, passwordHash, role]);
  return { ...row, id: Number(row.id) };
}

/** A time as ISO 8601 in UTC, the same from either database whatever its time zone setting. */
const isoTime = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export interface PersonRow {
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastSignedInAt: string | null;
  activeSessions: number;
}

const personColumns = `u.username, u.role, u.disabled, ${isoTime('u.created_at')} as "createdAt", ${isoTime('u.last_signed_in_at')} as "lastSignedInAt",
  (select count(*)::int from user_session s where s.user_id = u.id and s.expires_at > now()) as "activeSessions"`;

export async function listUsers(database: Queryable): Promise<PersonRow[]> {
  return database.query<PersonRow>(`select ${personColumns} from app_user u order by lower(u.username)`);
}

export async function findPerson(database: Queryable, userId: number): Promise<PersonRow> {
  const [row] = await database.query<PersonRow>(`select ${personColumns} from app_user u where u.id = $1`, [userId]);
  return row;
}

/** One change of a person, as the history records it. */
export interface PersonChangeRecord {
  userId: number;
  action: PersonChange;
  /** Who made it; null: the server itself (the first admin). */
  actor: string | null;
  roleBefore?: Role | null;
  roleAfter?: Role | null;
  sessionsEnded?: number | null;
}

export async function insertUserAudit(database: Queryable, change: PersonChangeRecord): Promise<void> {
  await database.query(
    'insert into app_user_audit (user_id, action, actor, role_before, role_after, sessions_ended) values ($1, $2, $3, $4, $5, $6)',
    [change.userId, change.action, change.actor, change.roleBefore ?? null, change.roleAfter ?? null, change.sessionsEnded ?? null],
  );
}

export async function listUserAudit(database: Queryable, userId: number): Promise<{
  action: PersonChange; actor: string | null; recordedAt: string; roleBefore: Role | null; roleAfter: Role | null; sessionsEnded: number | null;
}[]> {
  return database.query(
    `select action, actor, ${isoTime('recorded_at')} as "recordedAt", role_before as "roleBefore", role_after as "roleAfter", sessions_ended as "sessionsEnded"
       from app_user_audit where user_id = $1 order by recorded_at desc, id desc`,
    [userId],
  );
}

export async function insertSession(database: Queryable, session: { tokenSha256: string; userId: number; csrfToken: string; hours: number }): Promise<void> {
  await database.query(
    `insert into user_session (token_sha256, user_id, csrf_token, expires_at) values ($1, $2, $3, now() + make_interval(hours => $4))`,
    [session.tokenSha256, session.userId, session.csrfToken, session.hours],
  );
}

export interface SessionRow {
  userId: number;
  username: string;
  role: Role;
  csrfToken: string;
  tokenSha256: string;
}

/**
 * The session of a token, with its person's role as it is now (a changed role counts from the
 * next request). A disabled person has no session, even if one was left behind.
 */
export async function findSession(database: Queryable, tokenSha256: string): Promise<SessionRow | undefined> {
  const [row] = await database.query<SessionRow>(
    `select u.id as "userId", u.username, u.role, s.csrf_token as "csrfToken", s.token_sha256 as "tokenSha256"
       from user_session s join app_user u on u.id = s.user_id
      where s.token_sha256 = $1 and s.expires_at > now() and not u.disabled`,
    [tokenSha256],
  );
  return row && { ...row, userId: Number(row.userId) };
}

/** Ends every session of a person but `keepTokenSha256` (the caller's own, when given); answers how many unexpired ones ended. */
export async function deleteSessionsOfUser(database: Queryable, userId: number, keepTokenSha256: string | null = null): Promise<number> {
  const rows = await database.query<{ active: boolean }>(
    `delete from user_session where user_id = $1 and token_sha256 is distinct from $2 returning expires_at > now() as active`,
    [userId, keepTokenSha256],
  );
  return rows.filter((row) => row.active).length;
}

export async function deleteSession(database: Queryable, tokenSha256: string): Promise<void> {
  await database.query('delete from user_session where token_sha256 = $1 or expires_at < now()', [tokenSha256]);
}
