import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serversUnderTest } from '../helpers/api.ts';
import { startPrivateServer } from '../helpers/private-server.ts';
import type { ServerUnderTest } from '../helpers/start-servers.ts';
import { firstAdmin, signIn, type SignedIn } from './projects-sign-in.ts';

/**
 * The admin page's API (issue 12, item 4): change a role, disable and enable, end sessions, reset
 * and change passwords, the last-admin rule, and the history of it all, over HTTP on each database.
 */
describe.each(serversUnderTest())('managing people on the $database database', (shared) => {
  let server: ServerUnderTest & { stop: () => Promise<void> };
  let admin: SignedIn;
  beforeAll(async () => {
    server = await startPrivateServer(shared, 'people_admin');
    admin = await signIn(server, firstAdmin.username, firstAdmin.password);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const send = async (method: string, path: string, who: SignedIn | null, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method, body: body === undefined ? undefined : JSON.stringify(body),
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...who?.headers },
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const passwordOf = (username: string) => `password-of-${username}-long`;
  const addPerson = async (username: string, role: 'viewer' | 'editor' | 'admin') => {
    const added = await send('POST', '/api/users', admin, { username, password: passwordOf(username), role });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    return added.body;
  };
  const signInAnswer = (username: string, password: string) => send('POST', '/api/session', null, { username, password });
  const sessionOf = async (who: SignedIn) => (await send('GET', '/api/session', who)).body;
  const personIn = async (username: string) => (await send('GET', '/api/users', admin)).body.users.find((person: { username: string }) => person.username === username);
  const historyOf = async (username: string) => (await send('GET', `/api/users/${username}/history`, admin)).body.history as { action: string; actor: string | null; roleBefore: string | null; roleAfter: string | null; sessionsEnded: number | null }[];
  const square = { type: 'Polygon', coordinates: [[[121.5195, 31.2195], [121.5205, 31.2195], [121.5205, 31.2205], [121.5195, 31.2205], [121.5195, 31.2195]]] };
  const createProject = (who: SignedIn, code: string) => send('POST', '/api/collections/projects/items', who, {
    type: 'Feature', geometry: square,
    properties: { code, title_zh: '用户管理测试项目', action: 'built_form', item: 6, lead_unit: '城建中心（房管办）', status: 'planned', start_date: '2025-03-01', end_date: '2025-10-31', progress_percent: 0 },
  });

  it('lists people with their state, sessions and last sign-in, and null where nothing was recorded', async () => {
    await addPerson('list-never', 'viewer');
    const never = await personIn('list-never');
    expect(never).toMatchObject({ username: 'list-never', role: 'viewer', disabled: false, activeSessions: 0, lastSignedInAt: null });
    expect(Date.parse(never.createdAt)).not.toBeNaN();
    await signIn(server, 'list-never', passwordOf('list-never'));
    const signedIn = await personIn('list-never');
    expect(signedIn.activeSessions).toBe(1);
    expect(Date.parse(signedIn.lastSignedInAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('disabling refuses sign-in in both languages and ends the sessions at once; enabling lets the person in again', async () => {
    await addPerson('zhao.lei', 'editor');
    const editor = await signIn(server, 'zhao.lei', passwordOf('zhao.lei'));
    expect((await sessionOf(editor)).signedIn).toBe(true);

    const disabled = await send('PATCH', '/api/users/zhao.lei', admin, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ username: 'zhao.lei', disabled: true, activeSessions: 0 });
    expect((await sessionOf(editor)).signedIn).toBe(false);
    expect((await createProject(editor, 'PA-DISABLED')).status).toBe(401);
    const refused = await signInAnswer('zhao.lei', passwordOf('zhao.lei'));
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'AccountDisabled', messageZh: '该账号已停用，请联系管理员' });
    expect(refused.body.message).toMatch(/disabled/);
    // A wrong password hears what any wrong password hears: the account's state is not told to a guesser.
    expect((await signInAnswer('zhao.lei', 'not-the-password-at-all')).status).toBe(401);

    const enabled = await send('PATCH', '/api/users/Zhao.Lei', admin, { disabled: false });
    expect(enabled.status).toBe(200);
    expect(enabled.body.disabled).toBe(false);
    const again = await signIn(server, 'zhao.lei', passwordOf('zhao.lei'));
    expect((await createProject(again, 'PA-ENABLED')).status).toBe(201);
    // The old session stays ended: enabling opens the door, it does not bring sessions back.
    expect((await sessionOf(editor)).signedIn).toBe(false);
  });

  it('a changed role counts from the next request: an editor made a viewer cannot write, made an editor again can', async () => {
    await addPerson('qian.ying', 'editor');
    const editor = await signIn(server, 'qian.ying', passwordOf('qian.ying'));
    expect((await createProject(editor, 'PA-ROLE-1')).status).toBe(201);
    const demoted = await send('PATCH', '/api/users/qian.ying', admin, { role: 'viewer' });
    expect(demoted.status).toBe(200);
    expect(demoted.body.role).toBe('viewer');
    const refused = await createProject(editor, 'PA-ROLE-2');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('Forbidden');
    expect((await sessionOf(editor)).role).toBe('viewer');
    expect((await send('PATCH', '/api/users/qian.ying', admin, { role: 'editor' })).status).toBe(200);
    expect((await createProject(editor, 'PA-ROLE-2')).status).toBe(201);
  });

  it('ends every session of a person on request, and says how many', async () => {
    await addPerson('sun.bo', 'viewer');
    const first = await signIn(server, 'sun.bo', passwordOf('sun.bo'));
    const second = await signIn(server, 'sun.bo', passwordOf('sun.bo'));
    const revoked = await send('DELETE', '/api/users/sun.bo/sessions', admin);
    expect(revoked).toEqual({ status: 200, body: { sessionsEnded: 2 } });
    expect((await sessionOf(first)).signedIn).toBe(false);
    expect((await sessionOf(second)).signedIn).toBe(false);
    expect((await personIn('sun.bo')).activeSessions).toBe(0);
    // Not disabled: signing in again works.
    await signIn(server, 'sun.bo', passwordOf('sun.bo'));
    expect((await send('DELETE', '/api/users/sun.bo/sessions', admin)).body).toEqual({ sessionsEnded: 1 });
  });

  it('changing one\'s own password: a wrong current one or a weak new one is refused; then the other sessions end, this one stays, and only the new password signs in', async () => {
    await addPerson('li.na', 'viewer');
    const here = await signIn(server, 'li.na', passwordOf('li.na'));
    const elsewhere = await signIn(server, 'li.na', passwordOf('li.na'));
    const change = (body: unknown, who: SignedIn = here) => send('PUT', '/api/session/password', who, body);

    const wrong = await change({ currentPassword: 'not-the-current-one', newPassword: 'a-brand-new-password' });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'WrongPassword', messageZh: '当前密码不正确' });
    const weak = await change({ currentPassword: passwordOf('li.na'), newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('WeakPassword');
    expect(weak.body.messageZh).toMatch(/12/);
    // Without the CSRF token a page elsewhere cannot change it through the cookie.
    const forged = await fetch(`${server.url}/api/session/password`, {
      method: 'PUT', body: JSON.stringify({ currentPassword: passwordOf('li.na'), newPassword: 'a-brand-new-password' }), headers: { 'content-type': 'application/json', cookie: here.cookie },
    });
    expect(forged.status).toBe(403);

    const changed = await change({ currentPassword: passwordOf('li.na'), newPassword: 'a-brand-new-password' });
    expect(changed).toEqual({ status: 200, body: { sessionsEnded: 1 } });
    expect((await sessionOf(here)).signedIn).toBe(true);
    expect((await sessionOf(elsewhere)).signedIn).toBe(false);
    expect((await signInAnswer('li.na', passwordOf('li.na'))).status).toBe(401);
    await signIn(server, 'li.na', 'a-brand-new-password');
  });

  it('counts wrong current passwords like wrong sign-ins: the sixth try waits (429), even with the right one', async () => {
    await addPerson('guess.me', 'viewer');
    const thief = await signIn(server, 'guess.me', passwordOf('guess.me'));
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await send('PUT', '/api/session/password', thief, { currentPassword: `guess-${attempt}`, newPassword: 'a-password-of-the-thief' })).status).toBe(403);
    }
    const locked = await send('PUT', '/api/session/password', thief, { currentPassword: passwordOf('guess.me'), newPassword: 'a-password-of-the-thief' });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('TooManySignInAttempts');
  });

  it('an admin resets a person\'s password: their sessions end, the new password signs in', async () => {
    await addPerson('zhou.qi', 'editor');
    const before = await signIn(server, 'zhou.qi', passwordOf('zhou.qi'));
    expect((await send('PATCH', '/api/users/zhou.qi', admin, { password: 'short' })).status).toBe(400);
    const reset = await send('PATCH', '/api/users/zhou.qi', admin, { password: 'a-password-set-by-the-admin' });
    expect(reset.status).toBe(200);
    expect((await sessionOf(before)).signedIn).toBe(false);
    expect((await signInAnswer('zhou.qi', passwordOf('zhou.qi'))).status).toBe(401);
    await signIn(server, 'zhou.qi', 'a-password-set-by-the-admin');
    expect((await sessionOf(admin)).signedIn).toBe(true);
  });

  it('keeps one enabled admin: the last cannot be demoted or disabled, by another or by themselves (409); with a second admin it can', async () => {
    const lastAdmin = [
      await send('PATCH', `/api/users/${firstAdmin.username}`, admin, { role: 'editor' }),
      await send('PATCH', `/api/users/${firstAdmin.username}`, admin, { disabled: true }),
      await send('PATCH', `/api/users/${firstAdmin.username}`, admin, { role: 'viewer', disabled: true }),
    ];
    for (const refused of lastAdmin) {
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('LastAdmin');
      expect(refused.body.messageZh).toMatch(/最后一位启用的管理员/);
    }
    expect((await personIn(firstAdmin.username))).toMatchObject({ role: 'admin', disabled: false });

    await addPerson('wu.gang', 'admin');
    const second = await signIn(server, 'wu.gang', passwordOf('wu.gang'));
    // A disabled admin is no admin: with wu.gang disabled, the first admin is the last again.
    expect((await send('PATCH', '/api/users/wu.gang', admin, { disabled: true })).status).toBe(200);
    expect((await send('PATCH', `/api/users/${firstAdmin.username}`, admin, { role: 'editor' })).status).toBe(409);
    expect((await send('PATCH', '/api/users/wu.gang', admin, { disabled: false })).status).toBe(200);
    const secondAgain = await signIn(server, 'wu.gang', passwordOf('wu.gang'));
    expect((await sessionOf(second)).signedIn).toBe(false);
    // Two admins demoting each other at once: one wins, the other hears 409, one admin remains.
    const firstAgain = await signIn(server, firstAdmin.username, firstAdmin.password);
    const both = await Promise.all([
      send('PATCH', '/api/users/wu.gang', firstAgain, { role: 'editor' }),
      send('PATCH', `/api/users/${firstAdmin.username}`, secondAgain, { role: 'editor' }),
    ]);
    // The loser hears 409, or 403 when the winner's change had already made it no admin.
    expect(both.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(both.filter((answer) => answer.status !== 200).map((answer) => answer.body.code)).toEqual([expect.stringMatching(/^(LastAdmin|Forbidden)$/)]);
    const remaining = both[0].status === 200 ? firstAgain : secondAgain;
    const admins = (await send('GET', '/api/users', remaining)).body.users.filter((person: { role: string; disabled: boolean }) => person.role === 'admin' && !person.disabled);
    expect(admins).toHaveLength(1);
    // Put back as it was for the tests after this one.
    for (const username of [firstAdmin.username, 'wu.gang']) expect((await send('PATCH', `/api/users/${username}`, remaining, { role: 'admin' })).status).toBe(200);
  });

  it('answers 404 for a name nobody has, 400 for an empty or unknown change', async () => {
    const unknown = await send('PATCH', '/api/users/nobody-here', admin, { role: 'viewer' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.messageZh).toBe('没有名为“nobody-here”的用户');
    expect((await send('DELETE', '/api/users/nobody-here/sessions', admin)).status).toBe(404);
    expect((await send('GET', '/api/users/nobody-here/history', admin)).status).toBe(404);
    expect((await send('PATCH', '/api/users/admin', admin, {})).status).toBe(400);
    expect((await send('PATCH', '/api/users/admin', admin, { role: 'owner' })).status).toBe(400);
    expect((await send('PATCH', '/api/users/admin', admin, { username: 'renamed' })).status).toBe(400);
    expect((await send('PATCH', `/api/users/${'x'.repeat(41)}`, admin, { role: 'viewer' })).status).toBe(400);
  });

  it('refuses every admin route to people signed out (401) and to editors and viewers (403), and changes nothing', async () => {
    await addPerson('target.person', 'viewer');
    await addPerson('plain.editor', 'editor');
    const editor = await signIn(server, 'plain.editor', passwordOf('plain.editor'));
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/users'],
      ['POST', '/api/users', { username: 'sneaked-in', password: 'a-long-enough-password', role: 'admin' }],
      ['PATCH', '/api/users/target.person', { role: 'admin' }],
      ['PATCH', '/api/users/plain.editor', { role: 'admin' }],
      ['DELETE', '/api/users/target.person/sessions'],
      ['GET', '/api/users/target.person/history'],
    ];
    for (const [method, path, body] of routes) {
      expect((await send(method, path, null, body)).status, `${method} ${path} signed out`).toBe(401);
      const refused = await send(method, path, editor, body);
      expect(refused.status, `${method} ${path} as an editor`).toBe(403);
      expect(refused.body.messageZh).toBeTruthy();
    }
    expect((await send('PUT', '/api/session/password', null, { currentPassword: 'whatever-it-is', newPassword: 'a-long-enough-password' })).status).toBe(401);
    expect(await personIn('target.person')).toMatchObject({ role: 'viewer' });
    expect(await personIn('plain.editor')).toMatchObject({ role: 'editor' });
    expect(await personIn('sneaked-in')).toBeUndefined();
  });

  it('records every change of a person, with who made it, newest first', async () => {
    await addPerson('history.person', 'viewer');
    const person = await signIn(server, 'history.person', passwordOf('history.person'));
    await send('PATCH', '/api/users/history.person', admin, { role: 'editor' });
    await send('DELETE', '/api/users/history.person/sessions', admin);
    await send('PATCH', '/api/users/history.person', admin, { disabled: true });
    await send('PATCH', '/api/users/history.person', admin, { disabled: false, password: 'a-password-reset-by-admin' });
    // Nothing changes, nothing is recorded.
    await send('PATCH', '/api/users/history.person', admin, { role: 'editor' });
    const again = await signIn(server, 'history.person', 'a-password-reset-by-admin');
    await send('PUT', '/api/session/password', again, { currentPassword: 'a-password-reset-by-admin', newPassword: 'a-password-of-my-own' });
    expect(person).toBeDefined();
    const history = await historyOf('history.person');
    expect(history.map((entry) => [entry.action, entry.actor])).toEqual([
      ['password_changed', 'history.person'],
      ['password_reset', 'admin'],
      ['enabled', 'admin'],
      ['disabled', 'admin'],
      ['sessions_revoked', 'admin'],
      ['role_changed', 'admin'],
      ['added', 'admin'],
    ]);
    expect(history.find((entry) => entry.action === 'role_changed')).toMatchObject({ roleBefore: 'viewer', roleAfter: 'editor' });
    expect(history.find((entry) => entry.action === 'sessions_revoked')!.sessionsEnded).toBe(1);
    expect(history.find((entry) => entry.action === 'added')!.roleAfter).toBe('viewer');
    // The first admin was added by the server itself, from its environment: nobody to name.
    expect(await historyOf(firstAdmin.username)).toContainEqual(expect.objectContaining({ action: 'added', actor: null, roleAfter: 'admin' }));
  });
});
