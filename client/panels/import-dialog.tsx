import { useEffect, useState } from 'preact/hooks';
import type { ColumnField } from '../../server/contract/vocabulary/import.ts';
import { columnFieldNames, coordinateSystemNames, placementNames } from '../i18n/messages-import.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { translate, translateWith } from '../i18n/translate.ts';
import {
  columnSelectsOf, coordinateSystemChoices, previewTableRows, problemOfForm, writtenCount, type ImportFormProblem,
} from '../model/import-form.ts';
import { describeFailure } from '../state/actions.ts';
import { collections, language } from '../state/dashboard-state.ts';
import { changeImportColumn, changeImportForm, chooseImportFile, closeImportDialog, runImport } from '../state/import-actions.ts';
import { importFailure, importFile, importForm, importPreview, importResult, importStatus } from '../state/import-state.ts';
import './import-dialog.css';

const problemMessages: Record<ImportFormProblem, MessageKey> = {
  noFile: 'importProblemNoFile', fileTooLarge: 'importProblemFileTooLarge', newCollectionId: 'importProblemNewCollectionId',
};

const fill = translateWith;

const inLanguage = (names: { zh: string; en: string } | undefined, fallback: string) => (names ? (language.value === 'zh-CN' ? names.zh : names.en) : fallback);

function fileSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The file: an input, and a zone that takes a dropped file. */
function FileChooser() {
  const [dragging, setDragging] = useState(false);
  const file = importFile.value;
  const take = (files: FileList | null | undefined) => {
    const chosen = files?.[0];
    if (chosen) void chooseImportFile(chosen);
  };
  return (
    <label
      class={`import-drop-zone${dragging ? ' dragging' : ''}`}
      data-testid="import-drop-zone"
      onDragOver={(event) => { event.preventDefault(); setDragging(true); }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => { event.preventDefault(); setDragging(false); take(event.dataTransfer?.files); }}
    >
      <input type="file" data-testid="import-file-input" accept=".xlsx,.csv,.tsv,.txt,.zip,.gpkg,.kml,.kmz,.geojson,.json,.osm,.xml"
        onChange={(event) => take((event.currentTarget as HTMLInputElement).files)} />
      <span>{file ? fill('importChosenFile', { name: file.name, size: fileSize(file.size) }) : translate('importDropHere')}</span>
    </label>
  );
}

