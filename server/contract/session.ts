import { z } from '@hono/zod-openapi';

/** Sign-in, the session and the people who can sign in, with their roles. */

export const roles = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];

export const SignIn = z.object({ username: z.string().min(1).max(40), password: z.string().min(1).max(200) }).openapi('SignIn');

export const NewUser = z.object({
  username: z.string().regex(/^[A-Za-z0-9._-]{3,40}$/, 'username: 3–40 letters, digits, ".", "_" or "-"'),
  password: z.string().max(200),
  role: z.enum(roles),
}).openapi('NewUser');

/** POST /session: who signed in, and the CSRF token every write must send as X-CSRF-Token. */
export const SignedIn = z.object({ username: z.string(), role: z.enum(roles), csrfToken: z.string() }).openapi('SignedIn');

/** GET /session: the session of the cookie, or signedIn false. */
export const SessionState = z.discriminatedUnion('signedIn', [
  SignedIn.extend({ signedIn: z.literal(true) }),
  z.object({ signedIn: z.literal(false) }),
]).openapi('SessionState');

export const User = z.object({ username: z.string(), role: z.enum(roles) }).openapi('User');

/** One person on the admin page (用户管理). */
export const Person = User.extend({
  disabled: z.boolean(),
  createdAt: z.string().openapi({ description: 'When the account was created (ISO 8601, UTC)' }),
  lastSignedInAt: z.string().nullable().openapi({ description: 'The last sign-in (ISO 8601, UTC); null: none recorded (never, or before this was recorded)' }),
  activeSessions: z.number().int().min(0).openapi({ description: 'Sessions that have not ended or expired' }),
}).openapi('Person');
export type Person = z.infer<typeof Person>;
export const UserList = z.object({ users: z.array(Person) }).openapi('UserList');

const usernameParameter = z.string().min(1).max(40).openapi({ param: { name: 'username', in: 'path' }, example: 'wang.min' });
export const UsernameParameters = z.object({ username: usernameParameter });

/**
 * PATCH /users/{username}: a new role, disabled or enabled, a new password (a reset by the
 * admin). At least one; what is absent stays as it is.
 */
export const PersonPatch = z.object({
  role: z.enum(roles).optional(),
  disabled: z.boolean().optional(),
  password: z.string().max(200).optional(),
}).strict().refine((patch) => patch.role !== undefined || patch.disabled !== undefined || patch.password !== undefined, {
  message: 'give at least one of role, disabled, password', params: { zh: '请至少给出 role、disabled、password 中的一项' },
}).openapi('PersonPatch');

/** DELETE /users/{username}/sessions: how many sessions ended. */
export const SessionsEnded = z.object({ sessionsEnded: z.number().int().min(0) }).openapi('SessionsEnded');

/** What happened to a person, as the history (app_user_audit) records it. */
export const personChanges = ['added', 'role_changed', 'disabled', 'enabled', 'sessions_revoked', 'password_changed', 'password_reset'] as const;
export type PersonChange = (typeof personChanges)[number];

export const PersonHistory = z.object({
  username: z.string(),
  history: z.array(z.object({
    action: z.enum(personChanges),
    actor: z.string().nullable().openapi({ description: 'Who made the change; null: the server itself (the first admin) or not recorded (before this version)' }),
    recordedAt: z.string(),
    roleBefore: z.enum(roles).nullable(),
    roleAfter: z.enum(roles).nullable(),
    sessionsEnded: z.number().int().nullable(),
  })),
}).openapi('PersonHistory');

/** PUT /session/password: anyone signed in changes their own password. */
export const PasswordChange = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().max(200),
}).strict().openapi('PasswordChange');
