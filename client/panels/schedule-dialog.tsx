import { useEffect } from 'preact/hooks';
import { projectFieldNamesZh, projectStatusNames, type ProjectStatus } from '../../server/contract/vocabulary/projects.ts';
import type { ScheduleAnswer, ScheduleRow } from '../api/schedule.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { translate, translateWith } from '../i18n/translate.ts';
import { describeFailure } from '../state/actions.ts';
import { language } from '../state/dashboard-state.ts';
import { chooseScheduleFile, closeScheduleDialog, writeSchedule } from '../state/schedule-actions.ts';
import { scheduleAnswer, scheduleFailure, scheduleFile, scheduleStatus } from '../state/schedule-state.ts';
import './import-dialog.css';

const fill = translateWith;

const outcomeKeys: Record<ScheduleRow['outcome'], MessageKey> = {
  update: 'scheduleOutcomeUpdate', history: 'scheduleOutcomeHistory', confirm: 'scheduleOutcomeConfirm',
  unchanged: 'scheduleOutcomeUnchanged', conflict: 'scheduleOutcomeConflict', problem: 'scheduleOutcomeProblem',
};
const fieldNamesEnglish: Record<string, string> = { status: 'Status', progress_percent: 'Progress (%)', start_date: 'Start', end_date: 'End', lead_unit: 'Lead unit' };

const fieldName = (field: string) => (language.value === 'zh-CN' ? projectFieldNamesZh[field] : fieldNamesEnglish[field]) ?? field;

function valueText(field: string, value: string | number | null): string {
  if (value === null) return '—';
  if (field === 'status' && typeof value === 'string' && value in projectStatusNames) {
    const names = projectStatusNames[value as ProjectStatus];
    return language.value === 'zh-CN' ? names.zh : names.en;
  }
  return String(value);
}

/** What a row changes, or what is wrong with it, in the reader's language. */
function RowDetail({ row }: { row: ScheduleRow }) {
  const chinese = language.value === 'zh-CN';
  return (
    <>
      {row.problems.map((problem, index) => (
        <div key={`p${index}`} class="import-problem">{problem.field}：{chinese ? problem.messageZh : problem.message}</div>
      ))}
      {row.outcome === 'conflict' && <div class="import-problem">{fill('scheduleConflictNote', { row: row.rowVersion ?? '—', current: row.currentVersion ?? '—' })}</div>}
      {row.outcome === 'history' && <div>{translate('scheduleHistoryNote')}</div>}
      {row.outcome === 'confirm' && <div>{translate('scheduleConfirmNote')}</div>}
      {row.changes.map((change) => (
        <div key={change.field} data-testid="schedule-change">{fieldName(change.field)} {valueText(change.field, change.before)} → {valueText(change.field, change.after)}</div>
      ))}
    </>
  );
}

