import { batch, effect } from '@preact/signals';
import type { Geometry } from 'geojson';
import { ApiError } from '../api/api-client.ts';
import type { PlaceFeature } from '../api/collections.ts';
import { createProject, deleteProject, fetchProject, fetchProjectVocabulary, measureImpact, patchProject, restoreProjectVersion } from '../api/projects.ts';
import { describeFailure } from './actions.ts';
import { language, selectedFeature } from './dashboard-state.ts';
import {
  canUndoDrawing, combinedGeometry, confirmingDelete, confirmStatusAndEndDate, drawingCommand, drawingMode, drawnGeometries, editConflict, editingSession, fieldProblems,
  geometryEdited, impact, impactFailure, impactStatus, pickingLinks, projectForm, restoreConflict, restoreFailure, restoringVersion, saveFailure, saving,
  suggestedGeometry, vocabulary,
  type DrawingCommand, type DrawingMode,
} from './editing-state.ts';
import { readAgainAfterProjectWrite } from './after-project-write.ts';
import { latestRequest } from './latest-request.ts';
import { reloadProjectHistory, selectProject } from './project-actions.ts';
import { selectedProjectHistory } from './project-state.ts';
import { buildPatchBody, emptyProjectForm, formFromProperties, propertiesFromForm, sameValue, type ProjectFormValues } from '../model/project-form.ts';
import { canEdit, session } from './session-state.ts';

/**
 * The only functions that change the drawing and editing state (issue 5). The projects panel
 * calls startNewProject and startEditingProject; the drawing tools report shapes through
 * recordDrawnGeometries; the editor's buttons call the rest. Writes go through client/api/projects.ts.
 */

let sessionNumber = 0;
let commandSequence = 0;
const openRequests = latestRequest();

function sendDrawingCommand(command: Omit<DrawingCommand, 'sequence'> & { geometry?: Geometry | null }): void {
  drawingCommand.value = { ...command, sequence: ++commandSequence } as DrawingCommand;
}

function clearAnswers(): void {
  fieldProblems.value = [];
  saveFailure.value = null;
  suggestedGeometry.value = null;
  confirmingDelete.value = false;
  editConflict.value = null;
}

async function ensureVocabulary(): Promise<void> {
  if (vocabulary.value) return;
  try {
    vocabulary.value = await fetchProjectVocabulary();
  } catch (error) {
    saveFailure.value = describeFailure(error);
  }
}

function openSession(code: string | null, etag: string | null, base: PlaceFeature | null, form: ProjectFormValues, mode: DrawingMode): void {
  batch(() => {
    clearAnswers();
    editingSession.value = { sessionNumber: ++sessionNumber, code, etag, base };
    confirmStatusAndEndDate.value = false;
    projectForm.value = form;
    drawingMode.value = mode;
    drawnGeometries.value = [];
    geometryEdited.value = false;
    canUndoDrawing.value = false;
    pickingLinks.value = false;
    impact.value = null;
    impactStatus.value = 'idle';
    impactFailure.value = null;
    selectedFeature.value = null;
  });
  sendDrawingCommand({ kind: 'load', geometry: base?.geometry ?? null });
}

/** Opens drawing of a new project area and its attribute form. Viewers get nothing: they cannot write. */
export function startNewProject(): void {
  if (!canEdit.value) return;
  // A project still being read for editing must not replace the new drawing when it arrives.
  openRequests.cancel();
  void ensureVocabulary();
  openSession(null, null, null, emptyProjectForm(), 'polygon');
}

/** Opens the project `code` for editing: its geometry in the drawing tools, its attributes in the form. */
export function startEditingProject(code: string): void {
  if (!canEdit.value) return;
  // Two quick clicks on different projects: only the latest one opens, whichever read ends last.
  const isLatest = openRequests.start();
  void ensureVocabulary();
  void (async () => {
    try {
      const { feature, etag } = await fetchProject(code);
      // Signed out meanwhile (or another project asked for): the editor stays closed.
      if (!isLatest() || !canEdit.peek()) return;
      openSession(code, etag, feature, formFromProperties(feature.properties ?? {}), 'select');
    } catch (error) {
      if (!isLatest()) return;
      saveFailure.value = describeFailure(error);
    }
  })();
}

