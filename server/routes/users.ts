import { createRoute } from '@hono/zod-openapi';
import { hashPassword, passwordProblem, requireRole, requireRoleFirst } from '../auth/sign-in.ts';
import { errorAnswer } from '../contract/errors.ts';
import { NewUser, Person, PersonHistory, PersonPatch, SessionsEnded, UserList, UsernameParameters, type Role } from '../contract/session.ts';
import type { Database, Queryable } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import {
  deleteSessionsOfUser, findPerson, findUserByNameInAnyCase, insertUser, insertUserAudit, listUserAudit, listUsers, lockEnabledAdmins,
  updateUserDisabled, updateUserPassword, updateUserRole, type UserRow,
} from '../queries/users.ts';
import { createRouter, defaultBodyBytes, limitBody } from './router.ts';

const errors = { 400: errorAnswer('Bad request'), 401: errorAnswer('Not signed in'), 403: errorAnswer('Not an admin, or no valid X-CSRF-Token') };
const unknownPerson = errorAnswer('No person has this name');
const json = <Schema,>(schema: Schema) => ({ content: { 'application/json': { schema } } });

/** 404 for a name nobody has; names are matched in any case, as they are unique in any case. */
async function findPersonOrFail(database: Queryable, username: string): Promise<UserRow> {
  const person = await findUserByNameInAnyCase(database, username);
  if (!person) throw new RequestError(404, 'NotFound', `There is no person named "${username}"`, `没有名为“${username}”的用户`);
  return person;
}

/**
 * Refuses a change that would leave no enabled admin: nobody could then manage people, and only
 * the database's owner could mend it. Locks the enabled admins first (see lockEnabledAdmins).
 */
async function keepOneEnabledAdmin(transaction: Queryable, person: UserRow, next: { role: Role; disabled: boolean }): Promise<void> {
  // Only an enabled admin who stops being one lowers the count.
  if (person.role !== 'admin' || person.disabled || (next.role === 'admin' && !next.disabled)) return;
  const admins = await lockEnabledAdmins(transaction);
  if (admins.some((id) => id !== person.id)) return;
  throw new RequestError(409, 'LastAdmin',
    `${person.username} is the last enabled admin: make another person an admin first, so that someone can still manage people`,
    `${person.username} 是最后一位启用的管理员：请先将另一人设为管理员，以免无人能管理用户`);
}

/**
 * The people who can sign in, for admins: list them, add one with a role, change a role,
 * disable or enable, reset a password, end a person's sessions, and read what was done to whom.
 * Every change is recorded in app_user_audit in the transaction that makes it. Mounted at /users.
 */
