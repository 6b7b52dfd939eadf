import { useEffect, useRef } from 'preact/hooks';
import type { MessageKey } from '../i18n/messages.ts';
import { translate, translateWith } from '../i18n/translate.ts';
import { describeFailure } from '../state/actions.ts';
import { changeOwnPassword, resetPasswordChange } from '../state/people-actions.ts';
import { passwordChangeDone, passwordChangeFailure, passwordChangePending } from '../state/people-state.ts';

/**
 * 修改密码, under the signed-in name (fetched when first opened, see lazy-panels.tsx): the current
 * password, the new one twice. The server ends the person's other sessions; this one stays.
 */
export function PasswordChangeForm({ onClose }: { onClose: () => void }) {
  const currentInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    resetPasswordChange();
    currentInput.current?.focus();
  }, []);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    if (await changeOwnPassword(value('currentPassword'), value('newPassword'), value('repeatedPassword'))) form.reset();
  };
  const failure = passwordChangeFailure.value;
  const done = passwordChangeDone.value;
  return (
    <form class="sign-in-form password-change-form" data-testid="password-change-form" onSubmit={(event) => void submit(event)} onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <strong>{translate('passwordChangeHeading')}</strong>
      <label>
        {translate('passwordCurrent')}
        <input ref={currentInput} name="currentPassword" type="password" autoComplete="current-password" required maxLength={200} />
      </label>
      <label>
        {translate('passwordNew')}
        <input name="newPassword" type="password" autoComplete="new-password" required maxLength={200} />
      </label>
      <label>
        {translate('passwordRepeat')}
        <input name="repeatedPassword" type="password" autoComplete="new-password" required maxLength={200} />
      </label>
      {failure !== null && (
        <p class="panel-error" role="alert" data-testid="password-change-error">{typeof failure === 'string' ? translate(failure as MessageKey) : describeFailure(failure)}</p>
      )}
      {done !== null && <p class="password-change-done" role="status" data-testid="password-change-done">{translateWith('passwordChanged', { count: done })}</p>}
      <div class="sign-in-buttons">
        <button type="submit" class="sign-in-submit" data-testid="password-change-submit" disabled={passwordChangePending.value}>
          {passwordChangePending.value ? translate('passwordChanging') : translate('passwordChangeSubmit')}
        </button>
        <button type="button" data-testid="password-change-close" onClick={onClose}>{done !== null ? translate('close') : translate('signInCancel')}</button>
      </div>
      <p class="panel-note">{translate('passwordChangeNote')}</p>
    </form>
  );
}