export function setDrawingMode(mode: DrawingMode): void {
  batch(() => {
    drawingMode.value = mode;
    // Choosing a drawing tool ends picking places to link.
    pickingLinks.value = false;
  });
}

/** The drawing tools' finished shapes after every change (a vertex placed, dragged, undone, a shape removed). */
export function recordDrawnGeometries(geometries: Geometry[], fromLoad: boolean): void {
  if (sameValue(geometries, drawnGeometries.value)) return;
  batch(() => {
    drawnGeometries.value = geometries;
    if (!fromLoad) geometryEdited.value = true;
  });
}

export function recordUndoAvailable(available: boolean): void {
  canUndoDrawing.value = available;
}

export function undoDrawing(): void {
  sendDrawingCommand({ kind: 'undo' });
}

export function deleteSelectedShape(): void {
  sendDrawingCommand({ kind: 'delete-selected' });
}

/** Puts PostGIS's repair of a self-intersecting outline in place of the drawn shapes. */
export function useSuggestedGeometry(): void {
  const repaired = suggestedGeometry.value;
  if (!repaired) return;
  batch(() => {
    suggestedGeometry.value = null;
    fieldProblems.value = fieldProblems.value.filter((problem) => !problem.field.startsWith('geometry'));
    geometryEdited.value = true;
  });
  sendDrawingCommand({ kind: 'load', geometry: repaired });
}

export function updateFormField<Field extends keyof ProjectFormValues>(field: Field, value: ProjectFormValues[Field]): void {
  const form = projectForm.value;
  if (!form) return;
  const next = { ...form, [field]: value };
  // An item belongs to one action: choosing another action starts from its first item.
  if (field === 'action') {
    const items = vocabulary.value?.actions.find((action) => action.key === value)?.items.map((entry) => String(entry.item)) ?? [];
    if (items.length > 0 && !items.includes(next.item)) next.item = items[0];
  }
  projectForm.value = next;
}

export function togglePickingLinks(): void {
  pickingLinks.value = !pickingLinks.value;
}

/** Links a place to the project, or unlinks it when it is linked already (a click on the map while picking). */
export function toggleLinkedFeature(collectionId: string, featureKey: string): void {
  const form = projectForm.value;
  if (!form || collectionId === 'projects') return;
  const linked = form.linked_features.some((link) => link.collection_id === collectionId && link.feature_key === featureKey);
  updateFormField('linked_features', linked
    ? form.linked_features.filter((link) => !(link.collection_id === collectionId && link.feature_key === featureKey))
    : [...form.linked_features, { collection_id: collectionId, feature_key: featureKey }]);
}

/** Links the estates and streets the impact found (those not linked yet). */
export function linkImpactPlaces(): void {
  const form = projectForm.value;
  const answer = impact.value;
  if (!form || !answer) return;
  const candidates = [
    ...answer.estates.map((estate) => ({ collection_id: 'neighbourhoods', feature_key: estate.id })),
    ...answer.streets.map((street) => ({ collection_id: 'roads', feature_key: street.id })),
  ];
  const fresh = candidates.filter((candidate) => !form.linked_features.some((link) => link.collection_id === candidate.collection_id && link.feature_key === candidate.feature_key));
  updateFormField('linked_features', [...form.linked_features, ...fresh]);
}

/** Ticked: the save sends the status and end date even if unchanged, recording them (no longer assumed). */
export function setConfirmStatusAndEndDate(confirmed: boolean): void {
  confirmStatusAndEndDate.value = confirmed;
}

export function cancelEditing(): void {
  batch(() => {
    clearAnswers();
    editingSession.value = null;
    projectForm.value = null;
    drawnGeometries.value = [];
    pickingLinks.value = false;
    impact.value = null;
    impactStatus.value = 'idle';
  });
  sendDrawingCommand({ kind: 'load', geometry: null });
}

/** The geometry a save sends: what is drawn, or the stored one when an edit did not touch the shapes. */
function geometryToSave(): Geometry | null {
  const base = editingSession.value?.base ?? null;
  if (base && !geometryEdited.value) return base.geometry;
  return combinedGeometry.value.geometry;
}

/** Problems found before asking the server: no shape yet, or areas, lines and points mixed. */
function localGeometryProblem(): string | null {
  if (combinedGeometry.value.mixed && (geometryEdited.value || !editingSession.value?.base)) {
    return language.value === 'zh-CN' ? '一个项目只能是一种图形：面、线或点，请删除多余的图形' : 'A project is one kind of shape: areas, lines or points; remove the others';
  }
  if (!geometryToSave()) return language.value === 'zh-CN' ? '请先在地图上绘制项目范围' : 'Draw the project on the map first';
  return null;
}

