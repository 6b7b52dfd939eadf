import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serversUnderTest } from '../helpers/api.ts';
import { startPrivateServer } from '../helpers/private-server.ts';
import type { ServerUnderTest } from '../helpers/start-servers.ts';
import { anonymousAnalysisLimit } from '../../server/auth/limit-anonymous.ts';
import { firstAdmin, signIn, signInAs, type SignedIn } from './projects-sign-in.ts';

const signInAnswer = (server: ServerUnderTest, username: string, password: string) =>
  fetch(`${server.url}/api/session`, { method: 'POST', body: JSON.stringify({ username, password }), headers: { 'content-type': 'application/json' } });

describe.each(serversUnderTest())('people and sign-in on the $database database', (shared) => {
  let server: ServerUnderTest & { stop: () => Promise<void> };
  let admin: SignedIn;
  beforeAll(async () => {
    server = await startPrivateServer(shared, 'people');
    admin = await signIn(server, firstAdmin.username, firstAdmin.password);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const addPerson = async (username: string, password: string, role = 'editor') => {
    const response = await fetch(`${server.url}/api/users`, {
      method: 'POST', body: JSON.stringify({ username, password, role }), headers: { 'content-type': 'application/json', ...admin.headers },
    });
    return { status: response.status, body: await response.json() };
  };

  it('refuses passwords of spaces or with control characters, with the reason in Chinese', async () => {
    for (const [password, reason] of [[' '.repeat(12), /空格/], [`${' '.repeat(6)}abc${' '.repeat(6)}`, /空格/], ['twelve-chars\u0000long', /控制字符/], ['tab\tin-the-password', /控制字符/], ['short', /12/]] as const) {
      const answer = await addPerson(`weak-${Math.random().toString(36).slice(2, 8)}`, password);
      expect(answer.status, JSON.stringify(password)).toBe(400);
      expect(answer.body.code).toBe('WeakPassword');
      expect(answer.body.messageZh).toMatch(reason);
    }
    expect((await addPerson('strong-person', 'a long enough pass phrase')).status).toBe(201);
  });

  it('keeps names unique regardless of case, also when two are added at once', async () => {
    expect((await addPerson('wang.min', 'password-of-wang-min')).status).toBe(201);
    const clash = await addPerson('Wang.Min', 'password-of-another-wang');
    expect(clash.status).toBe(409);
    expect(clash.body.messageZh).toContain('wang.min');
    const together = await Promise.all([addPerson('Li.Hua', 'password-of-li-hua-1'), addPerson('li.hua', 'password-of-li-hua-2')]);
    expect(together.map((answer) => answer.status).sort()).toEqual([201, 409]);
  });

  it('makes an account wait after five wrong passwords in a row (429, Retry-After), even for the right one, and not the others', async () => {
    expect((await addPerson('guessed', 'the-right-password-1')).status).toBe(201);
    expect((await addPerson('bystander', 'the-right-password-2')).status).toBe(201);
    // A success in between starts the count again: typos do not add up across a day.
    for (let attempt = 0; attempt < 4; attempt += 1) expect((await signInAnswer(server, 'guessed', 'wrong')).status).toBe(401);
    expect((await signInAnswer(server, 'guessed', 'the-right-password-1')).status).toBe(200);
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await signInAnswer(server, 'guessed', `wrong-${attempt}`)).status).toBe(401);
    const locked = await signInAnswer(server, 'guessed', 'the-right-password-1');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = await locked.json();
    expect(body.code).toBe('TooManySignInAttempts');
    expect(body.messageZh).toMatch(/后重试/);
    expect((await signInAnswer(server, 'bystander', 'the-right-password-2')).status).toBe(200);
  });

  it('limits the impact analysis for anonymous callers of one address (429, Retry-After), and not for people signed in', async () => {
    const square = { type: 'Polygon', coordinates: [[[121.5195, 31.2195], [121.5205, 31.2195], [121.5205, 31.2205], [121.5195, 31.2205], [121.5195, 31.2195]]] };
    const impact = (headers: Record<string, string> = {}) => fetch(`${server.url}/api/impact`, {
      method: 'POST', body: JSON.stringify({ geometry: square }), headers: { 'content-type': 'application/json', ...headers },
    });
    for (let call = 0; call < anonymousAnalysisLimit.requests; call += 1) expect((await impact()).status).toBe(200);
    const refused = await impact();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await refused.json()).messageZh).toMatch(/登录/);
    const editor = await signInAs(server, 'editor');
    expect((await impact(editor.headers)).status).toBe(200);
  });
});