/** Which layer, which coordinate system, which sheet, add or replace. */
function ImportOptionsFields() {
  const form = importForm.value;
  const report = importPreview.value?.report ?? null;
  const targets = collections.value.filter((summary) => summary.id !== 'projects');
  const chinese = language.value === 'zh-CN';
  return (
    <div class="import-options">
      <label>
        <span>{translate('importTarget')}</span>
        <select data-testid="import-target-select" value={form.target === 'new' ? '' : form.collectionId}
          onChange={(event) => {
            const value = (event.currentTarget as HTMLSelectElement).value;
            void changeImportForm(value === '' ? { target: 'new' } : { target: 'existing', collectionId: value });
          }}>
          {targets.map((summary) => <option key={summary.id} value={summary.id}>{chinese ? summary.title : summary.titleEn} · {summary.id}</option>)}
          <option value="">{translate('importNewLayer')}</option>
        </select>
      </label>
      {form.target === 'new' && (
        <>
          <label>
            <span>{translate('importNewLayerId')}</span>
            <input data-testid="import-new-id" value={form.newCollectionId} onChange={(event) => void changeImportForm({ newCollectionId: (event.currentTarget as HTMLInputElement).value })} />
          </label>
          <label>
            <span>{translate('importNewLayerTitle')}</span>
            <input data-testid="import-new-title" value={form.newCollectionTitle} onChange={(event) => void changeImportForm({ newCollectionTitle: (event.currentTarget as HTMLInputElement).value })} />
          </label>
        </>
      )}
      <label>
        <span>{translate('importCoordinateSystem')}</span>
        <select data-testid="import-crs-select" value={form.coordinateSystem} onChange={(event) => void changeImportForm({ coordinateSystem: (event.currentTarget as HTMLSelectElement).value })}>
          {coordinateSystemChoices.map((choice) => (
            <option key={choice} value={choice}>
              {choice === '' ? (report?.declaredCrs ? fill('importCoordinateSystemDeclared', { crs: report.declaredCrs.toUpperCase() }) : translate('importCoordinateSystemOfFile')) : inLanguage(coordinateSystemNames[choice], choice)}
            </option>
          ))}
        </select>
      </label>
      {report?.layers && report.layers.length > 1 && (
        <label>
          <span>{translate('importSheet')}</span>
          <select data-testid="import-sheet-select" value={form.layer || report.layer || ''} onChange={(event) => void changeImportForm({ layer: (event.currentTarget as HTMLSelectElement).value })}>
            {report.layers.map((layer) => <option key={layer} value={layer}>{layer}</option>)}
          </select>
        </label>
      )}
      <fieldset class="import-mode">
        <legend>{translate('importMode')}</legend>
        <label><input type="radio" name="import-mode" data-testid="import-mode-add" checked={!form.replace} onChange={() => void changeImportForm({ replace: false })} /> {translate('importAdd')}</label>
        <label><input type="radio" name="import-mode" data-testid="import-mode-replace" checked={form.replace} onChange={() => void changeImportForm({ replace: true })} /> {translate('importReplace')}</label>
        {form.replace && (
          <p class="import-warning" role="alert" data-testid="import-replace-warning">
            {translate('importReplaceWarning')} {report ? fill('importReplaceRemoves', { count: report.counts.removed }) : ''}
          </p>
        )}
        <label><input type="checkbox" data-testid="import-keep-good-rows" checked={form.keepGoodRows} onChange={(event) => void changeImportForm({ keepGoodRows: (event.currentTarget as HTMLInputElement).checked })} /> {translate('importKeepGoodRows')}</label>
      </fieldset>
    </div>
  );
}

/** One select per field: which column of the file is it; （无） for none. Changing one previews again. */
function ColumnSelects() {
  const report = importPreview.value?.report;
  if (!report) return null;
  const selects = columnSelectsOf(report);
  if (selects.length === 0) return null;
  return (
    <fieldset class="import-columns" data-testid="import-columns">
      <legend>{translate('importColumns')}</legend>
      {selects.map((select) => (
        <label key={select.field}>
          <span>{inLanguage(columnFieldNames[select.field], select.field)}</span>
          <select data-testid={`import-column-${select.field}`} value={select.column}
            onChange={(event) => void changeImportColumn(select.field as ColumnField, (event.currentTarget as HTMLSelectElement).value)}>
            <option value="">{translate('importNoColumn')}</option>
            {select.columns.map((column) => <option key={column} value={column}>{column}</option>)}
          </select>
        </label>
      ))}
    </fieldset>
  );
}

