import { batch, signal } from '@preact/signals';
import { fetchSession, signIn as requestSignIn, signOut as requestSignOut } from '../api/session.ts';
import { session } from './session-state.ts';

/** The only functions that change who is signed in. */

/** Why the last sign-in failed (the server's answer, shown in the interface's language); null when it did not. */
export const signInFailure = signal<unknown>(null);
export const signInPending = signal(false);

/** Reads who is signed in (a session cookie from an earlier visit) when the dashboard opens. */
export async function loadSession(): Promise<void> {
  try {
    session.value = await fetchSession();
  } catch {
    // Reading needs no sign-in: without an answer the dashboard simply shows no edit controls.
    session.value = null;
  }
}

export async function signIn(username: string, password: string): Promise<boolean> {
  batch(() => {
    signInPending.value = true;
    signInFailure.value = null;
  });
  try {
    const answer = await requestSignIn(username, password);
    batch(() => {
      session.value = answer;
      signInPending.value = false;
    });
    return true;
  } catch (error) {
    batch(() => {
      signInFailure.value = error;
      signInPending.value = false;
    });
    return false;
  }
}

export async function signOut(): Promise<void> {
  try {
    await requestSignOut();
  } finally {
    // Forget the session here even if the server could not be reached: no edit controls for a
    // session that may be gone, and the cookie expires on its own.
    session.value = null;
  }
}

export function clearSignInFailure(): void {
  signInFailure.value = null;
}
