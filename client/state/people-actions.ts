import { batch } from '@preact/signals';
import { addPerson as requestAddPerson, changeOwnPassword as requestPasswordChange, changePerson, endSessionsOf, fetchPeople, fetchPersonHistory, type NewPerson, type PersonPatch } from '../api/people.ts';
import {
  passwordChangeDone, passwordChangeFailure, passwordChangePending, pendingChange, people, peopleBusy, peopleFailure, peopleOpen,
  peopleOutcome, personHistory,
} from './people-state.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { loadSession } from './session-actions.ts';
import { session } from './session-state.ts';

/** The only functions that change the admin page's state (用户管理) and the 修改密码 form's. */

const roleRank = { viewer: 1, editor: 2, admin: 3 } as const;

/** Opens the page with the list read afresh: a list from an earlier opening may be out of date (sessions come and go). */
export async function openPeople(): Promise<void> {
  batch(() => {
    peopleOpen.value = true;
    people.value = null;
    peopleFailure.value = null;
    peopleOutcome.value = null;
    pendingChange.value = null;
    personHistory.value = null;
  });
  await reloadPeople();
}

export function closePeople(): void {
  batch(() => {
    peopleOpen.value = false;
    pendingChange.value = null;
    personHistory.value = null;
  });
}

async function reloadPeople(): Promise<void> {
  try {
    people.value = await fetchPeople();
  } catch (error) {
    peopleFailure.value = error;
  }
}

/**
 * Runs one change of the page: its outcome or failure replaces the last one, and the list and
 * an open history are read again. A change to oneself may have ended one's own session, which
 * is then read again too (the page closes if it has).
 */
type Outcome = NonNullable<typeof peopleOutcome.value>;
const roleMessages = { viewer: 'roleViewer', editor: 'roleEditor', admin: 'roleAdmin' } as const;

async function runChange(username: string, change: (csrfToken: string) => Promise<Outcome>): Promise<boolean> {
  const csrfToken = session.value?.csrfToken ?? '';
  batch(() => {
    peopleBusy.value = true;
    peopleFailure.value = null;
    peopleOutcome.value = null;
  });
  let succeeded = false;
  try {
    peopleOutcome.value = await change(csrfToken);
    succeeded = true;
  } catch (error) {
    peopleFailure.value = error;
  }
  if (username.toLowerCase() === session.value?.username.toLowerCase()) {
    await loadSession();
    if (session.value?.role !== 'admin') closePeople();
  }
  if (peopleOpen.value) {
    await reloadPeople();
    if (personHistory.value?.username === username) await showHistory(username);
  }
  peopleBusy.value = false;
  return succeeded;
}

/** Adds a person; true when added (the form then empties). */
export function addPerson(newPerson: NewPerson): Promise<boolean> {
  return runChange(newPerson.username, async (csrfToken) => {
    const added = await requestAddPerson(newPerson, csrfToken);
    return { key: 'peopleAdded', values: { name: added.username } };
  });
}

/**
 * A change from the table: disabling someone or lowering their role waits for 确定
 * (confirmPendingChange); enabling and raising a role are made at once.
 */
export async function askToChangePerson(username: string, patch: PersonPatch): Promise<void> {
  const before = people.value?.find((person) => person.username === username);
  if (!before) return;
  const lowersRole = patch.role !== undefined && roleRank[patch.role] < roleRank[before.role];
  if (patch.disabled === true || lowersRole) {
    pendingChange.value = { username, patch, before };
    return;
  }
  await applyChange(username, patch);
}

export async function confirmPendingChange(): Promise<void> {
  const pending = pendingChange.value;
  if (!pending) return;
  pendingChange.value = null;
  await applyChange(pending.username, pending.patch);
}

export function cancelPendingChange(): void {
  pendingChange.value = null;
}

function applyChange(username: string, patch: PersonPatch): Promise<boolean> {
  return runChange(username, async (csrfToken): Promise<Outcome> => {
    const previous = people.value?.find((person) => person.username === username);
    const changed = await changePerson(username, patch, csrfToken);
    if (patch.disabled === true) return { key: 'peopleDisabledDone', values: { name: username, count: previous?.activeSessions ?? 0 } };
    if (patch.disabled === false) return { key: 'peopleEnabledDone', values: { name: username } };
    return { key: 'peopleRoleChanged', values: { name: username, role: { message: roleMessages[changed.role] } } };
  });
}

export function endSessions(username: string): Promise<boolean> {
  return runChange(username, async (csrfToken) => {
    const count = await endSessionsOf(username, csrfToken);
    return { key: 'peopleSessionsEnded', values: { name: username, count } };
  });
}

/** Shows a person's history under the table; the same person again hides it. */
export async function showHistory(username: string): Promise<void> {
  try {
    const entries = await fetchPersonHistory(username);
    personHistory.value = { username, entries };
  } catch (error) {
    peopleFailure.value = error;
  }
}

export function hideHistory(): void {
  personHistory.value = null;
}

/** The 修改密码 form opens empty: no failure or outcome of an earlier time. */
export function resetPasswordChange(): void {
  batch(() => {
    passwordChangeFailure.value = null;
    passwordChangeDone.value = null;
  });
}

/** Changes the signed-in person's own password; a mismatch of the two new ones is refused before asking the server. */
export async function changeOwnPassword(currentPassword: string, newPassword: string, repeatedPassword: string): Promise<boolean> {
  if (newPassword !== repeatedPassword) {
    passwordChangeFailure.value = 'passwordMismatch' satisfies MessageKey;
    return false;
  }
  batch(() => {
    passwordChangePending.value = true;
    passwordChangeFailure.value = null;
    passwordChangeDone.value = null;
  });
  try {
    const ended = await requestPasswordChange(currentPassword, newPassword, session.value?.csrfToken ?? '');
    batch(() => {
      passwordChangeDone.value = ended;
      passwordChangePending.value = false;
    });
    return true;
  } catch (error) {
    batch(() => {
      passwordChangeFailure.value = error;
      passwordChangePending.value = false;
    });
    return false;
  }
}
