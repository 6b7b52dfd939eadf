import { useEffect, useRef, useState } from 'preact/hooks';
import { translate } from '../i18n/translate.ts';
import { describeFailure } from '../state/actions.ts';
import { session } from '../state/session-state.ts';
import { clearSignInFailure, loadSession, signIn, signInFailure, signInPending, signOut } from '../state/session-actions.ts';
import type { MessageKey } from '../i18n/messages.ts';
import './sign-in.css';

const roleNames: Record<string, MessageKey> = { viewer: 'roleViewer', editor: 'roleEditor', admin: 'roleAdmin' };

/**
 * The top bar's sign-in: a 登录 button opening a small form, or the signed-in name and role with
 * 退出. Reading needs no sign-in; editors and admins see the edit controls once signed in.
 */
export function SignIn() {
  const [open, setOpen] = useState(false);
  const userNameInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void loadSession();
  }, []);
  useEffect(() => {
    if (open) userNameInput.current?.focus();
  }, [open]);
  const current = session.value;
  if (current) {
    return (
      <div class="sign-in" data-testid="signed-in">
        <span class="signed-in-user" data-testid="signed-in-user" title={translate('signedInAs')}>
          {current.username}
          <span class={`role-badge role-${current.role}`} data-testid="signed-in-role">{translate(roleNames[current.role] ?? 'roleViewer')}</span>
        </span>
        <button type="button" data-testid="sign-out" onClick={() => void signOut()}>{translate('signOut')}</button>
      </div>
    );
  }
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const username = (form.elements.namedItem('username') as HTMLInputElement).value.trim();
    const password = (form.elements.namedItem('password') as HTMLInputElement).value;
    if (await signIn(username, password)) setOpen(false);
  };
  const close = () => {
    setOpen(false);
    clearSignInFailure();
  };
  return (
    <div class="sign-in">
      <button type="button" data-testid="sign-in-open" aria-expanded={open} onClick={() => (open ? close() : setOpen(true))}>{translate('signIn')}</button>
      {open && (
        <form class="sign-in-form" data-testid="sign-in-form" onSubmit={(event) => void submit(event)} onKeyDown={(event) => event.key === 'Escape' && close()}>
          <label>
            {translate('userName')}
            <input ref={userNameInput} name="username" autoComplete="username" required maxLength={40} />
          </label>
          <label>
            {translate('password')}
            <input name="password" type="password" autoComplete="current-password" required maxLength={200} />
          </label>
          {signInFailure.value !== null && <p class="panel-error" role="alert" data-testid="sign-in-error">{describeFailure(signInFailure.value)}</p>}
          <div class="sign-in-buttons">
            <button type="submit" class="sign-in-submit" data-testid="sign-in-submit" disabled={signInPending.value}>{signInPending.value ? translate('signingIn') : translate('signIn')}</button>
            <button type="button" onClick={close}>{translate('signInCancel')}</button>
          </div>
          <p class="panel-note">{translate('signInNote')}</p>
        </form>
      )}
    </div>
  );
}