/** Saves the form and the shapes: POST for a new project, PATCH with If-Match for an edit. */
export async function saveProject(): Promise<void> {
  const currentSession = editingSession.value;
  const form = projectForm.value;
  const credentials = session.value;
  if (!currentSession || !form || saving.value) return;
  if (!credentials) {
    saveFailure.value = language.value === 'zh-CN' ? '请先登录' : 'Sign in first';
    return;
  }
  clearAnswers();
  const localProblem = localGeometryProblem();
  if (localProblem) {
    fieldProblems.value = [{ field: 'geometry', message: localProblem, messageZh: localProblem }];
    return;
  }
  const geometry = geometryToSave()!;
  saving.value = true;
  try {
    const saved = currentSession.code === null || !currentSession.base || !currentSession.etag
      ? await createProject({ type: 'Feature', geometry, properties: propertiesFromForm(form) }, credentials)
      : await patchProject(
        currentSession.code,
        buildPatchBody({ properties: currentSession.base.properties ?? {}, geometry: currentSession.base.geometry }, form, geometry, confirmStatusAndEndDate.value ? ['status', 'end_date'] : []),
        currentSession.etag,
        credentials,
      );
    await finishAfterWrite(saved.feature);
  } catch (error) {
    await showWriteFailure(error, currentSession.code);
  } finally {
    saving.value = false;
  }
}

async function finishAfterWrite(saved: PlaceFeature | null): Promise<void> {
  cancelEditing();
  await readAgainAfterProjectWrite();
  // The saved project is selected (the panel opens on its details, the map highlights it); after a delete, the list.
  selectProject(saved ? String(saved.id) : null, { fly: false });
}


/**
 * Restores `version` of the selected project from its history: sent with the ETag read with the
 * history (If-Match), so if someone changed the project since, the 412 opens the conflict dialog
 * with the version to restore set against the current one. The restore is itself a new version.
 */
export async function restoreVersion(version: number): Promise<void> {
  const history = selectedProjectHistory.value;
  const entry = history?.entries?.find((candidate) => candidate.version === version);
  const credentials = session.value;
  if (!history?.etag || !entry?.after || !credentials || restoringVersion.value !== null) return;
  await sendRestore(history.code, version, entry.after as PlaceFeature, history.etag, credentials);
}

/** Restore conflict, "restore anyway": the version over the current one, sent with the current ETag. */
export async function restoreVersionAnyway(): Promise<void> {
  const conflict = restoreConflict.value;
  const credentials = session.value;
  if (!conflict || !credentials) return;
  restoreConflict.value = null;
  await sendRestore(conflict.code, conflict.version, conflict.restoring, conflict.currentEtag, credentials);
}

/** Restore conflict, "keep the current version": nothing is written; the history is read again, with the newer versions. */
export function closeRestoreConflict(): void {
  restoreConflict.value = null;
  void reloadProjectHistory();
}

async function sendRestore(code: string, version: number, restoring: PlaceFeature, etag: string, credentials: { csrfToken: string }): Promise<void> {
  batch(() => {
    restoringVersion.value = version;
    restoreFailure.value = null;
  });
  try {
    await restoreProjectVersion(code, version, etag, credentials);
    await readAgainAfterProjectWrite();
  } catch (error) {
    if (error instanceof ApiError && error.status === 412) {
      // The 412 gives the current version but not its ETag: read it again, as for an edit.
      try {
        const { feature, etag: currentEtag } = await fetchProject(code);
        restoreConflict.value = { code, version, restoring, current: feature, currentVersion: Number(feature.properties?.version ?? error.currentVersion), currentEtag };
      } catch (readError) {
        restoreFailure.value = { code, message: describeFailure(readError) };
      }
    } else {
      restoreFailure.value = { code, message: describeFailure(error) };
    }
  } finally {
    restoringVersion.value = null;
  }
}

