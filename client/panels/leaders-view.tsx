import { projectStatusReportOrder } from '../../server/contract/vocabulary/projects.ts';
import { useEffect, useMemo } from 'preact/hooks';
import type { LeadersSummary } from '../api/summary.ts';
import { type ExportDataset, exportUrl } from '../api/exports.ts';
import type { Counts, CountsByStatus, ProjectFigures } from '../../server/contract/summary.ts';
import { LeadersChart } from '../charts/leaders-chart.tsx';
import { buildCoverageByYearOption, buildProjectsByActionOption, buildRenovationByYearOption } from '../charts/chart-options.ts';
import { translate } from '../i18n/translate.ts';
import { renovationClasses, renovationColours, unknownRenovationColour } from '../layers/renovation-colours.ts';
import { ReportOverlay } from '../report/report-view.tsx';
import { asOfDate } from '../state/as-of-state.ts';
import { shownDate } from '../model/as-of-years.ts';
import { featuresByCollection, language } from '../state/dashboard-state.ts';
import { ensureLeadersSummary, loadLeadersSummary, openCoverageGapList, openDrilldown, openReport } from '../state/leaders-actions.ts';
import { drilldown, drilldownFailure, leadersFailure, leadersStatus, leadersSummary, renovationEditor, reportOpen, type Drilldown } from '../state/leaders-state.ts';
import { DrilldownList } from './leaders-drilldown.tsx';
import { RenovationEditorForm } from './leaders-renovation-editor.tsx';
import { percent, projectStatusName, renovationStatusName, yearRowLabel } from './leaders-text.ts';
import './leaders-panel.css';

/**
 * The leaders' view under the 进度总览 tab: where 综合整新 stands against covering every estate
 * by 2025, where each of the plan's projects stands, and the life-circle coverage, all for the
 * date the time slider sets. Every count is a button that lists what it counts. Loaded with the
 * tab (leaders-panel.tsx), not with the first map.
 */
export function LeadersView() {
  useEffect(() => ensureLeadersSummary(), []);
  const summary = leadersSummary.value;
  const status = leadersStatus.value;
  return (
    <section class="leaders-panel panel-body" data-testid="leaders-panel" aria-label={translate('leadersHeading')}>
      <div class="leaders-head">
        <h2>{translate('leadersHeading')}</h2>
        <button type="button" class="leaders-report-button" data-testid="open-report" disabled={!summary} onClick={openReport}>{translate('leadersOpenReport')}</button>
      </div>
      <p class="leaders-date" data-testid="leaders-date">
        {translate('asOfDate').replace('{date}', summary?.asOf ?? shownDate(asOfDate.value))}
        {status === 'loading' && <span class="leaders-loading"> · {translate('leadersLoading')}</span>}
      </p>
      {status === 'failed' && (
        <p class="panel-error" role="alert">
          {leadersFailure.value} <button type="button" onClick={() => void loadLeadersSummary()}>{translate('retry')}</button>
        </p>
      )}
      {summary && <LeadersContent summary={summary} />}
      {renovationEditor.value && <RenovationEditorForm />}
      {reportOpen.value && summary && <ReportOverlay summary={summary} />}
    </section>
  );
}

function LeadersContent({ summary }: { summary: LeadersSummary }) {
  return (
    <>
      {summary.inferred && <p class="panel-note leaders-inferred" data-testid="leaders-inferred">{summary.projects.all.recorded.count > 0 ? translate('leadersPartlyRecorded').replace('{count}', String(summary.projects.all.recorded.count)) : translate('leadersInferred')}</p>}
      {summary.renovation.assumedEstates > 0 && (
        <p class="panel-warning">{translate('leadersAssumedEstates').replace('{count}', String(summary.renovation.assumedEstates))}</p>
      )}
      <RenovationLegend />
      <HeadlineCards summary={summary} />
      {drilldown.value && <DrilldownList summary={summary} />}
      <RenovationByYear summary={summary} />
      <RenovationByCommittee summary={summary} />
      <OtherWorks summary={summary} />
      <PlanProgress summary={summary} />
      <ByLeadUnit summary={summary} />
      <CoverageByYear summary={summary} />
      <Exports />
    </>
  );
}

