import type { InferResponseType } from 'hono/client';
import { api, readJson, throwUnlessOk } from './api-client.ts';

/** Who is signed in, with the CSRF token writes send (POST /api/session's answer). */
export type SessionAnswer = InferResponseType<typeof api.session.$post, 200>;

// The session cookie goes with each call (same origin); it is the browser's, never read here.
const withCookie = { init: { credentials: 'same-origin' } } as const;

/** Who is signed in (the cookie goes with it), or null. */
export async function fetchSession(): Promise<SessionAnswer | null> {
  const body = await readJson(api.session.$get(undefined, withCookie));
  return body.signedIn ? { username: body.username, role: body.role, csrfToken: body.csrfToken } : null;
}

export function signIn(username: string, password: string): Promise<SessionAnswer> {
  return readJson(api.session.$post({ json: { username, password } }, withCookie));
}

export async function signOut(): Promise<void> {
  await throwUnlessOk(await api.session.$delete(undefined, withCookie));
}
