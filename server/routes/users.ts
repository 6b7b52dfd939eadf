import { createRoute } from '@hono/zod-openapi';
import { hashPassword, passwordProblem, requireRole } from '../auth/sign-in.ts';
import { errorAnswer } from '../contract/errors.ts';
import { NewUser, User, UserList } from '../contract/session.ts';
import type { Database } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import { findUserByNameInAnyCase, insertUser, listUsers } from '../queries/users.ts';
import { createRouter, defaultBodyBytes, limitBody } from './router.ts';

const errors = { 400: errorAnswer('Bad request'), 401: errorAnswer('Not signed in'), 403: errorAnswer('Not an admin, or no valid X-CSRF-Token') };

/** The people who can sign in, for admins: list them, add one with a role. Mounted at /users. */
export function createUserRoutes(database: Database) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/', summary: 'The people who can sign in (admins)',
        responses: { 200: { description: 'Users', content: { 'application/json': { schema: UserList } } }, ...errors },
      }),
      async (context) => {
        await requireRole(database, context, 'admin');
        return context.json({ users: await listUsers(database) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/', summary: 'Add a person with a role (admins)',
        middleware: [limitBody(defaultBodyBytes)] as const,
        request: { body: { content: { 'application/json': { schema: NewUser } }, required: true } },
        responses: { 201: { description: 'Added', content: { 'application/json': { schema: User } } }, 409: errorAnswer('Name taken'), ...errors },
      }),
      async (context) => {
        await requireRole(database, context, 'admin');
        const { username, password, role } = context.req.valid('json');
        const problem = passwordProblem(password);
        if (problem) throw new RequestError(400, 'WeakPassword', problem.message, problem.messageZh);
        // Names differ in more than case: "Admin" beside "admin" would invite mistakes and impersonation.
        const existing = await findUserByNameInAnyCase(database, username);
        if (existing) throw new RequestError(409, 'UserExists', `"${existing.username}" exists`, `用户“${existing.username}”已存在`);
        const user = await insertUser(database, username, await hashPassword(password), role).catch((error: { code?: string }) => {
          // Two admins adding the same name at once: the unique index decides, and the second hears why.
          if (error.code === '23505') throw new RequestError(409, 'UserExists', `"${username}" exists`, `用户“${username}”已存在`);
          throw error;
        });
        return context.json({ username: user.username, role: user.role }, 201);
      },
    );
}
