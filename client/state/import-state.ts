import { computed, signal } from '@preact/signals';
import type { ImportPreviewAnswer, ImportReportAnswer } from '../api/imports.ts';
import { emptyImportForm, previewFeaturesOnMap, type ImportForm } from '../model/import-form.ts';

/**
 * The 导入数据 dialog: the file, the form, the preview and the outcome. Changed only by the actions
 * in import-actions.ts (fetched with the dialog); the map reads `importPreviewOnMap` to draw the
 * preview layer.
 */

export const importDialogOpen = signal(false);
export const importFile = signal<File | null>(null);
export const importForm = signal<ImportForm>(emptyImportForm());

/** idle: no file yet; previewing/importing: waiting for the server; previewed: the preview is shown; imported: written; failed: refused. */
export type ImportStatus = 'idle' | 'previewing' | 'previewed' | 'importing' | 'imported' | 'failed';
export const importStatus = signal<ImportStatus>('idle');
export const importPreview = signal<ImportPreviewAnswer | null>(null);
/** The report of the import that was written. */
export const importResult = signal<ImportReportAnswer | null>(null);
/** Why the server refused the preview or the import (an ApiError: its message in both languages). */
export const importFailure = signal<unknown>(null);

/** The previewed rows that have a place, while the dialog is open: the map's preview layer. */
export const importPreviewOnMap = computed(() => {
  const preview = importPreview.value;
  return importDialogOpen.value && preview ? previewFeaturesOnMap(preview) : null;
});