/** Every row that does something or cannot be written; unchanged rows are counted, not listed. */
function ScheduleTable({ answer }: { answer: ScheduleAnswer }) {
  const listed = answer.rows.filter((row) => row.outcome !== 'unchanged');
  return (
    <>
      {listed.length > 0 && (
        <div class="import-table-scroll">
          <table class="import-table" data-testid="schedule-table">
            <thead>
              <tr>
                <th>{translate('scheduleLine')}</th><th>{translate('scheduleCode')}</th><th>{translate('scheduleProject')}</th>
                <th>{translate('scheduleOutcome')}</th><th>{translate('scheduleReportedOn')}</th><th>{translate('scheduleDetail')}</th>
              </tr>
            </thead>
            <tbody>
              {listed.map((row) => (
                <tr key={row.line} class={row.outcome === 'problem' || row.outcome === 'conflict' ? 'has-problem' : ''} data-testid="schedule-row" data-code={row.code ?? ''} data-outcome={row.outcome}>
                  <td>{row.line}</td>
                  <td>{row.code ?? '—'}</td>
                  <td lang="zh-CN">{row.titleZh ?? '—'}</td>
                  <td class={`schedule-outcome outcome-${row.outcome}`}>{translate(outcomeKeys[row.outcome])}</td>
                  <td>{row.reportedOn ?? '—'}</td>
                  <td><RowDetail row={row} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {answer.counts.unchanged > 0 && <p class="panel-note">{fill('scheduleUnchangedRows', { count: answer.counts.unchanged })}</p>}
    </>
  );
}

const writableCount = (answer: ScheduleAnswer) => answer.counts.update + answer.counts.history + answer.counts.confirm;

/**
 * 导入进度表: an editor chooses the filled schedule workbook, sees what each row would do (update,
 * history, confirm, conflict, problem), and writes the rows that apply at once. Rows in conflict
 * stay listed after the write, to be filled again from a fresh download. Escape closes it.
 */
export function ScheduleDialog() {
  const status = scheduleStatus.value;
  const answer = scheduleAnswer.value;
  const failure = scheduleFailure.value;
  const file = scheduleFile.value;

  useEffect(() => {
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeScheduleDialog();
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, []);

  const canWrite = status === 'previewed' && answer !== null && answer.counts.problem === 0 && writableCount(answer) > 0;
  return (
    <div class="import-dialog schedule-dialog" role="dialog" aria-modal="false" aria-labelledby="schedule-heading" data-testid="schedule-dialog" data-status={status}>
      <header class="import-header">
        <h2 id="schedule-heading">{translate('scheduleHeading')}</h2>
        <button type="button" class="icon-button" aria-label={translate('scheduleClose')} data-testid="schedule-close" onClick={closeScheduleDialog}>×</button>
      </header>
      <p class="panel-note">{translate('scheduleIntro')}</p>
      <label class="import-drop-zone">
        <span>{file ? file.name : translate('scheduleFile')}</span>
        <input type="file" accept=".xlsx,.csv" data-testid="schedule-file-input"
          onChange={(event) => {
            const chosen = (event.currentTarget as HTMLInputElement).files?.[0];
            if (chosen) void chooseScheduleFile(chosen);
          }} />
      </label>
      {status === 'previewing' && <p class="panel-note" data-testid="schedule-busy">{translate('schedulePreviewing')}</p>}
      {status === 'writing' && <p class="panel-note" data-testid="schedule-busy">{translate('scheduleWriting')}</p>}
      {failure !== null && <p class="import-failure" role="alert" data-testid="schedule-failure"><strong>{translate('scheduleRefused')}：</strong>{describeFailure(failure)}</p>}
      {answer && (
        <>
          <p class="import-summary" data-testid="schedule-counts">{fill('scheduleCountsLine', answer.counts)}</p>
          {status === 'written' && (
            <p class="import-result" role="status" data-testid="schedule-result">
              {writableCount(answer) > 0 ? fill('scheduleWritten', { count: writableCount(answer) }) : translate('scheduleNothingToWrite')}
              {answer.counts.conflict > 0 && <> {fill('scheduleConflictsLeft', { count: answer.counts.conflict })}</>}
            </p>
          )}
          {status === 'previewed' && answer.counts.problem > 0 && <p class="import-failure" data-testid="schedule-problems">{fill('scheduleProblemsBlock', { count: answer.counts.problem })}</p>}
          {status === 'previewed' && answer.counts.problem === 0 && writableCount(answer) === 0 && <p class="panel-note">{translate('scheduleNothingToWrite')}</p>}
          <ScheduleTable answer={answer} />
        </>
      )}
      <footer class="import-actions">
        <button type="button" data-testid="schedule-cancel" onClick={closeScheduleDialog}>{translate(status === 'written' ? 'scheduleClose' : 'scheduleCancel')}</button>
        {status !== 'written' && (
          <button type="button" class="primary" data-testid="schedule-run" disabled={!canWrite} onClick={() => void writeSchedule()}>{translate('scheduleRun')}</button>
        )}
      </footer>
    </div>
  );
}
