import { createRoute } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { clientAddress } from '../auth/client-address.ts';
import { createSignInGuard } from '../auth/sign-in-guard.ts';
import { findSignedIn, hashPassword, newToken, sessionCookieName, sessionHours, sha256, verifyPassword } from '../auth/sign-in.ts';
import { errorAnswer } from '../contract/errors.ts';
import { SessionState, SignIn, SignedIn } from '../contract/session.ts';
import type { Database } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import { deleteSession, findUserByName, insertSession } from '../queries/users.ts';
import { createRouter, limitBody } from './router.ts';

/** Sign in and out, and who is signed in (with the CSRF token). Mounted at /session. */
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
          400: errorAnswer('Bad request'), 401: errorAnswer('The user name or password is wrong'), 413: errorAnswer('The body is too large'),
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
        const token = newToken();
        const csrfToken = newToken();
        await insertSession(database, { tokenSha256: sha256(token), userId: user.id, csrfToken, hours: sessionHours });
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
    );
}