/** The preview: what the import would do (counts, the location check, the server's summary) and every row. */
function PreviewReport() {
  const preview = importPreview.value;
  if (!preview) return null;
  const { report } = preview;
  const chinese = language.value === 'zh-CN';
  const rows = previewTableRows(preview);
  const counts: [MessageKey, number, string][] = [
    ['importAdded', report.counts.added, 'added'], ['importChanged', report.counts.changed, 'changed'], ['importUnchanged', report.counts.unchanged, 'unchanged'],
    ['importRemoved', report.counts.removed, 'removed'], ['importBad', report.counts.bad, 'bad'],
  ];
  const refused = report.locationCheck?.verdict === 'refused';
  return (
    <section class="import-preview" data-testid="import-preview">
      <p class="import-summary" data-testid="import-summary">{chinese ? report.messageZh : report.message}</p>
      {refused && (
        <p class="import-refusal" role="alert" data-testid="import-location-refused">
          {chinese ? report.locationCheck?.messageZh : report.locationCheck?.message}
        </p>
      )}
      <ul class="import-counts" data-testid="import-counts">
        {counts.map(([label, count, key]) => (
          <li key={key} class={key === 'bad' && count > 0 ? 'has-problems' : ''}><strong data-testid={`import-count-${key}`}>{count}</strong> {translate(label)}</li>
        ))}
      </ul>
      {report.located && <p class="panel-note" data-testid="import-located">{fill('importLocated', report.located)}</p>}
      {(chinese ? report.warningsZh : report.warnings).filter((warning) => warning !== report.locationCheck?.message && warning !== report.locationCheck?.messageZh).map((warning) => (
        <p key={warning} class="panel-note import-warning-note">{warning}</p>
      ))}
      <div class="import-table-scroll">
        <table class="import-table" data-testid="import-preview-table">
          <thead>
            <tr>
              <th>{translate('importTableRow')}</th><th>{translate('importTableName')}</th><th>{translate('importTableType')}</th>
              <th>{translate('importTableAddress')}</th><th>{translate('importTableMatch')}</th><th>{translate('importTableProblem')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.location} class={row.problems.length > 0 ? 'has-problem' : ''} data-testid="import-row" data-placement={row.placement}>
                <td>{row.location.replace(/^(row|line) /, '')}</td>
                <td>{row.name}</td>
                <td>{row.type}</td>
                <td>{row.address}</td>
                <td class={`placement placement-${row.placement}`}>{inLanguage(placementNames[row.placement], row.placement)}</td>
                <td class="import-problem">{row.problems.map((problem) => (chinese ? problem.messageZh : problem.message)).join('；')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.truncated && <p class="panel-note">{fill('importTruncated', { count: rows.length })}</p>}
    </section>
  );
}

/**
 * 导入数据: an editor chooses a file and where it goes, sees every row on the map and in a table
 * with its problem in Chinese, says which column is which, and writes it in one transaction.
 * Escape or 取消 closes it without writing.
 */
export function ImportDialog() {
  const form = importForm.value;
  const file = importFile.value;
  const status = importStatus.value;
  const result = importResult.value;
  const failure = importFailure.value;
  const problem = file ? problemOfForm(form, file) : null;
  const busy = status === 'previewing' || status === 'importing';

  useEffect(() => {
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeImportDialog();
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, []);

  return (
    <div class="import-dialog" role="dialog" aria-modal="false" aria-labelledby="import-heading" data-testid="import-dialog">
      <header class="import-header">
        <h2 id="import-heading">{translate('importHeading')}</h2>
        <button type="button" class="icon-button" aria-label={translate('importClose')} data-testid="import-close" onClick={closeImportDialog}>×</button>
      </header>
      <p class="panel-note">{translate('importIntro')}</p>
      <FileChooser />
      <ImportOptionsFields />
      {problem && <p class="import-form-problem" data-testid="import-form-problem">{translate(problemMessages[problem])}</p>}
      {status === 'previewing' && <p class="panel-note" data-testid="import-busy">{translate('importPreviewing')}</p>}
      {status === 'importing' && <p class="panel-note" data-testid="import-busy">{translate('importImporting')}</p>}
      {failure !== null && (
        <p class="import-failure" role="alert" data-testid="import-failure"><strong>{translate('importRefused')}：</strong>{describeFailure(failure)}</p>
      )}
      {result && (
        <p class="import-result" role="status" data-testid="import-result">
          {writtenCount(result) === 0
            ? translate('importNothingChanged')
            : fill('importWritten', { count: writtenCount(result), added: result.counts.added, changed: result.counts.changed, removed: result.counts.removed })}
        </p>
      )}
      <ColumnSelects />
      <PreviewReport />
      <footer class="import-actions">
        <button type="button" data-testid="import-cancel" onClick={closeImportDialog}>{translate('importCancel')}</button>
        <button type="button" class="primary" data-testid="import-run" disabled={busy || !importPreview.value || problem !== null} onClick={() => void runImport()}>
          {translate('importRun')}
        </button>
      </footer>
    </div>
  );
}
