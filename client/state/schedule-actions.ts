import { batch } from '@preact/signals';
import { importSchedule } from '../api/schedule.ts';
import { readAgainAfterProjectWrite } from './after-project-write.ts';
import { latestRequest } from './latest-request.ts';
import { scheduleAnswer, scheduleDialogOpen, scheduleFailure, scheduleFile, scheduleStatus } from './schedule-state.ts';
import { session } from './session-state.ts';

/** The only functions that change the 导入进度表 dialog's state. */

// A preview of an earlier file is stale once another file is chosen.
const previewRequests = latestRequest();

export function openScheduleDialog(): void {
  batch(() => {
    scheduleDialogOpen.value = true;
    scheduleFile.value = null;
    scheduleAnswer.value = null;
    scheduleFailure.value = null;
    scheduleStatus.value = 'idle';
  });
}

/** Closes the dialog; nothing more is written. */
export function closeScheduleDialog(): void {
  previewRequests.cancel();
  batch(() => {
    scheduleDialogOpen.value = false;
    scheduleFile.value = null;
    scheduleAnswer.value = null;
    scheduleFailure.value = null;
    scheduleStatus.value = 'idle';
  });
}

/** A workbook was chosen: previewed at once, nothing written. */
export async function chooseScheduleFile(file: File): Promise<void> {
  batch(() => {
    scheduleFile.value = file;
    scheduleAnswer.value = null;
    scheduleFailure.value = null;
    scheduleStatus.value = 'previewing';
  });
  const isLatest = previewRequests.start();
  try {
    const answer = await importSchedule(file, true, session.peek()?.csrfToken);
    if (!isLatest()) return;
    batch(() => {
      scheduleAnswer.value = answer;
      scheduleStatus.value = 'previewed';
    });
  } catch (error) {
    if (!isLatest()) return;
    batch(() => {
      scheduleFailure.value = error;
      scheduleStatus.value = 'failed';
    });
  }
}

/** Writes the previewed workbook: the rows that apply, in one transaction; conflicts stay listed. */
export async function writeSchedule(): Promise<void> {
  const file = scheduleFile.peek();
  if (!file || scheduleStatus.peek() !== 'previewed') return;
  scheduleStatus.value = 'writing';
  try {
    const answer = await importSchedule(file, false, session.peek()?.csrfToken);
    batch(() => {
      scheduleAnswer.value = answer;
      scheduleStatus.value = 'written';
    });
    await readAgainAfterProjectWrite();
  } catch (error) {
    batch(() => {
      scheduleFailure.value = error;
      scheduleStatus.value = 'failed';
    });
  }
}
