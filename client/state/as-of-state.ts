import { signal } from '@preact/signals';

/**
 * The date the whole dashboard shows (YYYY-MM-DD), set by the time slider: which projects exist
 * and in what status, which estates are renovated, which facilities are open, and the coverage
 * for that date. Null: today, as recorded.
 */
export const asOfDate = signal<string | null>(null);
