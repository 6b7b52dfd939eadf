import { useEffect, useState } from 'preact/hooks';
import { translate } from '../i18n/translate.ts';
import { session } from '../state/session-state.ts';
import { clearSignInFailure, loadSession, signOut } from '../state/session-actions.ts';
import { PasswordChangeForm, SignInForm } from './lazy-panels.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import './sign-in.css';

const roleNames: Record<string, MessageKey> = { viewer: 'roleViewer', editor: 'roleEditor', admin: 'roleAdmin' };

/** Opens 用户管理: its actions and the people API are fetched then, not with the first map. */
function openPeople(): void {
  void import('../state/people-actions.ts').then((actions) => actions.openPeople());
}

/**
 * The top bar's sign-in: a 登录 button opening a small form, or the signed-in name and role with
 * 退出. The name opens the person's menu: 修改密码 for everyone, 用户管理 for admins. Reading
 * needs no sign-in; editors and admins see the edit controls once signed in.
 */
export function SignIn() {
  const [open, setOpen] = useState(false);
  const [menu, setMenu] = useState<'closed' | 'menu' | 'password'>('closed');
  useEffect(() => {
    void loadSession();
  }, []);
  const current = session.value;
  if (current) {
    return (
      <div class="sign-in" data-testid="signed-in">
        <button
          type="button" class="signed-in-user" data-testid="signed-in-user" title={`${translate('signedInAs')} ${current.username}`}
          aria-label={translate('accountMenu')} aria-haspopup="menu" aria-expanded={menu === 'menu'} onClick={() => setMenu(menu === 'closed' ? 'menu' : 'closed')}
        >
          <span class="signed-in-name">{current.username}</span>
          <span class={`role-badge role-${current.role}`} data-testid="signed-in-role">{translate(roleNames[current.role] ?? 'roleViewer')}</span>
          <span aria-hidden="true">▾</span>
        </button>
        {menu === 'menu' && (
          <div class="account-menu" role="menu" data-testid="account-menu" onKeyDown={(event) => event.key === 'Escape' && setMenu('closed')}>
            {current.role === 'admin' && (
              <button type="button" role="menuitem" data-testid="open-people" onClick={() => { setMenu('closed'); openPeople(); }}>{translate('peopleOpen')}</button>
            )}
            <button type="button" role="menuitem" data-testid="open-password-change" onClick={() => setMenu('password')}>{translate('passwordChangeOpen')}</button>
          </div>
        )}
        {menu === 'password' && <PasswordChangeForm onClose={() => setMenu('closed')} />}
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
