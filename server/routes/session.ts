import { createRoute } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { clientAddress } from '../auth/client-address.ts';
import { createSignInGuard } from '../auth/sign-in-guard.ts';
import { findSignedIn, hashPassword, newToken, passwordProblem, requireRole, requireRoleFirst, sessionCookieName, sessionHours, sha256, verifyPassword } from '../auth/sign-in.ts';
import { errorAnswer } from '../contract/errors.ts';
import { PasswordChange, SessionsEnded, SessionState, SignIn, SignedIn } from '../contract/session.ts';
import type { Database } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import {
  deleteSession, deleteSessionsOfUser, findUserById, findUserByName, insertSession, insertUserAudit, recordSignIn, updateUserPassword,
} from '../queries/users.ts';
import { createRouter, limitBody } from './router.ts';

/**
 * Sign in and out, who is signed in (with the CSRF token), and a change of one's own password.
 * Mounted at /session.
 */
export function createSessionRoutes(database: Database, options: { secureCookies: boolean } = { secureCookies: true }) {
  const guard = createSignInGuard();
  return createRouter()
    .openapi(
      createRoute({
        method: 'post', path: '/', summary: 'Sign in: sets the session cookie, answers the CSRF token',
        middleware: [limitBody(10_000, 'The request body is too large', '请求内容过大')] as const,
        request: { body: { content: { 'application/json': { schema: SignIn } }, required: true } },
        responses: {
          200: { description: 'Signed in', content: { 'application/json': { schema: SignedIn } } },
          400: errorAnswer('Bad request'), 401: errorAnswer('The user name or password is wrong'),
          403: errorAnswer('The account is disabled (the password was right)'), 413: errorAnswer('The body is too large'),
          429: errorAnswer('Too many wrong passwords for this account from this address, or from this address: wait for Retry-After seconds'),
        },
      }),
      async (context) => {
        const { username, password } = context.req.valid('json');
        const address = clientAddress(context);
        await guard.check(username, address);
        const user = await findUserByName(database, username);
        // The same answer and about the same time whether or not the name exists.
        const ok = user ? await verifyPassword(user.passwordHash, password) : (await hashPassword(password), false);
        if (!user || !ok) {
          await guard.recordFailure(username, address);
          throw new RequestError(401, 'SignInFailed', 'The user name or password is wrong', '用户名或密码不正确');
        }
        await guard.recordSuccess(username, address);
        // Said only to whoever knows the password: to a guesser a disabled account looks like any other.
        if (user.disabled) {
          throw new RequestError(403, 'AccountDisabled', 'This account is disabled: ask an admin to enable it', '该账号已停用，请联系管理员');
        }
        const token = newToken();
        const csrfToken = newToken();
        await database.transaction(async (transaction) => {
          await insertSession(transaction, { tokenSha256: sha256(token), userId: user.id, csrfToken, hours: sessionHours });
          await recordSignIn(transaction, user.id);
        });
        setCookie(context, sessionCookieName, token, { httpOnly: true, sameSite: 'Strict', secure: options.secureCookies, path: '/api', maxAge: sessionHours * 3600 });
        return context.json({ username: user.username, role: user.role, csrfToken }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/', summary: 'Who is signed in, and the CSRF token for writes',
        responses: { 200: { description: 'The session, or signedIn false', content: { 'application/json': { schema: SessionState } } } },
      }),
      async (context) => {
        const session = await findSignedIn(database, context);
        return context.json(session ? { signedIn: true as const, username: session.username, role: session.role, csrfToken: session.csrfToken } : { signedIn: false as const }, 200);
      },
    )
    .openapi(
      createRoute({ method: 'delete', path: '/', summary: 'Sign out', responses: { 204: { description: 'Signed out' } } }),
      async (context) => {
        const token = getCookie(context, sessionCookieName);
        if (token) await deleteSession(database, sha256(token));
        deleteCookie(context, sessionCookieName, { path: '/api', secure: options.secureCookies });
        return context.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'put', path: '/password', summary: 'Change one\'s own password: the other sessions of the person end, this one stays',
        middleware: [requireRoleFirst(database, 'viewer'), limitBody(10_000, 'The request body is too large', '请求内容过大')] as const,
        request: { body: { content: { 'application/json': { schema: PasswordChange } }, required: true } },
        responses: {
          200: { description: 'Changed; how many other sessions ended', content: { 'application/json': { schema: SessionsEnded } } },
          400: errorAnswer('Bad request, or the new password is too weak'), 401: errorAnswer('Not signed in'),
          403: errorAnswer('The current password is wrong, or no valid X-CSRF-Token'),
          429: errorAnswer('Too many wrong passwords for this account from this address: wait for Retry-After seconds'),
        },
      }),
      async (context) => {
        const session = context.get('signedIn');
        const { currentPassword, newPassword } = context.req.valid('json');
        const address = clientAddress(context);
        // The same guard as sign-in: a session left open cannot be used to guess the password it was opened with.
        await guard.check(session.username, address);
        const user = await findUserById(database, session.userId);
        if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
          await guard.recordFailure(session.username, address);
          throw new RequestError(403, 'WrongPassword', 'The current password is wrong', '当前密码不正确');
        }
        await guard.recordSuccess(session.username, address);
        const problem = passwordProblem(newPassword);
        if (problem) throw new RequestError(400, 'WeakPassword', problem.message, problem.messageZh);
        if (newPassword === currentPassword) throw new RequestError(400, 'SamePassword', 'The new password is the current one', '新密码与当前密码相同');
        const passwordHash = await hashPassword(newPassword);
        const sessionsEnded = await database.transaction(async (transaction) => {
          await updateUserPassword(transaction, user.id, passwordHash);
          // Whoever else knew the old password (another browser, a shared machine) is signed out; this browser stays.
          const ended = await deleteSessionsOfUser(transaction, user.id, session.tokenSha256);
          await insertUserAudit(transaction, { userId: user.id, action: 'password_changed', actor: session.username, sessionsEnded: ended });
          return ended;
        });
        return context.json({ sessionsEnded }, 200);
      },
    );
}
