import { language } from '../state/dashboard-state.ts';
import { messages, type MessageKey } from './messages.ts';

/** The interface text for a key in the current language; reading it subscribes a component to language changes. */
export function translate(key: MessageKey): string {
  return messages[language.value][key];
}
