/**
 * The first admin of the browser tests' dashboard (start-dashboard.ts passes it in the
 * environment), and a way to add people with a role through the real API.
 */
export const e2eAdmin = { username: 'admin', password: 'a-long-e2e-password-for-admin' };

/** Signs in as the first admin over HTTP and adds `username` with `role`; answers the password. */
export async function addUser(dashboardUrl: string, username: string, role: 'viewer' | 'editor' | 'admin'): Promise<string> {
  const signIn = await fetch(new URL('/api/session', dashboardUrl), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(e2eAdmin),
  });
  if (signIn.status !== 200) throw new Error(`admin sign-in answered ${signIn.status}: ${await signIn.text()}`);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = await signIn.json() as { csrfToken: string };
  const password = `password-of-${username}-long`;
  const added = await fetch(new URL('/api/users', dashboardUrl), {
    method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ username, password, role }),
  });
  if (added.status !== 201 && added.status !== 409) throw new Error(`adding ${username} answered ${added.status}: ${await added.text()}`);
  return password;
}
