import { signal } from '@preact/signals';
import type { DataCompletenessAnswer } from '../api/data-completeness.ts';

/** The 数据完整度 page: open or not, and what the server answered. Changed only by data-completeness-actions.ts. */
export const dataCompletenessOpen = signal(false);
export const dataCompleteness = signal<DataCompletenessAnswer | null>(null);
export const dataCompletenessFailure = signal<string | null>(null);