async function showWriteFailure(error: unknown, code: string | null): Promise<void> {
  if (error instanceof ApiError && error.status === 412 && error.current && code) {
    // The 412 gives the current version but not its ETag (which holds the row id): read it again.
    try {
      const { feature, etag } = await fetchProject(code);
      editConflict.value = { current: feature, currentVersion: Number(feature.properties?.version ?? error.currentVersion), currentEtag: etag };
    } catch (readError) {
      saveFailure.value = describeFailure(readError);
    }
    return;
  }
  if (error instanceof ApiError && error.problems.length > 0) {
    batch(() => {
      fieldProblems.value = error.problems;
      suggestedGeometry.value = error.suggestedGeometry;
      saveFailure.value = describeFailure(error);
    });
    return;
  }
  saveFailure.value = describeFailure(error);
}

/** Conflict, "keep mine": my values over the current version, sent with its ETag. */
export async function keepMyVersion(): Promise<void> {
  const conflict = editConflict.value;
  const currentSession = editingSession.value;
  const form = projectForm.value;
  if (!conflict || !currentSession || !form) return;
  batch(() => {
    editingSession.value = { ...currentSession, base: conflict.current, etag: conflict.currentEtag };
    // My drawn shapes are what I keep, even if I had not touched them since opening.
    geometryEdited.value = true;
    editConflict.value = null;
  });
  await saveProject();
}

/** Conflict, "take theirs": the current version goes into the form and the drawing; I can edit on from it. */
export function takeTheirVersion(): void {
  const conflict = editConflict.value;
  const currentSession = editingSession.value;
  if (!conflict || !currentSession) return;
  batch(() => {
    editingSession.value = { ...currentSession, base: conflict.current, etag: conflict.currentEtag };
    projectForm.value = formFromProperties(conflict.current.properties ?? {});
    geometryEdited.value = false;
    editConflict.value = null;
    fieldProblems.value = [];
    saveFailure.value = null;
  });
  sendDrawingCommand({ kind: 'load', geometry: conflict.current.geometry });
}

export function closeConflict(): void {
  editConflict.value = null;
}

export function askToDelete(): void {
  confirmingDelete.value = true;
}

export function cancelDelete(): void {
  confirmingDelete.value = false;
}

/** Deletes the project being edited (its history stays on the server), with the ETag it was opened at. */
export async function deleteEditedProject(): Promise<void> {
  const currentSession = editingSession.value;
  const credentials = session.value;
  if (!currentSession?.code || !currentSession.etag || !credentials) return;
  saving.value = true;
  try {
    await deleteProject(currentSession.code, currentSession.etag, credentials);
    await finishAfterWrite(null);
  } catch (error) {
    confirmingDelete.value = false;
    await showWriteFailure(error, currentSession.code);
  } finally {
    saving.value = false;
  }
}

// ---- The impact of what is drawn, asked again whenever the shapes change ----

const impactDelayMilliseconds = 300;
let impactTimer: ReturnType<typeof setTimeout> | undefined;
let impactController: AbortController | null = null;

/** Asks for the impact of `geometry` after a short pause; a newer geometry cancels an older question. */
export function requestImpact(geometry: Geometry | null): void {
  clearTimeout(impactTimer);
  impactController?.abort();
  impactController = null;
  if (!geometry) {
    batch(() => {
      impact.value = null;
      impactStatus.value = 'idle';
      impactFailure.value = null;
    });
    return;
  }
  impactStatus.value = 'measuring';
  impactTimer = setTimeout(() => {
    const controller = new AbortController();
    impactController = controller;
    measureImpact(geometry, controller.signal).then(
      (answer) => {
        if (controller.signal.aborted) return;
        batch(() => {
          impact.value = answer;
          impactStatus.value = 'ready';
          impactFailure.value = null;
        });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        batch(() => {
          impactStatus.value = 'failed';
          impactFailure.value = error instanceof ApiError && error.problems.length > 0
            ? error.problems.map((problem) => (language.value === 'zh-CN' ? problem.messageZh : `${problem.field} ${problem.message}`)).join('; ')
            : describeFailure(error);
        });
      },
    );
  }, impactDelayMilliseconds);
}

// The impact follows the drawn geometry for as long as a session is open.
effect(() => {
  const open = editingSession.value !== null;
  const geometry = combinedGeometry.value.geometry;
  requestImpact(open ? geometry : null);
});

// Signing out (or a session that lapses into a viewer's) closes an open editor: its save could only be refused.
effect(() => {
  if (!canEdit.value && editingSession.peek()) cancelEditing();
});
