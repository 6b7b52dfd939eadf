import { useEffect } from 'preact/hooks';
import type { FieldProblem } from '../api/api-client.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { statusNamesEnglish } from '../i18n/messages-drawing.ts';
import { translate } from '../i18n/translate.ts';
import { isStatusUnverified } from '../../server/contract/vocabulary/project-state-as-of.ts';
import { featuresByCollection, language } from '../state/dashboard-state.ts';
import {
  askToDelete, cancelDelete, cancelEditing, deleteEditedProject, linkImpactPlaces, saveProject, setConfirmStatusAndEndDate, toggleLinkedFeature,
  togglePickingLinks, updateFormField, useSuggestedGeometry,
} from '../state/editing-actions.ts';
import {
  combinedGeometry, confirmingDelete, confirmStatusAndEndDate, drawnGeometries, editingSession, fieldProblems, impact, pickingLinks, projectForm, saveFailure, saving,
  suggestedGeometry, vocabulary,
} from '../state/editing-state.ts';
import { problemsByField, type ProjectFormValues } from '../model/project-form.ts';
import { ConflictDialog } from './conflict-dialog.tsx';
import { DrawingToolbar } from './drawing-toolbar.tsx';
import { ImpactReport } from './impact-report.tsx';
import { layerTitleOfCollection, placeNameOf } from './feature-text.ts';
import './project-editor.css';

function FieldProblems({ problems }: { problems: FieldProblem[] | undefined }) {
  if (!problems || problems.length === 0) return null;
  const chinese = language.value === 'zh-CN';
  return (
    <ul class="field-problems" role="alert">
      {problems.map((problem) => <li key={`${problem.field}:${problem.message}`}>{chinese ? problem.messageZh : problem.message}</li>)}
    </ul>
  );
}

/** A labelled form row with the server's problems for that field beneath it. */
function Field({ field, label, problems, children }: { field: string; label: MessageKey; problems: Record<string, FieldProblem[]>; children: preact.ComponentChildren }) {
  const hasProblem = (problems[field]?.length ?? 0) > 0;
  return (
    <div class={`editor-field${hasProblem ? ' has-problem' : ''}`} data-testid={`field-${field}`}>
      <label>
        <span class="editor-label">{translate(label)}</span>
        {children}
      </label>
      <FieldProblems problems={problems[field]} />
    </div>
  );
}

function linkLabel(collectionId: string, featureKey: string): string {
  const feature = featuresByCollection.value[collectionId]?.features.find((candidate) => String(candidate.id) === featureKey);
  const name = feature ? placeNameOf(feature) : featureKey;
  return `${name} · ${layerTitleOfCollection(collectionId, language.value)}`;
}

function PartnerUnits({ form }: { form: ProjectFormValues }) {
  const add = (input: HTMLInputElement) => {
    const unit = input.value.trim();
    if (unit && !form.partner_units.includes(unit)) updateFormField('partner_units', [...form.partner_units, unit]);
    input.value = '';
  };
  return (
    <div class="partner-units">
      <ul class="chip-list">
        {form.partner_units.map((unit) => (
          <li key={unit} class="chip">
            {unit}
            <button type="button" aria-label={translate('editorRemoveItem')} onClick={() => updateFormField('partner_units', form.partner_units.filter((other) => other !== unit))}>×</button>
          </li>
        ))}
      </ul>
      <div class="inline-add">
        <input
          list="project-units" data-testid="partner-unit-input" placeholder={translate('unitPlaceholder')}
          onKeyDown={(event) => { if (event.key === 'Enter') { event.preventDefault(); add(event.currentTarget); } }}
        />
        <button type="button" onClick={(event) => add((event.currentTarget.previousElementSibling as HTMLInputElement))}>{translate('addPartnerUnit')}</button>
      </div>
    </div>
  );
}

/**
 * Drawing and editing a project: the toolbar on the map, the attribute form with the server's
 * problems at each field, the impact of what is drawn, save / cancel / delete, and the conflict
 * dialog. Shown only while an editing session is open (editors and admins start one).
 */
