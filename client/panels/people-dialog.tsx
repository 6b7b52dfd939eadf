import { useEffect, useState } from 'preact/hooks';
import { minuteInShanghai } from '../../server/contract/vocabulary/as-of.ts';
import type { Role } from '../../server/contract/session.ts';
import type { Person, PersonHistoryEntry } from '../api/people.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { translate, translateWith } from '../i18n/translate.ts';
import { describeFailure } from '../state/actions.ts';
import {
  addPerson, askToChangePerson, cancelPendingChange, closePeople, confirmPendingChange, endSessions, hideHistory, showHistory,
} from '../state/people-actions.ts';
import { pendingChange, people, peopleBusy, peopleFailure, peopleOutcome, personHistory } from '../state/people-state.ts';
import { session } from '../state/session-state.ts';
import './import-dialog.css';
import './people-dialog.css';

// The contract's own list is not imported: it would bring zod into the client.
const roles: Role[] = ['viewer', 'editor', 'admin'];
const roleNames: Record<Role, MessageKey> = { viewer: 'roleViewer', editor: 'roleEditor', admin: 'roleAdmin' };
const roleName = (role: Role | null) => (role === null ? '—' : translate(roleNames[role]));

function Time({ instant }: { instant: string | null }) {
  if (instant === null) return <span class="people-no-data">{translate('peopleNoData')}</span>;
  return <time dateTime={instant} title={translate('shanghaiTime')}>{minuteInShanghai(instant)}</time>;
}

function PersonRow({ person }: { person: Person }) {
  const isSelf = person.username === session.value?.username;
  const busy = peopleBusy.value;
  return (
    <tr data-testid="person-row" data-username={person.username} data-role={person.role} data-disabled={String(person.disabled)} class={person.disabled ? 'person-disabled' : ''}>
      <td><strong>{person.username}</strong>{isSelf && <span class="panel-note">{translate('peopleYou')}</span>}</td>
      <td>
        <select
          data-testid="person-role" aria-label={`${translate('peopleRole')} ${person.username}`} value={person.role} disabled={busy}
          onChange={(event) => {
            const role = (event.currentTarget as HTMLSelectElement).value as Role;
            // The select shows the server's role until the change is confirmed and made.
            (event.currentTarget as HTMLSelectElement).value = person.role;
            void askToChangePerson(person.username, { role });
          }}
        >
          {roles.map((role) => <option key={role} value={role}>{roleName(role)}</option>)}
        </select>
      </td>
      <td class="person-state">
        <span class={`person-state-badge${person.disabled ? ' is-disabled' : ''}`}>{person.disabled ? translate('peopleDisabled') : translate('peopleEnabled')}</span>
        <button type="button" data-testid="person-toggle-disabled" disabled={busy} onClick={() => void askToChangePerson(person.username, { disabled: !person.disabled })}>
          {person.disabled ? translate('peopleEnable') : translate('peopleDisable')}
        </button>
      </td>
      <td class="person-sessions">
        <span data-testid="person-sessions">{person.activeSessions}</span>
        <button type="button" data-testid="person-end-sessions" disabled={busy || person.activeSessions === 0} onClick={() => void endSessions(person.username)}>{translate('peopleEndSessions')}</button>
      </td>
      <td><Time instant={person.lastSignedInAt} /></td>
      <td>
        <button type="button" class="link-button" data-testid="person-history" aria-pressed={personHistory.value?.username === person.username}
          onClick={() => void (personHistory.value?.username === person.username ? hideHistory() : showHistory(person.username))}>
          {translate('peopleHistory')}
        </button>
      </td>
    </tr>
  );
}

/** One line of a person's history, in the interface's language. */
function describeChange(entry: PersonHistoryEntry): string {
  const count = entry.sessionsEnded ?? 0;
  switch (entry.action) {
    case 'added': return translateWith('personAdded', { role: roleName(entry.roleAfter) });
    case 'role_changed': return translateWith('personRoleChanged', { before: roleName(entry.roleBefore), after: roleName(entry.roleAfter) });
    case 'disabled': return translateWith('personDisabled', { count });
    case 'enabled': return translate('personEnabled');
    case 'sessions_revoked': return translateWith('personSessionsRevoked', { count });
    case 'password_changed': return translateWith('personPasswordChanged', { count });
    case 'password_reset': return translateWith('personPasswordReset', { count });
  }
}

/** What the last change did, its values in the interface's language too (a role's name). */
function describeOutcome(outcome: NonNullable<typeof peopleOutcome.value>): string {
  const values = Object.fromEntries(Object.entries(outcome.values).map(([name, value]) => [name, typeof value === 'object' ? translate(value.message) : value]));
  return translateWith(outcome.key, values);
}

