import { useEffect, useState } from 'preact/hooks';
import { translate } from '../i18n/translate.ts';
import { session } from '../state/session-state.ts';
import { clearSignInFailure, loadSession, signOut } from '../state/session-actions.ts';
import { SignInForm } from './lazy-panels.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import './sign-in.css';

const roleNames: Record<string, MessageKey> = { viewer: 'roleViewer', editor: 'roleEditor', admin: 'roleAdmin' };

/**
 * The top bar's sign-in: a 登录 button opening a small form, or the signed-in name and role with
 * 退出. Reading needs no sign-in; editors and admins see the edit controls once signed in.
 */
export function SignIn() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    void loadSession();
  }, []);
  const current = session.value;
  if (current) {
    return (
      <div class="sign-in" data-testid="signed-in">
        <span class="signed-in-user" data-testid="signed-in-user" title={`${translate('signedInAs')} ${current.username}`}>
          <span class="signed-in-name">{current.username}</span>
          <span class={`role-badge role-${current.role}`} data-testid="signed-in-role">{translate(roleNames[current.role] ?? 'roleViewer')}</span>
        </span>
        <button type="button" data-testid="sign-out" onClick={() => void signOut()}>{translate('signOut')}</button>
      </div>
    );
  }
  const close = () => {
    setOpen(false);
    clearSignInFailure();
  };
  return (
    <div class="sign-in">
      <button type="button" data-testid="sign-in-open" aria-expanded={open} onClick={() => (open ? close() : setOpen(true))}>{translate('signIn')}</button>
      {open && <SignInForm onClose={close} />}
    </div>
  );
}
