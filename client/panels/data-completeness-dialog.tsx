import { useEffect } from 'preact/hooks';
import { minuteInShanghai } from '../../server/contract/vocabulary/as-of.ts';
import { provenanceKindNames, type ProvenanceKind } from '../../server/contract/vocabulary/provenance.ts';
import type { DataCompletenessAnswer } from '../api/data-completeness.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { translate, translateWith } from '../i18n/translate.ts';
import { facilityGroupTitles, facilityTypes, nameOfValue } from '../i18n/vocabulary.ts';
import { facilityGroupOf, facilityGroups } from '../layers/palette.ts';
import { layerTitleOfCollection } from './feature-text.ts';
import { closeDataCompleteness } from '../state/data-completeness-actions.ts';
import { dataCompleteness, dataCompletenessFailure } from '../state/data-completeness-state.ts';
import { language } from '../state/dashboard-state.ts';
import { canEdit } from '../state/session-state.ts';
import './import-dialog.css';
import './data-completeness-dialog.css';

const fill = translateWith;

/** The kinds drawn in a bar, in the order of how much they can be trusted. */
const barKinds: ProvenanceKind[] = ['surveyed', 'located', 'estimated', 'placeholder', 'unknown'];
const kindName = (kind: ProvenanceKind) => (language.value === 'zh-CN' ? provenanceKindNames[kind].zh : provenanceKindNames[kind].en);
const levelOrder: Record<string, number> = { 5: 0, 10: 1, '15;10': 2, 15: 3, block: 4 };

function KindBar({ counts, total }: { counts: Record<ProvenanceKind, number>; total: number }) {
  if (total === 0) return <span class="completeness-no-data">{translate('noDataShare')}</span>;
  return (
    <span class="completeness-bar" title={barKinds.filter((kind) => counts[kind] > 0).map((kind) => `${kindName(kind)} ${counts[kind]}`).join(' · ')}>
      {barKinds.filter((kind) => counts[kind] > 0).map((kind) => (
        <span key={kind} class={`completeness-kind kind-${kind}`} style={{ width: `${(counts[kind] / total) * 100}%` }} />
      ))}
    </span>
  );
}

function Legend() {
  return (
    <ul class="completeness-legend">
      {barKinds.map((kind) => (
        <li key={kind}><span class={`completeness-swatch kind-${kind}`} /> <strong>{kindName(kind)}</strong> {language.value === 'zh-CN' ? provenanceKindNames[kind].explanationZh : provenanceKindNames[kind].explanation}</li>
      ))}
    </ul>
  );
}

function ImportFirst({ answer }: { answer: DataCompletenessAnswer }) {
  const chinese = language.value === 'zh-CN';
  return (
    <section>
      <h3>{translate('completenessImportFirst')}</h3>
      {answer.importFirst.length === 0 ? <p class="panel-note">{translate('completenessNothingFirst')}</p> : (
        <ol class="completeness-import-first" data-testid="completeness-import-first">
          {answer.importFirst.map((entry) => (
            <li key={`${entry.kind}:${entry.key}`} data-key={entry.key} data-kind={entry.kind}>
              <strong lang="zh-CN">{entry.kind === 'facility-type' ? nameOfValue(facilityTypes, entry.key, language.value) : chinese ? entry.nameZh : entry.nameEn}</strong>
              {entry.kind === 'facility-group' && !chinese && <span class="panel-note">{entry.facilityTypes.map((type) => nameOfValue(facilityTypes, type, language.value)).join(', ')}</span>}
              <span class="panel-note">{chinese ? entry.reasonZh : entry.reason}</span>
            </li>
          ))}
        </ol>
      )}
      {answer.importFirstTotal > answer.importFirst.length && <p class="panel-note">{fill('completenessMoreToImport', { count: answer.importFirstTotal - answer.importFirst.length })}</p>}
      {canEdit.value && (
        <button type="button" class="primary" data-testid="completeness-import" onClick={openImportInstead}>{translate('importOpen')}</button>
      )}
    </section>
  );
}

/** Both dialogs dock on the right: the import takes this one's place. */
function openImportInstead(): void {
  closeDataCompleteness();
  void import('../state/import-actions.ts').then((actions) => actions.openImportDialog());
}

