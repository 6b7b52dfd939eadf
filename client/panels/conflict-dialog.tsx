import type { Geometry } from 'geojson';
import type { MessageKey } from '../i18n/messages.ts';
import { translate } from '../i18n/translate.ts';
import { featuresByCollection, language } from '../state/dashboard-state.ts';
import { closeConflict, closeRestoreConflict, keepMyVersion, restoreVersionAnyway, takeTheirVersion } from '../state/editing-actions.ts';
import {
  combinedGeometry, editConflict, editingSession, geometryEdited, projectForm, restoreConflict, restoringVersion, saving, vocabulary,
} from '../state/editing-state.ts';
import { compareProjectVersions, formFromProperties, type LinkedFeatureReference, type VersionDifference } from '../model/project-form.ts';
import { placeNameOf } from './feature-text.ts';
import { statusNamesEnglish } from '../i18n/messages-drawing.ts';
import './conflict-dialog.css';

const fieldLabels: Record<string, MessageKey> = {
  title_zh: 'formFieldTitle', action: 'formFieldAction', item: 'formFieldItem', lead_unit: 'formFieldLeadUnit', partner_units: 'formFieldPartnerUnits', status: 'formFieldStatus',
  start_date: 'formFieldStartDate', end_date: 'formFieldEndDate', progress_percent: 'formFieldProgress', budget_ten_thousand_yuan: 'formFieldBudget',
  description: 'formFieldDescription', linked_features: 'formFieldLinkedFeatures', geometry: 'geometryChanged',
};

function describeGeometry(geometry: Geometry | null): string {
  if (!geometry) return '—';
  const parts = 'coordinates' in geometry && Array.isArray(geometry.coordinates) && geometry.type.startsWith('Multi') ? geometry.coordinates.length : 1;
  return parts > 1 ? `${geometry.type} (${parts})` : geometry.type;
}

/** A field's value as a person reads it: names for actions, items, statuses and linked places. */
function describeValue(field: string, value: unknown): string {
  const chinese = language.value === 'zh-CN';
  const separator = chinese ? '、' : ', ';
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'geometry') return describeGeometry(value as Geometry);
  if (field === 'action') {
    const action = vocabulary.value?.actions.find((candidate) => candidate.key === value);
    return action ? (chinese ? action.nameZh : action.nameEn) : String(value);
  }
  if (field === 'status') return chinese ? vocabulary.value?.statuses.find((status) => status.key === value)?.nameZh ?? String(value) : statusNamesEnglish[String(value)] ?? String(value);
  if (field === 'item') {
    const item = vocabulary.value?.actions.flatMap((action) => action.items).find((entry) => entry.item === value);
    return item ? `${item.item}. ${chinese ? item.nameZh : item.nameEn}` : String(value);
  }
  if (field === 'linked_features') {
    const links = value as LinkedFeatureReference[];
    if (links.length === 0) return '—';
    return links.map((link) => {
      const feature = featuresByCollection.value[link.collection_id]?.features.find((candidate) => String(candidate.id) === link.feature_key);
      return feature ? placeNameOf(feature) : link.feature_key;
    }).join(separator);
  }
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.join(separator);
  return String(value);
}

const versionName = (version: number) => translate('historyVersion').replace('{version}', String(version));

/** Two versions field by field, each differing field marked: the body of both conflict dialogs. */
function VersionComparison({ rows, mineHeading, theirsHeading }: { rows: VersionDifference[]; mineHeading: string; theirsHeading: string }) {
  return (
    <table class="conflict-table">
      <thead>
        <tr>
          <th>{translate('conflictField')}</th>
          <th>{mineHeading}</th>
          <th>{theirsHeading}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.field} class={row.differs ? 'differs' : undefined} data-testid={`conflict-row-${row.field}`} data-differs={row.differs ? 'true' : 'false'}>
            <th scope="row">{translate(fieldLabels[row.field])}{row.differs && <span class="differs-mark" title={translate('conflictDiffers')}> ●</span>}</th>
            <td data-testid="conflict-mine">{describeValue(row.field, row.mine)}</td>
            <td data-testid="conflict-theirs">{describeValue(row.field, row.theirs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The 412 answer as a choice: my unsaved version and the one now stored, side by side, each
 * differing field marked. Keep mine re-sends my values over the current version with its ETag;
 * take theirs loads the current version into the form and the drawing.
 */
export function ConflictDialog() {
  const conflict = editConflict.value;
  const form = projectForm.value;
  if (!conflict || !form || !editingSession.value) return null;
  const myGeometry = geometryEdited.value ? combinedGeometry.value.geometry : editingSession.value.base?.geometry ?? null;
  const rows = compareProjectVersions({ form, geometry: myGeometry }, { properties: conflict.current.properties ?? {}, geometry: conflict.current.geometry });
  return (
    <div class="conflict-backdrop">
      <div class="conflict-dialog" role="dialog" aria-modal="true" aria-labelledby="conflict-heading" data-testid="conflict-dialog">
        <h2 id="conflict-heading">{translate('conflictHeading')}</h2>
        <p>{translate('conflictExplanation')}</p>
        <VersionComparison
          rows={rows}
          mineHeading={translate('conflictMine')}
          theirsHeading={`${translate('conflictTheirs')} (${translate('editorVersion')} ${conflict.currentVersion})`}
        />
        <div class="editor-buttons">
          <button type="button" class="primary" data-testid="conflict-keep-mine" disabled={saving.value} onClick={() => void keepMyVersion()}>{translate('conflictKeepMine')}</button>
          <button type="button" data-testid="conflict-take-theirs" onClick={takeTheirVersion}>{translate('conflictTakeTheirs')}</button>
          <button type="button" data-testid="conflict-cancel" onClick={closeConflict}>{translate('editorCancel')}</button>
        </div>
      </div>
    </div>
  );
}

/**
 * A restore refused with 412 (someone saved the project after its versions were read): the
 * version to restore and the one now stored, side by side. Restoring anyway sends the restore
 * again with the current version's ETag; keeping the current version writes nothing.
 */
export function RestoreConflictDialog() {
  const conflict = restoreConflict.value;
  if (!conflict) return null;
  const rows = compareProjectVersions(
    { form: formFromProperties(conflict.restoring.properties ?? {}), geometry: conflict.restoring.geometry },
    { properties: conflict.current.properties ?? {}, geometry: conflict.current.geometry },
  );
  return (
    <div class="conflict-backdrop">
      <div class="conflict-dialog" role="dialog" aria-modal="true" aria-labelledby="restore-conflict-heading" data-testid="conflict-dialog" data-restoring-version={conflict.version}>
        <h2 id="restore-conflict-heading">{translate('restoreConflictHeading')}</h2>
        <p>{translate('restoreConflictExplanation')}</p>
        <VersionComparison
          rows={rows}
          mineHeading={`${translate('restoreConflictRestoring')} (${versionName(conflict.version)})`}
          theirsHeading={`${translate('conflictTheirs')} (${versionName(conflict.currentVersion)})`}
        />
        <div class="editor-buttons">
          <button type="button" class="primary" data-testid="conflict-restore-anyway" disabled={restoringVersion.value !== null} onClick={() => void restoreVersionAnyway()}>
            {translate('restoreAnyway')}
          </button>
          <button type="button" data-testid="conflict-cancel" onClick={closeRestoreConflict}>{translate('restoreKeepCurrent')}</button>
        </div>
      </div>
    </div>
  );
}
