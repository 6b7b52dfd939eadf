import { computed, signal } from '@preact/signals';
import type { Geometry } from 'geojson';
import type { FieldProblem } from '../api/api-client.ts';
import type { PlaceFeature } from '../api/collections.ts';
import type { ImpactAnswer, ProjectVocabulary } from '../api/projects.ts';
import { combineDrawnGeometries, type ProjectFormValues } from '../model/project-form.ts';

/**
 * Drawing and editing a project (issue 5): the open editing session, the drawing mode, the
 * shapes drawn, the form, the server's answers (problems, impact, conflict). Changed only by the
 * actions in editing-actions.ts; the drawing tools (client/draw/) read it and report back
 * through those actions.
 */

/** terra-draw's mode names for the tools on the toolbar; 'select' moves and reshapes what is drawn. */
export type DrawingMode = 'polygon' | 'rectangle' | 'linestring' | 'point' | 'select';

export interface EditingSession {
  /** New for each session, so the drawing tools know when to load a new geometry. */
  sessionNumber: number;
  /** null for a new project. */
  code: string | null;
  /** The ETag of the version the form was opened from (or re-based on after a conflict). */
  etag: string | null;
  /** The project as the server held it when opened: a PATCH carries only what differs from it. */
  base: PlaceFeature | null;
}

export const editingSession = signal<EditingSession | null>(null);
/**
 * The editor confirms that the status and end date shown are right, though unchanged: a save
 * then sends them, which takes them out of the assumptions (状态待核实 ends). Without this an
 * unchanged assumed value is not sent and stays an assumption.
 */
export const confirmStatusAndEndDate = signal(false);
export const drawingMode = signal<DrawingMode>('polygon');

/** The finished shapes on the map (terra-draw's store without the one still being drawn). */
export const drawnGeometries = signal<Geometry[]>([]);
/** True once the shapes differ from what the session opened with. */
export const geometryEdited = signal(false);
/** terra-draw's undo history has something to undo (a vertex while drawing, an edit otherwise). */
export const canUndoDrawing = signal(false);

/**
 * A request for the drawing tools, numbered so that repeating one counts (the camera requests'
 * pattern): load a geometry (the session's, or the server's repair), undo, remove the selected shape.
 */
export type DrawingCommand =
  | { kind: 'load'; geometry: Geometry | null; sequence: number }
  | { kind: 'undo'; sequence: number }
  | { kind: 'delete-selected'; sequence: number };
export const drawingCommand = signal<DrawingCommand | null>(null);

export const projectForm = signal<ProjectFormValues | null>(null);
export const vocabulary = signal<ProjectVocabulary | null>(null);
/** The server's last 422 answer (and a local note for mixed shapes), by the API's field names. */
export const fieldProblems = signal<FieldProblem[]>([]);
/** The refused write's message when no field is named (401, 403, network). */
export const saveFailure = signal<string | null>(null);
/** PostGIS's repair of a self-intersecting geometry, offered as "use the repaired shape". */
export const suggestedGeometry = signal<Geometry | null>(null);
export const saving = signal(false);
export const confirmingDelete = signal(false);
/** While on, a click on a place of the map links it to the project instead of opening its details. */
export const pickingLinks = signal(false);

export type ImpactStatus = 'idle' | 'measuring' | 'ready' | 'failed';
export const impactStatus = signal<ImpactStatus>('idle');
export const impact = signal<ImpactAnswer | null>(null);
export const impactFailure = signal<string | null>(null);

/** A 412: the version now stored, which the conflict dialog sets against mine. */
export interface EditConflict {
  current: PlaceFeature;
  currentVersion: number;
  /** The ETag of `current`, read again after the 412 so that "keep mine" can be sent. */
  currentEtag: string;
}
export const editConflict = signal<EditConflict | null>(null);

/** The version of the selected project being restored from its history, while the restore is sent. */
export const restoringVersion = signal<number | null>(null);
/** Why the last restore of project `code` failed (not a conflict: that opens the dialog). */
export const restoreFailure = signal<{ code: string; message: string } | null>(null);

/** A 412 on a restore: the version to restore, set against the one now stored, in the conflict dialog. */
export interface RestoreConflict {
  code: string;
  version: number;
  /** The project as it was at `version`. */
  restoring: PlaceFeature;
  current: PlaceFeature;
  currentVersion: number;
  /** The ETag of `current`, read again after the 412 so that "restore anyway" can be sent. */
  currentEtag: string;
}
export const restoreConflict = signal<RestoreConflict | null>(null);

export const combinedGeometry = computed(() => combineDrawnGeometries(drawnGeometries.value));