function History() {
  const shown = personHistory.value;
  if (!shown) return null;
  return (
    <section class="people-history" data-testid="person-history-list">
      <h3>{translateWith('peopleHistoryHeading', { name: shown.username })}</h3>
      {shown.entries.length === 0 ? <p class="panel-note">{translate('peopleHistoryNone')}</p> : (
        <ol>
          {shown.entries.map((entry, index) => (
            <li key={`${entry.recordedAt}-${index}`} data-action={entry.action}>
              <Time instant={entry.recordedAt} /> · {describeChange(entry)} · <span class="panel-note">{entry.actor ?? translate('peopleBySystem')}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Confirmation() {
  const pending = pendingChange.value;
  if (!pending) return null;
  const text = pending.patch.disabled === true
    ? translateWith('peopleConfirmDisable', { name: pending.username })
    : translateWith('peopleConfirmDemote', { name: pending.username, before: roleName(pending.before.role), after: roleName(pending.patch.role ?? pending.before.role) });
  return (
    <div class="people-confirm" role="alertdialog" aria-label={text} data-testid="people-confirm">
      <p>{text}</p>
      <div class="people-confirm-buttons">
        <button type="button" class="primary" data-testid="people-confirm-yes" onClick={() => void confirmPendingChange()}>{translate('peopleConfirm')}</button>
        <button type="button" data-testid="people-confirm-no" onClick={cancelPendingChange}>{translate('peopleCancel')}</button>
      </div>
    </div>
  );
}

function AddPersonForm() {
  const [role, setRole] = useState<Role>('viewer');
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const username = (form.elements.namedItem('username') as HTMLInputElement).value.trim();
    const password = (form.elements.namedItem('password') as HTMLInputElement).value;
    if (await addPerson({ username, password, role })) {
      form.reset();
      setRole('viewer');
    }
  };
  return (
    <form class="people-add" data-testid="people-add-form" onSubmit={(event) => void submit(event)}>
      <h3>{translate('peopleAddHeading')}</h3>
      <div class="people-add-fields">
        <label>
          {translate('peopleName')}
          <input name="username" required minLength={3} maxLength={40} pattern="[A-Za-z0-9._\-]{3,40}" autoComplete="off" />
        </label>
        <label>
          {translate('peopleInitialPassword')}
          <input name="password" type="password" required maxLength={200} autoComplete="new-password" />
        </label>
        <label>
          {translate('peopleRole')}
          <select name="role" value={role} onChange={(event) => setRole((event.currentTarget as HTMLSelectElement).value as Role)}>
            {roles.map((option) => <option key={option} value={option}>{roleName(option)}</option>)}
          </select>
        </label>
        <button type="submit" class="primary" data-testid="people-add" disabled={peopleBusy.value}>{translate('peopleAdd')}</button>
      </div>
    </form>
  );
}

/**
 * 用户管理, for admins: every person with their role, state, sessions and last sign-in; a role
 * changed in place, 停用/启用, 注销会话, the history of a person, and a form to add one.
 * Disabling and lowering a role wait for 确定. The server's refusals (the last admin, a weak
 * password, a name taken) are shown in the interface's language. Escape closes it.
 */
export function PeopleDialog() {
  const list = people.value;
  const failure = peopleFailure.value;
  const outcome = peopleOutcome.value;
  useEffect(() => {
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closePeople();
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, []);
  return (
    <div class="import-dialog people-dialog" role="dialog" aria-modal="false" aria-labelledby="people-heading" data-testid="people-dialog" data-loaded={String(list !== null)} data-busy={String(peopleBusy.value)}>
      <header class="import-header">
        <h2 id="people-heading">{translate('peopleHeading')}</h2>
        <button type="button" class="icon-button" aria-label={translate('peopleClose')} data-testid="people-close" onClick={closePeople}>×</button>
      </header>
      <p class="panel-note">{translate('peopleIntro')}</p>
      {failure !== null && <p class="import-failure" role="alert" data-testid="people-failure">{describeFailure(failure)}</p>}
      {outcome && <p class="import-result" role="status" data-testid="people-outcome">{describeOutcome(outcome)}</p>}
      <Confirmation />
      {list === null && failure === null && <p class="panel-note">{translate('panelLoading')}</p>}
      {list && (
        <div class="import-table-scroll">
          <table class="import-table people-table" data-testid="people-table">
            <thead>
              <tr>
                <th>{translate('peopleName')}</th><th>{translate('peopleRole')}</th><th>{translate('peopleState')}</th>
                <th>{translate('peopleSessions')}</th><th>{translate('peopleLastSignIn')}</th><th />
              </tr>
            </thead>
            <tbody>
              {list.map((person) => <PersonRow key={person.username} person={person} />)}
            </tbody>
          </table>
        </div>
      )}
      <History />
      <AddPersonForm />
    </div>
  );
}
