import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { bodyLimit } from 'hono/body-limit';
import {
  findSignedIn, hashPassword, newToken, passwordProblem, requireRole, sessionCookieName, sessionHours, sha256, verifyPassword,
} from '../auth/sign-in.ts';
import { ErrorBody } from '../contract/ogc.ts';
import type { Database } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import { deleteSession, findUserByName, insertSession, insertUser, listUsers } from '../queries/users.ts';
import { createRouter } from './router.ts';

const json = (description: string) => ({ description, content: { 'application/json': { schema: z.object({}).passthrough() } } });
const errors = { 400: { description: 'Bad request', content: { 'application/json': { schema: ErrorBody } } }, 401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorBody } } }, 403: { description: 'Not allowed', content: { 'application/json': { schema: ErrorBody } } } };
const SignIn = z.object({ username: z.string().min(1).max(40), password: z.string().min(1).max(200) });
const NewUser = z.object({
  username: z.string().regex(/^[A-Za-z0-9._-]{3,40}$/, 'username: 3–40 letters, digits, ".", "_" or "-"'),
  password: z.string().max(200),
  role: z.enum(['viewer', 'editor', 'admin']),
});

/** Sign in and out, who is signed in (with the CSRF token), and user management for admins. */
export function createSessionRoutes(database: Database, options: { secureCookies: boolean } = { secureCookies: true }) {
  const router = createRouter();
  router.use('/session', bodyLimit({ maxSize: 10_000, onError: () => { throw new RequestError(413, 'PayloadTooLarge', 'The request body is too large', '请求内容过大'); } }));
  return router
    .openapi(
      createRoute({ method: 'post', path: '/session', summary: 'Sign in: sets the session cookie, answers the CSRF token', request: { body: { content: { 'application/json': { schema: SignIn } }, required: true } }, responses: { 200: json('Signed in'), ...errors } }),
      async (context) => {
        const { username, password } = context.req.valid('json');
        const user = await findUserByName(database, username);
        // The same answer and about the same time whether or not the name exists.
        const ok = user ? await verifyPassword(user.passwordHash, password) : (await hashPassword(password), false);
        if (!user || !ok) throw new RequestError(401, 'SignInFailed', 'The user name or password is wrong', '用户名或密码不正确');
        const token = newToken();
        const csrfToken = newToken();
        await insertSession(database, { tokenSha256: sha256(token), userId: user.id, csrfToken, hours: sessionHours });
        setCookie(context, sessionCookieName, token, { httpOnly: true, sameSite: 'Strict', secure: options.secureCookies, path: '/api', maxAge: sessionHours * 3600 });
        return context.json({ username: user.username, role: user.role, csrfToken }, 200);
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/session', summary: 'Who is signed in, and the CSRF token for writes', responses: { 200: json('The session, or signedIn false') } }),
      async (context) => {
        const session = await findSignedIn(database, context);
        return context.json(session ? { signedIn: true, username: session.username, role: session.role, csrfToken: session.csrfToken } : { signedIn: false }, 200);
      },
    )
    .openapi(
      createRoute({ method: 'delete', path: '/session', summary: 'Sign out', responses: { 204: { description: 'Signed out' } } }),
      async (context) => {
        const token = getCookie(context, sessionCookieName);
        if (token) await deleteSession(database, sha256(token));
        deleteCookie(context, sessionCookieName, { path: '/api', secure: options.secureCookies });
        return context.body(null, 204);
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/users', summary: 'The people who can sign in (admins)', responses: { 200: json('Users'), ...errors } }),
      async (context) => {
        await requireRole(database, context, 'admin');
        return context.json({ users: await listUsers(database) }, 200);
      },
    )
    .openapi(
      createRoute({ method: 'post', path: '/users', summary: 'Add a person with a role (admins)', request: { body: { content: { 'application/json': { schema: NewUser } }, required: true } }, responses: { 201: json('Added'), 409: { description: 'Name taken', content: { 'application/json': { schema: ErrorBody } } }, ...errors } }),
      async (context) => {
        await requireRole(database, context, 'admin');
        const { username, password, role } = context.req.valid('json');
        const problem = passwordProblem(password);
        if (problem) throw new RequestError(400, 'WeakPassword', problem, '密码至少 12 个字符');
        if (await findUserByName(database, username)) throw new RequestError(409, 'UserExists', `"${username}" exists`, `用户“${username}”已存在`);
        const user = await insertUser(database, username, await hashPassword(password), role);
        return context.json({ username: user.username, role: user.role }, 201);
      },
    );
}
