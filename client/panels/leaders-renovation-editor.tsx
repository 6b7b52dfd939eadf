import { translate } from '../i18n/translate.ts';
import { renovationClasses } from '../layers/renovation-colours.ts';
import { saveRenovation, stopEditingRenovation } from '../state/leaders-actions.ts';
import { renovationEditor } from '../state/leaders-state.ts';
import { changedFields } from '../model/renovation-patch.ts';
import { renovationStatusName } from './leaders-text.ts';

/** A whole number from a form field, null when left empty (the server checks the range). */
function numberOrNull(form: HTMLFormElement, name: string): number | null {
  const text = (form.elements.namedItem(name) as HTMLInputElement).value.trim();
  return text === '' ? null : Number(text);
}

/**
 * An editor's form for one estate's renovation record: 综合整新 status, start and end year, lifts installed
 * and planned. The server validates; its message for each field is shown under that field.
 */
export function RenovationEditorForm() {
  const editor = renovationEditor.value;
  if (!editor) return null;
  const record = editor.record;
  const problem = (field: string) => editor.problems[field] ? <span class="field-problem" data-testid={`problem-${field}`}>{editor.problems[field]}</span> : null;
  const submit = (event: Event) => {
    event.preventDefault();
    if (!record) return;
    const form = event.currentTarget as HTMLFormElement;
    void saveRenovation(changedFields(record, {
      status: (form.elements.namedItem('status') as HTMLSelectElement).value as (typeof renovationClasses)[number],
      startYear: numberOrNull(form, 'startYear'),
      year: numberOrNull(form, 'year'),
      liftsInstalled: numberOrNull(form, 'liftsInstalled'),
      liftsPlanned: numberOrNull(form, 'liftsPlanned'),
    }));
  };
  return (
    <div class="renovation-editor" role="dialog" aria-modal="false" data-testid="renovation-editor" aria-label={translate('leadersEditHeading').replace('{name}', record?.estateName ?? editor.estateKey)}>
      <h3>{translate('leadersEditHeading').replace('{name}', record?.estateName ?? editor.estateKey)}</h3>
      {!record && !editor.failure && <p class="panel-note">{translate('leadersEditLoading')}</p>}
      {editor.conflict && <p class="panel-warning" role="alert" data-testid="renovation-conflict">{translate('leadersEditConflict')}</p>}
      {editor.failure && !editor.conflict && <p class="panel-error" role="alert" data-testid="renovation-failure">{editor.failure}</p>}
      {editor.saved && <p class="panel-note" data-testid="renovation-saved">{translate('leadersEditSaved')}</p>}
      {record && (
        <p class="panel-note" data-testid="renovation-version">
          {translate('leadersEditVersion').replace('{version}', String(record.version)).replace('{time}', record.updatedAt.slice(0, 16).replace('T', ' '))}
          {record.assumptions.length > 0 ? ` · ${translate('leadersEditAssumed').replace('{count}', String(record.assumptions.length))}` : ''}
        </p>
      )}
      {record && (
        // Keyed by version: after a conflict the fields show the record as it is now.
        <form key={record.version} onSubmit={submit} class="renovation-form">
          <label class="field">
            <span>{translate('leadersEditStatus')}</span>
            <select name="status" defaultValue={record.comprehensiveRenovation.status} data-testid="renovation-status">
              {renovationClasses.map((status) => <option key={status} value={status}>{renovationStatusName(status)}</option>)}
            </select>
            {problem('comprehensiveRenovation.status')}
          </label>
          <label class="field">
            <span>{translate('leadersEditStartYear')}</span>
            <input name="startYear" type="number" step="1" defaultValue={record.comprehensiveRenovation.startYear === null ? '' : String(record.comprehensiveRenovation.startYear)} data-testid="renovation-start-year" />
            {problem('comprehensiveRenovation.startYear')}
          </label>
          <label class="field">
            <span>{translate('leadersEditYear')}</span>
            <input name="year" type="number" step="1" defaultValue={record.comprehensiveRenovation.year === null ? '' : String(record.comprehensiveRenovation.year)} data-testid="renovation-year" />
            {problem('comprehensiveRenovation.year')}
          </label>
          <label class="field">
            <span>{translate('leadersEditLiftsInstalled')}</span>
            <input name="liftsInstalled" type="number" step="1" defaultValue={record.lifts.installed === null ? '' : String(record.lifts.installed)} data-testid="renovation-lifts-installed" />
            {problem('lifts.installed')}
          </label>
          <label class="field">
            <span>{translate('leadersEditLiftsPlanned')}</span>
            <input name="liftsPlanned" type="number" step="1" defaultValue={record.lifts.planned === null ? '' : String(record.lifts.planned)} data-testid="renovation-lifts-planned" />
            {problem('lifts.planned')}
          </label>
          <div class="form-buttons">
            <button type="submit" disabled={editor.saving} data-testid="renovation-save">{editor.saving ? translate('leadersEditSaving') : translate('leadersEditSave')}</button>
            <button type="button" onClick={stopEditingRenovation}>{translate('leadersEditCancel')}</button>
          </div>
        </form>
      )}
      {!record && <button type="button" onClick={stopEditingRenovation}>{translate('leadersEditCancel')}</button>}
    </div>
  );
}