export function createUserRoutes(database: Database) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/', summary: 'The people who can sign in, with their state and sessions (admins)',
        responses: { 200: { description: 'Users', ...json(UserList) }, ...errors },
      }),
      async (context) => {
        await requireRole(database, context, 'admin');
        return context.json({ users: await listUsers(database) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/', summary: 'Add a person with a role (admins)',
        middleware: [requireRoleFirst(database, 'admin'), limitBody(defaultBodyBytes)] as const,
        request: { body: { ...json(NewUser), required: true } },
        responses: { 201: { description: 'Added', ...json(Person) }, 409: errorAnswer('Name taken'), ...errors },
      }),
      async (context) => {
        const admin = context.get('signedIn');
        const { username, password, role } = context.req.valid('json');
        const problem = passwordProblem(password);
        if (problem) throw new RequestError(400, 'WeakPassword', problem.message, problem.messageZh);
        // Names differ in more than case: "Admin" beside "admin" would invite mistakes and impersonation.
        const existing = await findUserByNameInAnyCase(database, username);
        if (existing) throw new RequestError(409, 'UserExists', `"${existing.username}" exists`, `用户“${existing.username}”已存在`);
        const passwordHash = await hashPassword(password);
        const person = await database.transaction(async (transaction) => {
          const user = await insertUser(transaction, username, passwordHash, role);
          await insertUserAudit(transaction, { userId: user.id, action: 'added', actor: admin.username, roleAfter: role });
          return findPerson(transaction, user.id);
        }).catch((error: { code?: string }) => {
          // Two admins adding the same name at once: the unique index decides, and the second hears why.
          if (error.code === '23505') throw new RequestError(409, 'UserExists', `"${username}" exists`, `用户“${username}”已存在`);
          throw error;
        });
        return context.json(person, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'patch', path: '/{username}', summary: 'Change a person\'s role, disable or enable them, or reset their password (admins)',
        description: 'Disabling ends every session of the person at once and refuses their sign-in until enabled. A new password ends their sessions too. '
          + 'A change that would leave no enabled admin answers 409.',
        middleware: [requireRoleFirst(database, 'admin'), limitBody(10_000)] as const,
        request: { params: UsernameParameters, body: { ...json(PersonPatch), required: true } },
        responses: {
          200: { description: 'The person as they are now', ...json(Person) }, 404: unknownPerson,
          409: errorAnswer('The change would leave no enabled admin'), ...errors,
        },
      }),
      async (context) => {
        const admin = context.get('signedIn');
        const { username } = context.req.valid('param');
        const patch = context.req.valid('json');
        if (patch.password !== undefined) {
          const problem = passwordProblem(patch.password);
          if (problem) throw new RequestError(400, 'WeakPassword', problem.message, problem.messageZh);
        }
        // Hashed before the transaction: argon2 takes a moment the locks need not wait for.
        const passwordHash = patch.password === undefined ? null : await hashPassword(patch.password);
        const person = await database.transaction(async (transaction) => {
          const before = await findPersonOrFail(transaction, username);
          const next = { role: patch.role ?? before.role, disabled: patch.disabled ?? before.disabled };
          await keepOneEnabledAdmin(transaction, before, next);
          const record = (change: Omit<Parameters<typeof insertUserAudit>[1], 'userId' | 'actor'>) =>
            insertUserAudit(transaction, { userId: before.id, actor: admin.username, ...change });
          if (next.role !== before.role) {
            await updateUserRole(transaction, before.id, next.role);
            await record({ action: 'role_changed', roleBefore: before.role, roleAfter: next.role });
          }
          if (next.disabled !== before.disabled) {
            await updateUserDisabled(transaction, before.id, next.disabled);
            // Sessions end at once, not when they expire: a disabled account is shut now.
            const sessionsEnded = next.disabled ? await deleteSessionsOfUser(transaction, before.id) : null;
            await record({ action: next.disabled ? 'disabled' : 'enabled', sessionsEnded });
          }
          if (passwordHash !== null) {
            await updateUserPassword(transaction, before.id, passwordHash);
            // Whoever knew the old password is signed out; an admin resetting their own keeps this session.
            const sessionsEnded = await deleteSessionsOfUser(transaction, before.id, admin.tokenSha256);
            await record({ action: 'password_reset', sessionsEnded });
          }
          return findPerson(transaction, before.id);
        });
        return context.json(person, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete', path: '/{username}/sessions', summary: 'End every session of a person: they must sign in again (admins)',
        middleware: [requireRoleFirst(database, 'admin')] as const,
        request: { params: UsernameParameters },
        responses: { 200: { description: 'How many sessions ended', ...json(SessionsEnded) }, 404: unknownPerson, ...errors },
      }),
      async (context) => {
        const admin = context.get('signedIn');
        const { username } = context.req.valid('param');
        const sessionsEnded = await database.transaction(async (transaction) => {
          const person = await findPersonOrFail(transaction, username);
          const ended = await deleteSessionsOfUser(transaction, person.id);
          await insertUserAudit(transaction, { userId: person.id, action: 'sessions_revoked', actor: admin.username, sessionsEnded: ended });
          return ended;
        });
        return context.json({ sessionsEnded }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/{username}/history', summary: 'What was done to a person, by whom and when, newest first (admins)',
        request: { params: UsernameParameters },
        responses: { 200: { description: 'The history', ...json(PersonHistory) }, 404: unknownPerson, ...errors },
      }),
      async (context) => {
        await requireRole(database, context, 'admin');
        const person = await findPersonOrFail(database, context.req.valid('param').username);
        return context.json({ username: person.username, history: await listUserAudit(database, person.id) }, 200);
      },
    );
}
