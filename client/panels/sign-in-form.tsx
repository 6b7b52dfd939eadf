import { useEffect, useRef } from 'preact/hooks';
import { translate } from '../i18n/translate.ts';
import { describeFailure } from '../state/actions.ts';
import { signIn, signInFailure, signInPending } from '../state/session-actions.ts';

/** The small form under 登录 (fetched when first opened, see lazy-panels.tsx); `onClose` hides it. */
export function SignInForm({ onClose }: { onClose: () => void }) {
  const userNameInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    userNameInput.current?.focus();
  }, []);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const username = (form.elements.namedItem('username') as HTMLInputElement).value.trim();
    const password = (form.elements.namedItem('password') as HTMLInputElement).value;
    if (await signIn(username, password)) onClose();
  };
  return (
    <form class="sign-in-form" data-testid="sign-in-form" onSubmit={(event) => void submit(event)} onKeyDown={(event) => event.key === 'Escape' && onClose()}>
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
        <button type="button" onClick={onClose}>{translate('signInCancel')}</button>
      </div>
      <p class="panel-note">{translate('signInNote')}</p>
    </form>
  );
}