export function ProjectEditor() {
  const session = editingSession.value;
  const form = projectForm.value;
  const problemList = fieldProblems.value;
  // After a refused save, the first field with a problem comes into view.
  useEffect(() => {
    if (problemList.length > 0) document.querySelector('.project-editor .has-problem')?.scrollIntoView({ block: 'nearest' });
  }, [problemList]);
  if (!session || !form) return null;
  const chinese = language.value === 'zh-CN';
  const problems = problemsByField(problemList);
  const actions = vocabulary.value?.actions ?? [];
  const items = actions.find((action) => action.key === form.action)?.items ?? [];
  const shapes = drawnGeometries.value.length;
  const text = (field: keyof ProjectFormValues) => (event: Event) => updateFormField(field, (event.currentTarget as HTMLInputElement).value);

  return (
    <>
      <DrawingToolbar />
      <section class="project-editor" data-testid="project-editor" aria-label={translate(session.code ? 'editProjectHeading' : 'newProjectHeading')}>
        <header class="editor-header">
          <h2>{translate(session.code ? 'editProjectHeading' : 'newProjectHeading')}</h2>
          {session.code && <span class="editor-code">{session.code} · {translate('editorVersion')} {String(session.base?.properties?.version ?? '')}</span>}
        </header>
        <form noValidate onSubmit={(event) => { event.preventDefault(); void saveProject(); }}>
          <div class={`editor-field${problems.geometry ? ' has-problem' : ''}`} data-testid="field-geometry">
            <span class="editor-label">{translate('formFieldGeometry')}</span>
            <p class="geometry-summary" data-testid="geometry-summary">
              {combinedGeometry.value.mixed ? translate('geometryMixed') : shapes === 0 ? translate('geometryNone') : `${combinedGeometry.value.geometry?.type ?? ''} · ${shapes} ${translate('geometryShapes')}`}
            </p>
            <FieldProblems problems={problems.geometry} />
            {suggestedGeometry.value && (
              <button type="button" class="secondary" data-testid="use-repaired-geometry" onClick={useSuggestedGeometry}>{translate('useRepairedGeometry')}</button>
            )}
          </div>
          <ImpactReport />
          <Field field="title_zh" label="formFieldTitle" problems={problems}>
            <input data-testid="input-title" value={form.title_zh} maxLength={220} onInput={text('title_zh')} />
          </Field>
          <div class="editor-row">
            <Field field="action" label="formFieldAction" problems={problems}>
              <select data-testid="input-action" value={form.action} onChange={text('action')}>
                {actions.map((action) => <option key={action.key} value={action.key}>{chinese ? action.nameZh : action.nameEn}</option>)}
              </select>
            </Field>
            <Field field="item" label="formFieldItem" problems={problems}>
              <select data-testid="input-item" value={form.item} onChange={text('item')}>
                {items.map((entry) => <option key={entry.item} value={String(entry.item)}>{entry.item}. {chinese ? entry.nameZh : entry.nameEn}</option>)}
              </select>
            </Field>
          </div>
          <Field field="lead_unit" label="formFieldLeadUnit" problems={problems}>
            <input data-testid="input-lead-unit" list="project-units" value={form.lead_unit} placeholder={translate('unitPlaceholder')} onInput={text('lead_unit')} />
          </Field>
          <datalist id="project-units">
            {(vocabulary.value?.units ?? []).map((unit) => <option key={unit} value={unit} />)}
          </datalist>
          <Field field="partner_units" label="formFieldPartnerUnits" problems={problems}>
            <PartnerUnits form={form} />
          </Field>
          <div class="editor-row">
            <Field field="status" label="formFieldStatus" problems={problems}>
              <select data-testid="input-status" value={form.status} onChange={text('status')}>
                {(vocabulary.value?.statuses ?? []).map((status) => <option key={status.key} value={status.key}>{chinese ? status.nameZh : statusNamesEnglish[status.key] ?? status.key}</option>)}
              </select>
            </Field>
            <Field field="progress_percent" label="formFieldProgress" problems={problems}>
              <input data-testid="input-progress" type="number" min={0} max={100} step={1} value={form.progress_percent} onInput={text('progress_percent')} />
            </Field>
          </div>
          <div class="editor-row">
            <Field field="start_date" label="formFieldStartDate" problems={problems}>
              <input data-testid="input-start-date" type="date" value={form.start_date} onInput={text('start_date')} />
            </Field>
            <Field field="end_date" label="formFieldEndDate" problems={problems}>
              <input data-testid="input-end-date" type="date" value={form.end_date} onInput={text('end_date')} />
            </Field>
          </div>
          {isStatusUnverified({ assumptions: (session?.base?.properties?.assumptions as string[] | undefined) ?? [] }) && (
            // An assumed status shows as 状态待核实; an unchanged field is not sent, so the editor says it is right.
            <label class="confirm-status" data-testid="confirm-status">
              <input type="checkbox" checked={confirmStatusAndEndDate.value} onChange={(event) => setConfirmStatusAndEndDate((event.currentTarget as HTMLInputElement).checked)} />
              {translate('confirmStatusAndEndDate')}
            </label>
          )}
          <Field field="budget_ten_thousand_yuan" label="formFieldBudget" problems={problems}>
            <input data-testid="input-budget" type="number" min={0} step="any" value={form.budget_ten_thousand_yuan} onInput={text('budget_ten_thousand_yuan')} />
          </Field>
          <Field field="description" label="formFieldDescription" problems={problems}>
            <textarea data-testid="input-description" rows={3} value={form.description} onInput={text('description')} />
          </Field>
          <div class={`editor-field${problems.linked_features ? ' has-problem' : ''}`} data-testid="field-linked_features">
            <span class="editor-label">{translate('formFieldLinkedFeatures')}</span>
            {form.linked_features.length === 0
              ? <p class="editor-note">{translate('noLinkedFeatures')}</p>
              : (
                <ul class="chip-list" data-testid="linked-features">
                  {form.linked_features.map((link) => (
                    <li key={`${link.collection_id}/${link.feature_key}`} class="chip">
                      {linkLabel(link.collection_id, link.feature_key)}
                      <button type="button" aria-label={translate('editorRemoveItem')} onClick={() => toggleLinkedFeature(link.collection_id, link.feature_key)}>×</button>
                    </li>
                  ))}
                </ul>
              )}
            <div class="editor-buttons-inline">
              <button type="button" class="secondary" aria-pressed={pickingLinks.value} data-testid="pick-links" onClick={togglePickingLinks}>
                {translate(pickingLinks.value ? 'pickLinksOff' : 'pickLinksOn')}
              </button>
              {impact.value && (impact.value.estates.length > 0 || impact.value.streets.length > 0) && (
                <button type="button" class="secondary" data-testid="link-impact-places" onClick={linkImpactPlaces}>{translate('linkImpactPlaces')}</button>
              )}
            </div>
            {pickingLinks.value && <p class="editor-note">{translate('pickLinksHint')}</p>}
            <FieldProblems problems={problems.linked_features} />
          </div>
          <FieldProblems problems={problems.general} />
          {/* The server's summary repeats the field problems shown above, by its own field paths: a pointer to them reads better. */}
          {saveFailure.value && <p class="save-failure" role="alert" data-testid="save-failure">{problemList.length > 0 ? translate('saveRefusedSeeFields') : saveFailure.value}</p>}
          {confirmingDelete.value
            ? (
              <div class="delete-confirmation" role="alertdialog" data-testid="delete-confirmation">
                <p>{translate('editorConfirmDeleteQuestion')}</p>
                <div class="editor-buttons">
                  <button type="button" class="danger" data-testid="confirm-delete" disabled={saving.value} onClick={() => void deleteEditedProject()}>{translate('editorConfirmDelete')}</button>
                  <button type="button" onClick={cancelDelete}>{translate('editorCancel')}</button>
                </div>
              </div>
            )
            : (
              <div class="editor-buttons">
                <button type="submit" class="primary" data-testid="save-project" disabled={saving.value}>{translate(saving.value ? 'editorSaving' : 'editorSave')}</button>
                <button type="button" data-testid="cancel-editing" onClick={cancelEditing}>{translate('editorCancel')}</button>
                {session.code && <button type="button" class="danger" data-testid="delete-project" onClick={askToDelete}>{translate('editorDeleteProject')}</button>}
              </div>
            )}
        </form>
      </section>
      <ConflictDialog />
    </>
  );
}
