import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Database } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import type { Role } from '../contract/session.ts';
import { countAdmins, findSession, findUserByNameInAnyCase, insertUser, insertUserAudit, type SessionRow } from '../queries/users.ts';

/**
 * Sign-in with roles. Passwords are argon2id hashes (@node-rs/argon2, its defaults: 19 MiB, 2
 * passes, as OWASP recommends); a session is a random 256-bit token in an HttpOnly, SameSite=Strict
 * cookie, stored only as its SHA-256; every cookie-authenticated write must also send the
 * session's CSRF token in `X-CSRF-Token`.
 */

export const sessionCookieName = 'lifecircle_session';
export const sessionHours = 12;
export const minimumPasswordLength = 12;
const roleRank: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password).catch(() => false);
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

/** What is wrong with a new password, in English and Chinese, or null when it will do. */
export function passwordProblem(password: unknown): { message: string; messageZh: string } | null {
  if (typeof password !== 'string' || password.length < minimumPasswordLength) {
    return { message: `the password must have at least ${minimumPasswordLength} characters`, messageZh: `密码至少 ${minimumPasswordLength} 个字符` };
  }
  if (password.length > 200) return { message: 'the password must have at most 200 characters', messageZh: '密码最多 200 个字符' };
  // A control character (NUL, a line break) cannot be typed at the sign-in form, and NUL is cut off by some systems.
  if (/\p{Cc}/u.test(password)) return { message: 'the password must not contain control characters (NUL, tab, line breaks)', messageZh: '密码不能包含控制字符（如 NUL、制表符、换行）' };
  if (password.trim().length < minimumPasswordLength) {
    return { message: `the password must have at least ${minimumPasswordLength} characters besides spaces at its ends`, messageZh: `除首尾空格外，密码至少 ${minimumPasswordLength} 个字符` };
  }
  return null;
}

/** The first admin, from LIFECIRCLE_ADMIN_USER and LIFECIRCLE_ADMIN_PASSWORD, when there is no admin yet. */
export async function ensureFirstAdmin(database: Database, username: string | undefined, password: string | undefined): Promise<string | null> {
  if (!username || !password) return null;
  if ((await countAdmins(database)) > 0) return null;
  const problem = passwordProblem(password);
  if (problem) throw new Error(`LIFECIRCLE_ADMIN_PASSWORD: ${problem.message}`);
  if (!/^[A-Za-z0-9._-]{3,40}$/.test(username)) throw new Error('LIFECIRCLE_ADMIN_USER: 3–40 letters, digits, ".", "_" or "-"');
  if (await findUserByNameInAnyCase(database, username)) throw new Error(`LIFECIRCLE_ADMIN_USER: "${username}" exists (in some case) and is not an admin`);
  const passwordHash = await hashPassword(password);
  await database.transaction(async (transaction) => {
    const admin = await insertUser(transaction, username, passwordHash, 'admin');
    // Added by the server itself, from its environment: no person to name.
    await insertUserAudit(transaction, { userId: admin.id, action: 'added', actor: null, roleAfter: 'admin' });
  });
  return username;
}

/** The signed-in person of the request, or null. */
export async function findSignedIn(database: Database, context: Context): Promise<SessionRow | null> {
  const token = getCookie(context, sessionCookieName);
  if (!token || token.length > 200) return null;
  return (await findSession(database, sha256(token))) ?? null;
}

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by `requireRoleFirst`: the session of the person the route acts for. */
    signedIn: SessionRow;
  }
}

/**
 * Route middleware: `requireRole` before the body is validated, so an anonymous caller or a
 * viewer learns nothing from a 400 about a route they may not use. The handler reads the session
 * with `context.get('signedIn')`.
 */
export const requireRoleFirst = (database: Database, role: Role) => createMiddleware(async (context, next) => {
  context.set('signedIn', await requireRole(database, context, role));
  await next();
});

/**
 * 401 without a session, 403 for a role below `role`, and 403 for an unsafe method whose
 * X-CSRF-Token is not the session's.
 */
export async function requireRole(database: Database, context: Context, role: Role): Promise<SessionRow> {
  const session = await findSignedIn(database, context);
  if (!session) throw new RequestError(401, 'SignInRequired', 'Sign in to make changes', '请先登录再进行修改');
  if (!['GET', 'HEAD', 'OPTIONS'].includes(context.req.method)) {
    const presented = context.req.header('x-csrf-token') ?? '';
    const expected = Buffer.from(session.csrfToken);
    const given = Buffer.from(presented);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new RequestError(403, 'CsrfTokenInvalid', 'The X-CSRF-Token header is missing or wrong: read it from GET /api/session', 'X-CSRF-Token 缺失或不正确：请从 GET /api/session 读取');
    }
  }
  if (roleRank[session.role] < roleRank[role]) {
    throw new RequestError(403, 'Forbidden', `This needs the ${role} role; ${session.username} is a ${session.role}`, `此操作需要“${role}”角色，${session.username} 的角色是“${session.role}”`);
  }
  return session;
}
