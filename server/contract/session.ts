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
export const UserList = z.object({ users: z.array(User.extend({ createdAt: z.string() })) }).openapi('UserList');
