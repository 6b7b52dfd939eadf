import { computed, signal } from '@preact/signals';
import type { SessionAnswer } from '../api/session.ts';

/**
 * Who is signed in. Null: nobody (a viewer who has not signed in can still read everything).
 * The CSRF token goes with every cookie-authenticated write as the X-CSRF-Token header.
 */
export type Session = SessionAnswer;

export const session = signal<Session | null>(null);

/** Editors and admins create and edit projects and data; viewers see no edit controls. */
export const canEdit = computed(() => session.value?.role === 'editor' || session.value?.role === 'admin');
