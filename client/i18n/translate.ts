import { language } from '../state/dashboard-state.ts';
import { messages, type MessageKey } from './messages.ts';

/** The interface text for a key in the current language; reading it subscribes a component to language changes. */
export function translate(key: MessageKey): string {
  return messages[language.value][key];
}

/** The interface text for a key with its {placeholders} filled; a placeholder without a value stays as it is. */
export function translateWith(key: MessageKey, values: Record<string, string | number>): string {
  return translate(key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
