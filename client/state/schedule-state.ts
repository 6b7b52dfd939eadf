import { signal } from '@preact/signals';
import type { ScheduleAnswer } from '../api/schedule.ts';

/**
 * The 导入进度表 dialog: the chosen workbook, its preview, and what was written. Changed only by
 * schedule-actions.ts (fetched with the dialog).
 */

export const scheduleDialogOpen = signal(false);
export const scheduleFile = signal<File | null>(null);
/** idle: no file; previewing/writing: waiting for the server; previewed: shown; written: done; failed: refused. */
export type ScheduleStatus = 'idle' | 'previewing' | 'previewed' | 'writing' | 'written' | 'failed';
export const scheduleStatus = signal<ScheduleStatus>('idle');
/** The preview, then, once written, the answer of the write (its conflicts included). */
export const scheduleAnswer = signal<ScheduleAnswer | null>(null);
/** Why the server refused the file (an ApiError: its message in both languages). */
export const scheduleFailure = signal<unknown>(null);
