import { translate } from '../i18n/translate.ts';
import { editingSession } from '../state/editing-state.ts';
import { importDialogOpen } from '../state/import-state.ts';
import { scheduleDialogOpen } from '../state/schedule-state.ts';
import { dataCompletenessOpen } from '../state/data-completeness-state.ts';
import { peopleOpen } from '../state/people-state.ts';
import { loadOnFirstUse } from './load-on-first-use.tsx';

// The panels the first map does not need, each fetched as a chunk of its own the first time it
// shows. app.tsx imports them from here, never from their modules (test/unit/first-map-imports.test.ts).

function PanelLoading() {
  return <section class="panel-body"><p class="panel-note">{translate('panelLoading')}</p></section>;
}

/** 生活圈分析: closed at start. */
export const CoveragePanel = loadOnFirstUse(() => import('./coverage-panel.tsx').then((module) => module.CoveragePanel), PanelLoading);

/** 项目: closed at start. */
export const ProjectsPanel = loadOnFirstUse(() => import('./projects-panel.tsx').then((module) => module.ProjectsPanel), PanelLoading);

// The editor, with its drawing toolbar, conflict dialog and impact report, is fetched when an
// editor starts drawing or editing a project (the drawing tools themselves load from client/map/).
const LoadedProjectEditor = loadOnFirstUse(() => import('./project-editor.tsx').then((module) => module.ProjectEditor));

/** The project editor, once a project is being drawn or edited. */
export function ProjectEditor() {
  return editingSession.value ? <LoadedProjectEditor /> : null;
}

/** A place's linked projects in its details (its module brings the projects panel's status badge). */
export const ProjectsOfPlace = loadOnFirstUse(() => import('./projects-of-place.tsx').then((module) => module.ProjectsOfPlace));

/** The top bar's sign-in form, once 登录 is pressed. */
export const SignInForm = loadOnFirstUse(() => import('./sign-in-form.tsx').then((module) => module.SignInForm));

/** 修改密码, once chosen in the signed-in person's menu. */
export const PasswordChangeForm = loadOnFirstUse(() => import('./password-change-form.tsx').then((module) => module.PasswordChangeForm));

// The 导入数据 dialog, with its actions and the import API, is fetched the first time an editor opens it.
const LoadedImportDialog = loadOnFirstUse(() => import('./import-dialog.tsx').then((module) => module.ImportDialog));

/** 导入数据, while open. */
export function ImportDialog() {
  return importDialogOpen.value ? <LoadedImportDialog /> : null;
}

// The 导入进度表 dialog, with its actions, is fetched the first time an editor opens it.
const LoadedScheduleDialog = loadOnFirstUse(() => import('./schedule-dialog.tsx').then((module) => module.ScheduleDialog));

/** 导入进度表, while open. */
export function ScheduleDialog() {
  return scheduleDialogOpen.value ? <LoadedScheduleDialog /> : null;
}

// 数据完整度, with its actions, is fetched the first time someone opens it.
const LoadedDataCompletenessDialog = loadOnFirstUse(() => import('./data-completeness-dialog.tsx').then((module) => module.DataCompletenessDialog));

/** 数据完整度, while open. */
export function DataCompletenessDialog() {
  return dataCompletenessOpen.value ? <LoadedDataCompletenessDialog /> : null;
}

// 用户管理, with its actions and the people API, is fetched the first time an admin opens it.
const LoadedPeopleDialog = loadOnFirstUse(() => import('./people-dialog.tsx').then((module) => module.PeopleDialog));

/** 用户管理, while open. */
export function PeopleDialog() {
  return peopleOpen.value ? <LoadedPeopleDialog /> : null;
}