function Layers({ answer }: { answer: DataCompletenessAnswer }) {
  return (
    <section>
      <h3>{translate('completenessLayers')}</h3>
      <table class="import-table completeness-table" data-testid="completeness-layers">
        <thead><tr><th>{translate('completenessLayer')}</th><th>{translate('completenessTotal')}</th><th>{translate('completenessMix')}</th><th>{translate('completenessRealShare')}</th></tr></thead>
        <tbody>
          {answer.layers.map((layer) => (
            <tr key={layer.collectionId} data-collection={layer.collectionId} data-real-share={layer.realShare ?? ''}>
              <td lang="zh-CN">{language.value === 'zh-CN' ? layer.title : layer.titleEn}</td>
              <td>{layer.total}</td>
              <td><KindBar counts={layer.counts} total={layer.total} /></td>
              <td>{layer.realShare === null ? translate('noDataShare') : `${Math.round(layer.realShare * 100)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function FacilityTypes({ answer }: { answer: DataCompletenessAnswer }) {
  const byGroup = facilityGroups
    .map((group) => ({ group, types: answer.facilityTypes.filter((type) => facilityGroupOf(type.facilityType).id === group.id) }))
    .filter(({ types }) => types.length > 0);
  return (
    <section>
      <h3>{translate('completenessFacilityTypes')}</h3>
      <table class="import-table completeness-table" data-testid="completeness-types">
        <thead><tr><th>{translate('completenessType')}</th><th>{translate('completenessLevel')}</th><th>{kindName('surveyed')}</th><th>{kindName('located')}</th><th>{kindName('estimated')}</th><th>{kindName('placeholder')}</th></tr></thead>
        {byGroup.map(({ group, types }) => (
          <tbody key={group.id}>
            <tr class="completeness-group"><th colSpan={6}>{nameOfValue(facilityGroupTitles, group.id, language.value)}</th></tr>
            {[...types].sort((a, b) => (levelOrder[a.level ?? ''] ?? 9) - (levelOrder[b.level ?? ''] ?? 9) || a.facilityType.localeCompare(b.facilityType)).map((type) => (
              <tr key={type.facilityType} data-type={type.facilityType} data-has-real-site={String(type.hasRealSite)} class={type.hasRealSite ? '' : 'completeness-missing'}>
                <td lang="zh-CN">
                  {nameOfValue(facilityTypes, type.facilityType, language.value)}
                  {type.essentialGroup !== null && <span class="completeness-essential" title={translate('completenessEssentialNote')}>{translate('completenessEssential')}</span>}
                  {!type.hasRealSite && <span class="completeness-no-data">{translate('noDataShare')}</span>}
                </td>
                <td>{type.level === null ? '—' : type.level === 'block' ? translate('completenessBlock') : `${type.level.replace(';', '/')} ${translate('completenessMinutes')}`}</td>
                <td>{type.counts.surveyed || ''}</td><td>{type.counts.located || ''}</td><td>{type.counts.estimated || ''}</td><td>{type.counts.placeholder || ''}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </section>
  );
}

/** How each import came, when it names no person; `api`: through the API before that was recorded. */
const channelMessages: Record<DataCompletenessAnswer['recentImports'][number]['importedBy'], MessageKey> = {
  session: 'completenessImportNotRecorded',
  token: 'completenessImportByScript',
  cli: 'completenessImportByCommandLine',
  api: 'completenessImportNotRecorded',
};

/** Who brought which file into which layer, newest first. */
function RecentImports({ answer }: { answer: DataCompletenessAnswer }) {
  const importer = (record: DataCompletenessAnswer['recentImports'][number]) =>
    record.importedByUser ?? translate(channelMessages[record.importedBy]);
  return (
    <section>
      <h3>{translate('completenessImports')}</h3>
      {answer.recentImports.length === 0 ? <p class="panel-note">{translate('completenessNoImports')}</p> : (
        <table class="import-table completeness-table" data-testid="completeness-imports">
          <thead><tr><th>{translate('completenessLayer')}</th><th>{translate('completenessImportFile')}</th><th>{translate('completenessImportWho')}</th><th>{translate('completenessImportWhen')}</th><th>{translate('completenessImportChanges')}</th></tr></thead>
          <tbody>
            {answer.recentImports.map((record, index) => (
              <tr key={`${record.importedAt}-${index}`} data-collection={record.collectionId}>
                <td>{layerTitleOfCollection(record.collectionId, language.value)}</td>
                <td>{record.fileName}</td>
                <td data-testid="import-record-person">{importer(record)}</td>
                <td><time dateTime={record.importedAt} title={translate('shanghaiTime')}>{minuteInShanghai(record.importedAt)}</time></td>
                <td>{record.added} / {record.changed} / {record.removed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * 数据完整度: what the dashboard's answers stand on. Per layer, the mix of surveyed, located,
 * estimated and placeholder features; per facility type, the same counts, grouped by domain, the
 * basic services marked, and 无数据 where there is no real site; the list of what to import
 * first; and the latest imports, with who brought each file in. Escape closes it.
 */
export function DataCompletenessDialog() {
  const answer = dataCompleteness.value;
  const failure = dataCompletenessFailure.value;
  useEffect(() => {
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeDataCompleteness();
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, []);
  return (
    <div class="import-dialog completeness-dialog" role="dialog" aria-modal="false" aria-labelledby="completeness-heading" data-testid="completeness-dialog" data-loaded={String(answer !== null)}>
      <header class="import-header">
        <h2 id="completeness-heading">{translate('completenessHeading')}</h2>
        <button type="button" class="icon-button" aria-label={translate('importClose')} data-testid="completeness-close" onClick={closeDataCompleteness}>×</button>
      </header>
      <p class="panel-note">{translate('completenessIntro')}</p>
      {failure && <p class="import-failure" role="alert">{failure}</p>}
      {!answer && !failure && <p class="panel-note">{translate('panelLoading')}</p>}
      {answer && (
        <>
          <Legend />
          <ImportFirst answer={answer} />
          <Layers answer={answer} />
          <FacilityTypes answer={answer} />
          <RecentImports answer={answer} />
        </>
      )}
    </div>
  );
}
