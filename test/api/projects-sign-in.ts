import type { ServerUnderTest } from '../helpers/start-servers.ts';

/** The first admin the project tests' private servers create (the shared servers have none). */
export const firstAdmin = { username: 'admin', password: 'a-long-test-password-for-admin' };
process.env.LIFECIRCLE_ADMIN_USER = firstAdmin.username;
process.env.LIFECIRCLE_ADMIN_PASSWORD = firstAdmin.password;

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  /** Headers for a cookie-authenticated write. */
  headers: Record<string, string>;
}

export async function signIn(server: ServerUnderTest, username: string, password: string): Promise<SignedIn> {
  const response = await fetch(`${server.url}/api/session`, { method: 'POST', body: JSON.stringify({ username, password }), headers: { 'content-type': 'application/json' } });
  if (response.status !== 200) throw new Error(`sign-in of ${username} answered ${response.status}: ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = await response.json() as { csrfToken: string };
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/** Signs in as the first admin, adds a person with `role`, and signs in as them. */
export async function signInAs(server: ServerUnderTest, role: 'viewer' | 'editor' | 'admin', username = `${role}-${Math.random().toString(36).slice(2, 8)}`): Promise<SignedIn> {
  const admin = await signIn(server, firstAdmin.username, firstAdmin.password);
  const password = `password-of-${username}-long`;
  const added = await fetch(`${server.url}/api/users`, { method: 'POST', body: JSON.stringify({ username, password, role }), headers: { 'content-type': 'application/json', ...admin.headers } });
  if (added.status !== 201) throw new Error(`adding ${username} answered ${added.status}: ${await added.text()}`);
  return signIn(server, username, password);
}