function RenovationLegend() {
  return (
    <div class="renovation-legend" data-testid="renovation-legend" aria-label={translate('leadersLegend')}>
      <span class="legend-title">{translate('leadersLegend')}</span>
      {renovationClasses.map((renovationClass) => (
        <span key={renovationClass} class="renovation-class"><i style={{ background: renovationColours[renovationClass].css }} />{renovationStatusName(renovationClass)}</span>
      ))}
      <span class="renovation-class"><i style={{ background: unknownRenovationColour.css }} />{translate('renovationUnknown')}</span>
      <span class="renovation-class demonstration"><i />{translate('leadersDemonstrationLegend')}</span>
    </div>
  );
}

/** A number that opens the list of what it counts. */
export function CountButton({ value, title, kind, keys, testId, children }: {
  value: number; title: string; kind: Drilldown['kind']; keys: string[]; testId?: string; children?: preact.ComponentChildren;
}) {
  return (
    <button
      type="button"
      class="count-button"
      data-testid={testId}
      data-value={value}
      title={title}
      onClick={() => openDrilldown({ kind, title, keys })}
    >
      {children ?? value.toLocaleString(language.value)}
    </button>
  );
}

/** Facilities open on the date: every facility of the map's data not among those not yet open. */
function openFacilityKeys(summary: LeadersSummary): string[] {
  const notOpen = new Set(summary.facilities.notOpenKeys);
  return (featuresByCollection.value.facilities?.features ?? []).map((feature) => String(feature.id)).filter((key) => !notOpen.has(key));
}

const estateKeysWithStatus = (summary: LeadersSummary, statuses: string[], committee?: string) =>
  summary.renovation.estates.filter((estate) => statuses.includes(estate.status) && (committee === undefined || estate.residentsCommittee === committee)).map((estate) => estate.estateKey);

