import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, csrfHeaders, pathParameter, readJson } from './api-client.ts';

/** The admin page's calls (用户管理), and a change of one's own password. Writes send the session's CSRF token. */

const person = api.users[':username'];

export type Person = InferResponseType<typeof api.users.$get, 200>['users'][number];
export type NewPerson = InferRequestType<typeof api.users.$post>['json'];
export type PersonPatch = InferRequestType<typeof person.$patch>['json'];
export type PersonHistoryEntry = InferResponseType<typeof person.history.$get, 200>['history'][number];

const withToken = (csrfToken: string) => ({ headers: csrfHeaders(csrfToken), init: { credentials: 'same-origin' } }) as const;
const param = (username: string) => ({ username: pathParameter(username) });

export async function fetchPeople(): Promise<Person[]> {
  return (await readJson(api.users.$get(undefined, { init: { credentials: 'same-origin' } }))).users;
}

export function addPerson(newPerson: NewPerson, csrfToken: string): Promise<Person> {
  return readJson(api.users.$post({ json: newPerson }, withToken(csrfToken)));
}

export function changePerson(username: string, patch: PersonPatch, csrfToken: string): Promise<Person> {
  return readJson(person.$patch({ param: param(username), json: patch }, withToken(csrfToken)));
}

/** Ends every session of the person; answers how many ended. */
export async function endSessionsOf(username: string, csrfToken: string): Promise<number> {
  return (await readJson(person.sessions.$delete({ param: param(username) }, withToken(csrfToken)))).sessionsEnded;
}

export async function fetchPersonHistory(username: string): Promise<PersonHistoryEntry[]> {
  return (await readJson(person.history.$get({ param: param(username) }, { init: { credentials: 'same-origin' } }))).history;
}

/** Changes the signed-in person's own password; answers how many of their other sessions ended. */
export async function changeOwnPassword(currentPassword: string, newPassword: string, csrfToken: string): Promise<number> {
  return (await readJson(api.session.password.$put({ json: { currentPassword, newPassword } }, withToken(csrfToken)))).sessionsEnded;
}
