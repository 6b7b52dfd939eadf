import { batch } from '@preact/signals';
import type { ColumnField } from '../../server/contract/vocabulary/import.ts';
import { importIntoCollection, previewImport, type ImportPreviewAnswer } from '../api/imports.ts';
import {
  boundsOfPreview, chooseColumn, emptyImportForm, formForAnotherFile, importOptionsOf, previewFeaturesOnMap, problemOfForm, targetCollectionOf, type ImportForm,
} from '../model/import-form.ts';
import { reloadCollection, requestCamera } from './actions.ts';
import { runCoverage } from './coverage-actions.ts';
import { coverageStatus } from './coverage-state.ts';
import { importDialogOpen, importFailure, importFile, importForm, importPreview, importResult, importStatus } from './import-state.ts';
import { latestRequest } from './latest-request.ts';
import { session } from './session-state.ts';

/**
 * The only functions that change the 导入数据 dialog's state. Fetched with the dialog (the layer
 * panel's button imports this module on first use), so the first map does not carry them.
 */

// A preview asked for an earlier file or form is stale once another is asked.
const previewRequests = latestRequest();

export function openImportDialog(): void {
  batch(() => {
    importDialogOpen.value = true;
    importResult.value = null;
    importFailure.value = null;
  });
}

/** Closes the dialog and forgets the file, its preview and the map's preview layer; nothing is written. */
export function closeImportDialog(): void {
  previewRequests.cancel();
  batch(() => {
    importDialogOpen.value = false;
    importFile.value = null;
    importForm.value = emptyImportForm();
    importPreview.value = null;
    importResult.value = null;
    importFailure.value = null;
    importStatus.value = 'idle';
  });
}

/** A file was chosen or dropped: it is previewed at once, with the columns and sheet guessed afresh. */
export function chooseImportFile(file: File): Promise<void> {
  batch(() => {
    importFile.value = file;
    importForm.value = formForAnotherFile(importForm.value);
    importResult.value = null;
  });
  return previewImportFile();
}

/** Another target layer, coordinate system, sheet, add/replace or keep-good-rows: previewed again. */
export function changeImportForm(change: Partial<ImportForm>): Promise<void> {
  importForm.value = { ...importForm.value, ...change };
  return previewImportFile();
}

/** A person says which column is a field ('' for none): previewed again with it. */
export function changeImportColumn(field: ColumnField, column: string): Promise<void> {
  importForm.value = chooseColumn(importForm.value, field, column);
  return previewImportFile();
}

/** Sends the file to the preview route (nothing is written), shows its rows and fits the camera to them. */
export async function previewImportFile(): Promise<void> {
  const file = importFile.value;
  const form = importForm.value;
  if (problemOfForm(form, file) !== null || !file) {
    // Nothing to ask (no file, or a new layer's id not yet valid): the dialog says what is missing.
    previewRequests.cancel();
    batch(() => {
      importPreview.value = null;
      importStatus.value = 'idle';
      importFailure.value = null;
    });
    return;
  }
  const isLatest = previewRequests.start();
  batch(() => {
    importStatus.value = 'previewing';
    importFailure.value = null;
  });
  let preview: ImportPreviewAnswer;
  try {
    preview = await previewImport(targetCollectionOf(form), file, importOptionsOf(form, file.name), session.value?.csrfToken);
  } catch (error) {
    if (!isLatest()) return;
    batch(() => {
      importPreview.value = null;
      importFailure.value = error;
      importStatus.value = 'failed';
    });
    return;
  }
  if (!isLatest()) return;
  batch(() => {
    importPreview.value = preview;
    importStatus.value = 'previewed';
  });
  // Outside the request's try: the camera is the map's business, not a refusal of the file.
  const bounds = boundsOfPreview(previewFeaturesOnMap(preview));
  if (bounds) requestCamera(bounds, 'import-preview');
}

/**
 * Writes the previewed file (one transaction on the server). On success the collection is read
 * again, so the map shows what was written, and the life circle is computed again when its
 * facilities changed; a refused file (422, 400) leaves the dialog open with the server's reason.
 */
export async function runImport(): Promise<void> {
  const file = importFile.value;
  const form = importForm.value;
  if (!file || problemOfForm(form, file) !== null) return;
  previewRequests.cancel();
  const collectionId = targetCollectionOf(form);
  batch(() => {
    importStatus.value = 'importing';
    importFailure.value = null;
  });
  try {
    const report = await importIntoCollection(collectionId, file, importOptionsOf(form, file.name), session.value?.csrfToken);
    batch(() => {
      importResult.value = report;
      importPreview.value = null;
      importStatus.value = 'imported';
    });
    await reloadCollection(collectionId);
    if (collectionId === 'facilities' && coverageStatus.peek() !== 'idle') await runCoverage();
  } catch (error) {
    batch(() => {
      importFailure.value = error;
      importStatus.value = importResult.value ? 'imported' : 'failed';
    });
  }
}