function HeadlineCards({ summary }: { summary: LeadersSummary }) {
  const renovation = summary.renovation;
  const projects = summary.projects.all;
  const locale = language.value;
  const doneKeys = estateKeysWithStatus(summary, ['done']);
  const remainingKeys = estateKeysWithStatus(summary, ['in_progress', 'planned', 'not_planned']);
  const doneTitle = `${translate('leadersRenovationCard')} · ${renovationStatusName('done')}`;
  const remainingTitle = `${translate('leadersRenovationCard')} · ${translate('leadersRemaining')}`;
  const rows: { key: keyof Counts; unit: string }[] = [
    { key: 'estates', unit: translate('leadersEstatesUnit') },
    { key: 'households', unit: translate('leadersHouseholdsUnit') },
    { key: 'residents', unit: translate('leadersResidentsUnit') },
  ];
  return (
    <div class="headline-cards">
      <div class="headline-card" data-testid="headline-renovation">
        <h3>{translate('leadersRenovationCard')}</h3>
        <table class="headline-table">
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <td class="headline-figure">
                  <CountButton value={renovation.target.met[row.key]} title={doneTitle} kind="estates" keys={doneKeys} testId={`headline-renovated-${row.key}`} />
                </td>
                <td>{translate('leadersOfTotal').replace('{total}', renovation.totals[row.key].toLocaleString(locale))} {row.unit}</td>
                <td class="headline-share" data-testid={`headline-renovated-share-${row.key}`}>{percent(renovation.target.share[row.key])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div class="target-bar" aria-hidden="true"><span style={{ width: `${Math.min(100, renovation.target.share.estates * 100)}%` }} /></div>
        <p class="panel-note">
          {translate('leadersTargetLine').replace('{share}', percent(renovation.target.share.estates))} · {translate('leadersRemaining')}{' '}
          <CountButton value={renovation.target.required.estates - renovation.target.met.estates} title={remainingTitle} kind="estates" keys={remainingKeys} testId="headline-renovation-remaining" />{' '}
          {translate('leadersEstatesUnit')}
        </p>
        <div class="status-row">
          {renovationClasses.map((status) => (
            <span key={status} class="status-chip">
              <i style={{ background: renovationColours[status].css }} />
              {renovationStatusName(status)}{' '}
              <CountButton value={renovation.byStatus[status].estates} title={`${translate('leadersRenovationCard')} · ${renovationStatusName(status)}`} kind="estates" keys={estateKeysWithStatus(summary, [status])} testId={`headline-renovation-${status}`} />
            </span>
          ))}
        </div>
      </div>
      <div class="headline-card" data-testid="headline-projects">
        <h3>{translate('leadersProjectsCard')}</h3>
        <div class="status-row">
          <span class="status-chip">{translate('leadersProjectsTotal')} <CountButton value={projects.total} title={translate('leadersProjectsTotal')} kind="projects" keys={projects.codes} testId="headline-projects-total" /></span>
          {projectStatusReportOrder.map((status) => (
            <span key={status} class="status-chip">
              {projectStatusName(status)} <CountButton value={projects.byStatus[status].count} title={`${translate('leadersProjectsCard')} · ${projectStatusName(status)}`} kind="projects" keys={projects.byStatus[status].codes} testId={`headline-projects-${status}`} />
            </span>
          ))}
          <span class="status-chip overdue">
            {translate('leadersOverdue')} <CountButton value={projects.overdue.count} title={`${translate('leadersProjectsCard')} · ${translate('leadersOverdue')}`} kind="projects" keys={projects.overdue.codes} testId="headline-projects-overdue" />
          </span>
          <span class="status-chip unverified" title={translate('leadersUnverifiedNote')}>
            {translate('leadersUnverified')} <CountButton value={projects.unverified.count} title={`${translate('leadersProjectsCard')} · ${translate('leadersUnverified')}`} kind="projects" keys={projects.unverified.codes} testId="headline-projects-unverified" />
          </span>
        </div>
        <p class="panel-note">{translate('leadersAverageProgress')} <strong data-testid="headline-projects-progress">{Math.round(projects.averageProgressPercent)}%</strong></p>
      </div>
      <div class="headline-card" data-testid="headline-coverage">
        <h3>{translate('leadersCoverageCard')}</h3>
        <div class="coverage-shares">
          {[
            ...summary.coverage.groups.map((group) => ({ key: group.key, name: locale === 'zh-CN' ? group.nameZh : group.nameEn, share: group.residentsShare, hasData: group.hasData })),
            { key: 'all', name: translate('leadersAllEssentials'), share: summary.coverage.allEssentials.residentsShare, hasData: summary.coverage.allEssentials.hasData },
          ].map((group) => (
            <span key={group.key} class="coverage-share">
              {group.name}{' '}
              {/* No data is its own answer: nothing to open, and never 0 %. The share opens the estates the group does not reach on that date. */}
              {!group.hasData ? <span class="no-data" data-testid={`headline-coverage-${group.key}`} data-no-data="true">{translate('noDataShare')}</span> : (
              <button
                type="button" class="count-button" data-testid={`headline-coverage-${group.key}`} data-value={group.share}
                title={translate('leadersCoverageGapTitle').replace('{group}', group.name)}
                onClick={() => void openCoverageGapList(group.key, translate('leadersCoverageGapTitle').replace('{group}', group.name))}
              >
                {percent(group.share)}
              </button>
              )}
            </span>
          ))}
        </div>
        <p class="panel-note" data-testid="headline-types-with-data">
          {translate('typesWithData').replace('{count}', String(summary.coverage.essentialTypes.withData)).replace('{total}', String(summary.coverage.essentialTypes.total))}
        </p>
        {drilldownFailure.value && <p class="panel-error" role="alert">{drilldownFailure.value}</p>}
        <p class="panel-note" data-testid="headline-facilities-open">
          {translate('leadersFacilitiesOpenLabel')}{' '}
          <CountButton value={summary.facilities.openCount} title={translate('leadersFacilitiesOpenTitle')} kind="facilities" keys={openFacilityKeys(summary)} testId="headline-facilities-open-count" />
          {' / '}{summary.facilities.total} · {translate('leadersFacilitiesNotOpen')}{' '}
          <CountButton value={summary.facilities.notOpenKeys.length} title={translate('leadersFacilitiesNotOpen')} kind="facilities" keys={summary.facilities.notOpenKeys} testId="headline-facilities-not-open" />
        </p>
      </div>
    </div>
  );
}

function RenovationByYear({ summary }: { summary: LeadersSummary }) {
  const rows = summary.renovation.byYear;
  const locale = language.value;
  const option = useMemo(() => buildRenovationByYearOption(rows, summary.renovation.target.year, {
    doneInYear: translate('leadersDoneInYear'), expectedInYear: translate('leadersExpectedInYear'), cumulativeShare: translate('leadersCumulativeShare'),
    target: translate('leadersTarget'), estatesUnit: translate('leadersEstatesUnit'), yearLabel: yearRowLabel,
  }), [summary, locale]);
  // The estates whose 综合整新 is recorded (done or expected) in a year; after 2025: later, or no year.
  const keysOfYear = (year: number | 'after2025') => summary.renovation.estates
    .filter((estate) => (year === 'after2025' ? estate.year === null || estate.year > 2025 : estate.year === year))
    .map((estate) => estate.estateKey);
  return (
    <div class="leaders-section">
      <h3>{translate('leadersByYearHeading')}</h3>
      <LeadersChart option={option} height={190} testId="chart-renovation-by-year" label={translate('leadersByYearHeading')} />
      <table class="leaders-table" data-testid="renovation-by-year">
        <thead>
          <tr>
            <th>{translate('leadersYear')}</th><th>{translate('leadersDoneInYear')}</th><th>{translate('leadersExpectedInYear')}</th>
            <th>{translate('leadersEstatesOfYear')}</th><th>{translate('leadersCumulative')}</th><th>{translate('leadersCumulativeShare')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row.year)} data-testid="renovation-year-row">
              <td>{yearRowLabel(row)}</td>
              <td>{row.doneInYear.estates.toLocaleString(locale)}</td>
              <td>{row.expectedInYear.estates.toLocaleString(locale)}</td>
              <td>
                <CountButton value={row.doneInYear.estates + row.expectedInYear.estates} title={`${yearRowLabel(row)} · ${translate('leadersEstatesOfYear')}`} kind="estates" keys={keysOfYear(row.year)} testId="renovation-year-count" />
              </td>
              <td>{row.cumulative.estates.toLocaleString(locale)}</td>
              <td>{percent(row.cumulativeResidentsShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="panel-note">{translate('leadersByYearNote')}</p>
    </div>
  );
}

function StatusCells({ byStatus, title, keysOf }: { byStatus: CountsByStatus; title: string; keysOf: (status: string) => string[] }) {
  return (
    <>
      {renovationClasses.map((status) => (
        <td key={status}>
          <CountButton value={byStatus[status].estates} title={`${title} · ${renovationStatusName(status)}`} kind="estates" keys={keysOf(status)} />
        </td>
      ))}
    </>
  );
}

function RenovationByCommittee({ summary }: { summary: LeadersSummary }) {
  return (
    <details class="leaders-section" open>
      <summary><h3>{translate('leadersByCommitteeHeading')}</h3></summary>
      <table class="leaders-table" data-testid="renovation-by-committee">
        <thead>
          <tr>
            <th>{translate('leadersCommittee')}</th><th>{translate('leadersEstates')}</th>
            {renovationClasses.map((status) => <th key={status}><i class="swatch" style={{ background: renovationColours[status].css }} />{renovationStatusName(status)}</th>)}
          </tr>
        </thead>
        <tbody>
          {summary.renovation.byCommittee.map((row) => (
            <tr key={row.committee}>
              <td>{row.committee}</td>
              <td><CountButton value={row.totals.estates} title={row.committee} kind="estates" keys={row.estateKeys} /></td>
              <StatusCells byStatus={row.byStatus} title={row.committee} keysOf={(status) => estateKeysWithStatus(summary, [status], row.committee)} />
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function OtherWorks({ summary }: { summary: LeadersSummary }) {
  const renovation = summary.renovation;
  const works = [
    { key: 'sewerSeparation', title: translate('leadersSewerSeparation'), byStatus: renovation.sewerSeparation, statusOf: (estate: LeadersSummary['renovation']['estates'][number]) => estate.sewerSeparationStatus },
    { key: 'flatRetrofit', title: translate('leadersFlatRetrofit'), byStatus: renovation.flatRetrofit, statusOf: (estate: LeadersSummary['renovation']['estates'][number]) => estate.flatRetrofitStatus },
  ];
  return (
    <div class="leaders-section">
      <h3>{translate('leadersOtherWorksHeading')}</h3>
      <table class="leaders-table" data-testid="other-works">
        <thead><tr><th />{renovationClasses.map((status) => <th key={status}>{renovationStatusName(status)}</th>)}</tr></thead>
        <tbody>
          {works.map((work) => (
            <tr key={work.key}>
              <td>{work.title}</td>
              <StatusCells byStatus={work.byStatus} title={work.title} keysOf={(status) => renovation.estates.filter((estate) => work.statusOf(estate) === status).map((estate) => estate.estateKey)} />
            </tr>
          ))}
        </tbody>
      </table>
      <p class="panel-note">
        {translate('leadersLifts')}:{' '}
        {translate('leadersLiftsFigures').replace('{installed}', String(renovation.lifts.installed)).replace('{planned}', String(renovation.lifts.planned)).replace('{unknown}', String(renovation.lifts.estatesNotKnown))}
      </p>
    </div>
  );
}

function FigureCells({ figures, title }: { figures: ProjectFigures; title: string }) {
  return (
    <>
      <td><CountButton value={figures.total} title={title} kind="projects" keys={figures.codes} /></td>
      {projectStatusReportOrder.map((status) => (
        <td key={status}><CountButton value={figures.byStatus[status].count} title={`${title} · ${projectStatusName(status)}`} kind="projects" keys={figures.byStatus[status].codes} /></td>
      ))}
      <td class={figures.overdue.count > 0 ? 'overdue' : ''}><CountButton value={figures.overdue.count} title={`${title} · ${translate('leadersOverdue')}`} kind="projects" keys={figures.overdue.codes} /></td>
      <td class={figures.unverified.count > 0 ? 'unverified' : ''}><CountButton value={figures.unverified.count} title={`${title} · ${translate('leadersUnverified')}`} kind="projects" keys={figures.unverified.codes} /></td>
      <td>{Math.round(figures.averageProgressPercent)}%</td>
    </>
  );
}

function FigureHeader({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th>{first}</th><th>{translate('leadersTotal')}</th>
        {projectStatusReportOrder.map((status) => <th key={status}>{projectStatusName(status)}</th>)}
        <th>{translate('leadersOverdue')}</th><th title={translate('leadersUnverifiedNote')}>{translate('leadersUnverified')}</th><th>{translate('leadersProgress')}</th>
      </tr>
    </thead>
  );
}

function PlanProgress({ summary }: { summary: LeadersSummary }) {
  const locale = language.value;
  const option = useMemo(() => buildProjectsByActionOption(summary.projects.byAction, {
    language: locale,
    statuses: { planned: projectStatusName('planned'), in_progress: projectStatusName('in_progress'), completed: projectStatusName('completed'), on_hold: projectStatusName('on_hold') },
  }), [summary, locale]);
  return (
    <div class="leaders-section">
      <h3>{translate('leadersPlanHeading')}</h3>
      <LeadersChart option={option} height={200} testId="chart-projects-by-action" label={translate('leadersProjectsChartHeading')} />
      <table class="leaders-table plan-table" data-testid="plan-progress">
        <FigureHeader first={translate('leadersAction')} />
        <tbody>
          {summary.projects.byAction.map((action) => {
            const actionName = locale === 'zh-CN' ? action.nameZh : action.nameEn;
            return [
              <tr key={action.action} class="action-row" data-testid="plan-action-row">
                <td>{actionName}</td>
                <FigureCells figures={action} title={actionName} />
              </tr>,
              ...action.items.map((item) => {
                const itemName = `${item.item}. ${locale === 'zh-CN' ? item.nameZh : item.nameEn}`;
                return (
                  <tr key={`${action.action}-${item.item}`} class="item-row" data-testid="plan-item-row">
                    <td>{itemName}</td>
                    <FigureCells figures={item} title={itemName} />
                  </tr>
                );
              }),
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}

function ByLeadUnit({ summary }: { summary: LeadersSummary }) {
  return (
    <details class="leaders-section">
      <summary><h3>{translate('leadersByLeadUnitHeading')}</h3></summary>
      <table class="leaders-table plan-table" data-testid="plan-by-lead-unit">
        <FigureHeader first={translate('leadersLeadUnit')} />
        <tbody>
          {summary.projects.byLeadUnit.map((unit) => (
            <tr key={unit.leadUnit}><td>{unit.leadUnit}</td><FigureCells figures={unit} title={unit.leadUnit} /></tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function CoverageByYear({ summary }: { summary: LeadersSummary }) {
  const locale = language.value;
  const option = useMemo(() => buildCoverageByYearOption(summary.coverageByYear, {
    language: locale, openedProjects: translate('leadersCoverageChartOpened'), noneOpened: translate('leadersCoverageChartNoneOpened'), noData: translate('noDataShare'),
  }), [summary, locale]);
  if (summary.coverageByYear.length === 0) return null;
  return (
    <div class="leaders-section">
      <h3>{translate('leadersCoverageChartHeading')}</h3>
      <LeadersChart option={option} height={220} testId="chart-coverage-by-year" label={translate('leadersCoverageChartHeading')} />
      <ul class="opened-projects" data-testid="coverage-opened-projects">
        {summary.coverageByYear.filter((year) => year.openedProjects.length > 0).map((year) => (
          <li key={year.year}>
            <strong>{year.year}</strong>{' '}
            <CountButton value={year.openedProjects.length} title={`${year.year} · ${translate('leadersCoverageChartOpened')}`} kind="projects" keys={year.openedProjects.map((project) => project.code)} />{' '}
            {year.openedProjects.map((project) => project.titleZh).join('、')}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Exports() {
  const asOf = asOfDate.value;
  const datasets: { key: ExportDataset; title: string }[] = [
    { key: 'estates', title: translate('leadersExportEstates') },
    { key: 'projects', title: translate('leadersExportProjects') },
    { key: 'facilities', title: translate('leadersExportFacilities') },
    { key: 'coverage', title: translate('leadersExportCoverage') },
  ];
  return (
    <div class="leaders-section exports" data-testid="exports">
      <h3>{translate('leadersExportsHeading')}</h3>
      <ul>
        {datasets.map((dataset) => (
          <li key={dataset.key}>
            <span>{dataset.title}</span>
            <a href={exportUrl(dataset.key, 'xlsx', asOf)} download data-testid={`export-${dataset.key}-xlsx`}>Excel</a>
            <a href={exportUrl(dataset.key, 'csv', asOf)} download data-testid={`export-${dataset.key}-csv`}>CSV</a>
            <a href={exportUrl(dataset.key, 'geojson', asOf)} download data-testid={`export-${dataset.key}-geojson`}>GeoJSON</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
