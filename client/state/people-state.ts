import { signal } from '@preact/signals';
import type { Person, PersonHistoryEntry, PersonPatch } from '../api/people.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** The admin page (用户管理) and the 修改密码 form. Changed only by people-actions.ts. */

export const peopleOpen = signal(false);
/** The people as the server last answered; null until the first answer. */
export const people = signal<Person[] | null>(null);
/** Why the last read or change failed: the error itself, described in the interface's language when shown. */
export const peopleFailure = signal<unknown>(null);
/** What the last change did, as a message and its values, a value that is itself interface text by its key (shown in the interface's language). */
export const peopleOutcome = signal<{ key: MessageKey; values: Record<string, string | number | { message: MessageKey }> } | null>(null);
/** A change that waits for the admin's 确定: disabling someone or lowering their role. */
export const pendingChange = signal<{ username: string; patch: PersonPatch; before: Person } | null>(null);
/** The history on show, of one person. */
export const personHistory = signal<{ username: string; entries: PersonHistoryEntry[] } | null>(null);
/** A request of the page is under way: its buttons wait. */
export const peopleBusy = signal(false);

export const passwordChangePending = signal(false);
/** Why the change failed: the key of a message for a problem found before asking (the two new passwords differ), or the server's error. */
export const passwordChangeFailure = signal<MessageKey | unknown>(null);
/** How many other sessions the change ended; null until it is done. */
export const passwordChangeDone = signal<number | null>(null);
