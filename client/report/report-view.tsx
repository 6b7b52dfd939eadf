import { projectStatusReportOrder } from '../../server/contract/vocabulary/projects.ts';
import { renovationStatuses } from '../../server/contract/vocabulary/renovation.ts';
import { createPortal } from 'preact/compat';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { LeadersSummary } from '../api/summary.ts';
import { translate } from '../i18n/translate.ts';
import { renovationColours } from '../layers/renovation-colours.ts';
import { percent, projectStatusName, renovationSourceName, renovationStatusName, yearRowLabel } from '../panels/leaders-text.ts';
import { language } from '../state/dashboard-state.ts';
import { closeReport } from '../state/leaders-actions.ts';
import { reportMap } from '../state/leaders-state.ts';
import { renderReportPdf, saveBlob } from './download-report-pdf.ts';
import { chunk, rowsThatFit } from './paginate.ts';
import './report.css';

/**
 * The one-click A4 report in Chinese (English when the interface is): title and date, the map,
 * the headline figures, renovation by estate, projects by action, coverage, and what the
 * figures rest on. Each .report-page is one A4 sheet, for printing (report.css) and for the PDF.
 */
export function ReportOverlay({ summary }: { summary: LeadersSummary }) {
  const [pdfStatus, setPdfStatus] = useState<'idle' | 'working' | 'failed'>('idle');
  const printButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Keyboard users land on the report's buttons, and Escape goes back to the dashboard.
    printButton.current?.focus();
    const closeOnEscape = (event: KeyboardEvent) => { if (event.key === 'Escape') closeReport(); };
    window.addEventListener('keydown', closeOnEscape);
    return () => window.removeEventListener('keydown', closeOnEscape);
  }, []);
  const [pdfFailure, setPdfFailure] = useState<string | null>(null);
  const downloadPdf = async () => {
    setPdfStatus('working');
    try {
      const pages = [...document.querySelectorAll<HTMLElement>('.report-overlay .report-page')];
      const blob = await renderReportPdf(pages);
      saveBlob(blob, `潍坊新村街道进度报告-${summary.asOf}.pdf`);
      setPdfStatus('idle');
    } catch (error) {
      setPdfFailure(error instanceof Error ? error.message : String(error));
      setPdfStatus('failed');
    }
  };
  const [layout, setLayout] = useState<ReportLayout>(firstLayout);
  const pagesElement = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // Rows are counted before they are measured: a long title wraps onto two lines, and a page of
    // 40 rows can run into its footer. Measure, shorten the pages that overflow and lay out again;
    // each pass only shortens them, so it settles.
    const next = measureLayout(pagesElement.current!, layout);
    if (next) setLayout(next);
    else if (!layout.settled) setLayout({ ...layout, settled: true });
  });
  const estateChunks = chunk(sortedEstates(summary), layout.estateRowsPerPage);
  const projectChunks = chunk(projectRows(summary), layout.projectRowsPerPage);
  const coveragePage = 2 + estateChunks.length + projectChunks.length;
  const generated = new Date().toLocaleString(language.value === 'zh-CN' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', hour12: false });
  // Straight under <body>: out of the side panel's scrolling box, so printing can show it alone.
  return createPortal(
    <div class="report-overlay" data-testid="report-overlay" data-laid-out={layout.settled ? 'true' : undefined} role="dialog" aria-label={translate('reportTitle')}>
      <div class="report-toolbar">
        <button type="button" ref={printButton} data-testid="report-print" onClick={() => window.print()}>{translate('reportPrint')}</button>
        <button type="button" data-testid="report-download-pdf" disabled={pdfStatus === 'working'} onClick={() => void downloadPdf()}>
          {pdfStatus === 'working' ? translate('reportPreparingPdf') : translate('reportDownloadPdf')}
        </button>
        {pdfFailure && <span class="panel-error">{pdfFailure}</span>}
        <button type="button" class="report-close" data-testid="report-close" onClick={closeReport}>{translate('reportClose')}</button>
      </div>
      <div class="report-pages" ref={pagesElement}>
        <FirstPage summary={summary} generated={generated} />
        {estateChunks.map((estates, index) => <RenovationPage key={`estates-${index}`} summary={summary} estates={estates} page={2 + index} continued={index > 0} />)}
        {projectChunks.map((rows, index) => <ProjectsPage key={`projects-${index}`} summary={summary} rows={rows} page={2 + estateChunks.length + index} continued={index > 0} />)}
        <CoveragePage summary={summary} page={coveragePage} withSources={!layout.sourcesOnOwnPage} />
        {layout.sourcesOnOwnPage && <SourcesPage summary={summary} page={coveragePage + 1} />}
      </div>
    </div>,
    document.body,
  );
}

/** A coverage share, or 无数据 where the data knows no real site: no data is never shown as 0 %. */
const shareText = (share: { residentsShare: number; hasData: boolean }) => (share.hasData ? percent(share.residentsShare) : translate('noDataShare'));

/** How the tables are split into A4 pages; settled once a measurement changed nothing. */
type ReportLayout = { estateRowsPerPage: number; projectRowsPerPage: number; sourcesOnOwnPage: boolean; settled: boolean };

// A first guess of the rows that fit on one A4 page under its heading, with room for the footer.
const firstLayout: ReportLayout = { estateRowsPerPage: 40, projectRowsPerPage: 40, sourcesOnOwnPage: false, settled: false };

/** The layout with fewer rows on the pages that run into their footer, or null when every page fits. */
function measureLayout(pages: HTMLElement, layout: ReportLayout): ReportLayout | null {
  const fitting = (table: string) => [...pages.querySelectorAll<HTMLElement>('.report-page')]
    .filter((page) => page.querySelector(`[data-testid="${table}"]`))
    .reduce((fewest, page) => Math.min(fewest, rowsThatFit(page) ?? fewest), Infinity);
  const estateRowsPerPage = Math.min(layout.estateRowsPerPage, fitting('report-renovation-table'));
  const projectRowsPerPage = Math.min(layout.projectRowsPerPage, fitting('report-projects-table'));
  const coverage = pages.querySelector<HTMLElement>('.report-page:has([data-testid="report-coverage-table"])');
  const sourcesOnOwnPage = layout.sourcesOnOwnPage || (coverage !== null && rowsThatFit(coverage) !== null);
  if (estateRowsPerPage === layout.estateRowsPerPage && projectRowsPerPage === layout.projectRowsPerPage && sourcesOnOwnPage === layout.sourcesOnOwnPage) return null;
  return { estateRowsPerPage, projectRowsPerPage, sourcesOnOwnPage, settled: false };
}


type Estate = LeadersSummary['renovation']['estates'][number];
type Project = LeadersSummary['projects']['list'][number];
type Action = LeadersSummary['projects']['byAction'][number];
type ProjectTableRow = { kind: 'action'; action: Action } | { kind: 'project'; project: Project };

function sortedEstates(summary: LeadersSummary): Estate[] {
  return [...summary.renovation.estates].sort((a, b) => a.residentsCommittee.localeCompare(b.residentsCommittee, 'zh-CN') || a.estateName.localeCompare(b.estateName, 'zh-CN'));
}

/** The project table's rows: each action's heading row followed by its projects. */
function projectRows(summary: LeadersSummary): ProjectTableRow[] {
  return summary.projects.byAction.flatMap((action): ProjectTableRow[] => [
    { kind: 'action', action },
    ...summary.projects.list.filter((project) => project.action === action.action).map((project): ProjectTableRow => ({ kind: 'project', project })),
  ]);
}

function PageFooter({ summary, page }: { summary: LeadersSummary; page: number }) {
  return <footer class="report-footer">{translate('reportTitle')} · {translate('reportAsOf').replace('{date}', summary.asOf)} · {translate('reportPage').replace('{page}', String(page))}</footer>;
}

function FirstPage({ summary, generated }: { summary: LeadersSummary; generated: string }) {
  const renovation = summary.renovation;
  const projects = summary.projects.all;
  const locale = language.value;
  return (
    <section class="report-page" data-testid="report-page">
      <header class="report-header">
        <h1>{translate('reportTitle')}</h1>
        <p class="report-subtitle">{translate('reportSubtitle')}</p>
        <p class="report-date" data-testid="report-date">{translate('reportAsOf').replace('{date}', summary.asOf)} · {translate('reportGenerated').replace('{time}', generated)}</p>
        {summary.inferred && <p class="report-note" data-testid="report-inferred">{summary.projects.all.recorded.count > 0 ? translate('leadersPartlyRecorded').replace('{count}', String(summary.projects.all.recorded.count)) : translate('leadersInferred')}</p>}
      </header>
      <h2>{translate('reportMapHeading')}</h2>
      <ReportMapPicture />
      <p class="report-legend">
        {renovationStatuses.map((status) => (
          <span key={status}><i style={{ background: renovationColours[status].css }} />{renovationStatusName(status)}</span>
        ))}
        <span><i class="demonstration" />{translate('leadersDemonstrationLegend')}</span>
      </p>
      <h2>{translate('reportHeadlineHeading')}</h2>
      <div class="report-figures" data-testid="report-headline">
        <div>
          <strong data-testid="report-renovated-estates">{renovation.target.met.estates}</strong> / {renovation.totals.estates} {translate('leadersEstatesUnit')}
          <span>{translate('leadersRenovationCard')} · {percent(renovation.target.share.estates)}</span>
        </div>
        <div>
          <strong>{renovation.target.met.households.toLocaleString(locale)}</strong> / {renovation.totals.households.toLocaleString(locale)} {translate('leadersHouseholdsUnit')}
          <span>{percent(renovation.target.share.households)}</span>
        </div>
        <div>
          <strong>{renovation.target.met.residents.toLocaleString(locale)}</strong> / {renovation.totals.residents.toLocaleString(locale)} {translate('leadersResidentsUnit')}
          <span>{percent(renovation.target.share.residents)}</span>
        </div>
        <div>
          <strong>{projects.total}</strong> {translate('leadersProjectsTotal')}
          <span>
            {projectStatusReportOrder.map((status) => `${projectStatusName(status)} ${projects.byStatus[status].count}`).join(' · ')} · {translate('leadersOverdue')} {projects.overdue.count} · {translate('leadersUnverified')} {projects.unverified.count}
          </span>
        </div>
        <div>
          <strong>{shareText(summary.coverage.allEssentials)}</strong> {translate('leadersAllEssentials')}
          <span>{summary.coverage.groups.map((group) => `${locale === 'zh-CN' ? group.nameZh : group.nameEn} ${shareText(group)}`).join(' · ')}</span>
          <span data-testid="report-types-with-data">{translate('typesWithData').replace('{count}', String(summary.coverage.essentialTypes.withData)).replace('{total}', String(summary.coverage.essentialTypes.total))}</span>
        </div>
      </div>
      <h2>{translate('leadersByYearHeading')}</h2>
      <table class="report-table">
        <thead>
          <tr>
            <th>{translate('leadersYear')}</th><th>{translate('leadersDoneInYear')}</th><th>{translate('leadersExpectedInYear')}</th>
            <th>{translate('leadersCumulative')}</th><th>{translate('leadersCumulativeShare')}</th>
          </tr>
        </thead>
        <tbody>
          {renovation.byYear.map((row) => (
            <tr key={String(row.year)}>
              <td>{yearRowLabel(row)}</td><td class="number">{row.doneInYear.estates}</td><td class="number">{row.expectedInYear.estates}</td>
              <td class="number">{row.cumulative.estates}</td><td class="number">{percent(row.cumulativeResidentsShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <PageFooter summary={summary} page={1} />
    </section>
  );
}

/**
 * The whole subdistrict on the map, once drawn; the place it will take meanwhile. The picture
 * carries the [west, south, east, north] it shows (data-bounds), for the browser tests.
 */
function ReportMapPicture() {
  const map = reportMap.value;
  if (map.status === 'drawing') return <div class="report-map report-map-drawing" data-testid="report-map-drawing">{translate('reportMapDrawing')}</div>;
  if (map.status === 'missing') return <p class="report-note">{translate('reportMapMissing')}</p>;
  return <img class="report-map" src={map.picture.image} alt={translate('reportMapHeading')} data-testid="report-map-image" data-bounds={map.picture.bounds.join(',')} />;
}

function RenovationPage({ summary, estates, page, continued }: { summary: LeadersSummary; estates: Estate[]; page: number; continued: boolean }) {
  const locale = language.value;
  return (
    <section class="report-page" data-testid="report-page">
      <h2>{translate('reportRenovationTableHeading')}{continued ? translate('reportContinued') : ''}</h2>
      <table class="report-table compact" data-testid="report-renovation-table">
        <thead>
          <tr>
            <th>{translate('reportEstate')}</th><th>{translate('leadersCommittee')}</th><th>{translate('reportStatus')}</th><th>{translate('reportYearColumn')}</th>
            <th>{translate('reportHouseholds')}</th><th>{translate('reportResidents')}</th><th>{translate('leadersSewerSeparation')}</th><th>{translate('reportLifts')}</th><th>{translate('reportSource')}</th>
          </tr>
        </thead>
        <tbody>
          {estates.map((estate) => (
            <tr key={estate.estateKey} data-testid="report-estate-row">
              <td>{estate.estateName}{estate.demonstration ? ' ★' : ''}</td>
              <td>{estate.residentsCommittee}</td>
              <td><i class="swatch" style={{ background: renovationColours[estate.status].css }} />{renovationStatusName(estate.status)}</td>
              <td>{estate.year ?? '—'}</td>
              <td class="number">{estate.households.toLocaleString(locale)}</td>
              <td class="number">{estate.residents.toLocaleString(locale)}</td>
              <td>{renovationStatusName(estate.sewerSeparationStatus)}</td>
              <td>{estate.liftsInstalled ?? '—'} / {estate.liftsPlanned ?? '—'}</td>
              <td>{estate.assumed ? translate('reportAssumed') : renovationSourceName(estate.source)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="report-note">★ {translate('leadersDemonstrationLegend')}</p>
      <PageFooter summary={summary} page={page} />
    </section>
  );
}

function ProjectsPage({ summary, rows, page, continued }: { summary: LeadersSummary; rows: ProjectTableRow[]; page: number; continued: boolean }) {
  const locale = language.value;
  return (
    <section class="report-page" data-testid="report-page">
      <h2>{translate('reportProjectsTableHeading')}{continued ? translate('reportContinued') : ''}</h2>
      <table class="report-table compact" data-testid="report-projects-table">
        <thead>
          <tr>
            <th>{translate('reportProjectCode')}</th><th>{translate('reportProjectTitle')}</th><th>{translate('leadersLeadUnit')}</th>
            <th>{translate('reportStatus')}</th><th>{translate('leadersProgress')}</th><th>{translate('reportPeriod')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => row.kind === 'action'
            ? (
              <tr key={row.action.action} class="report-group-row">
                <td colSpan={6}>{locale === 'zh-CN' ? row.action.nameZh : row.action.nameEn} · {row.action.total} · {translate('leadersOverdue')} {row.action.overdue.count} · {translate('leadersUnverified')} {row.action.unverified.count}</td>
              </tr>
            )
            : (
              <tr key={row.project.code} data-testid="report-project-row" class={row.project.overdue ? 'overdue' : ''}>
                <td>{row.project.code}</td>
                <td>{row.project.titleZh}</td>
                <td>{row.project.leadUnit}</td>
                <td>{projectStatusName(row.project.status)}{row.project.overdue ? ` · ${translate('reportOverdueMark')}` : ''}{row.project.statusUnverified ? <span class="report-unverified" title={translate('reportUnverifiedMark')}>*</span> : ''}</td>
                <td class="number">{Math.round(row.project.progressPercent)}%</td>
                <td>{row.project.startDate} – {row.project.endDate}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <PageFooter summary={summary} page={page} />
    </section>
  );
}

function CoveragePage({ summary, page, withSources }: { summary: LeadersSummary; page: number; withSources: boolean }) {
  const locale = language.value;
  const years = summary.coverageByYear;
  return (
    <section class="report-page" data-testid="report-page">
      <h2>{translate('reportCoverageTableHeading')}</h2>
      <table class="report-table" data-testid="report-coverage-table">
        <thead>
          <tr>
            <th>{translate('reportCoverageGroup')}</th>
            <th>{translate('reportSelectedDate')}<br />{summary.asOf}</th>
            {years.map((year) => <th key={year.year}>{year.year}</th>)}
          </tr>
        </thead>
        <tbody>
          {summary.coverage.groups.map((group) => (
            <tr key={group.key} data-testid="report-coverage-row">
              <td>{locale === 'zh-CN' ? group.nameZh : group.nameEn}</td>
              <td class="number">{shareText(group)}</td>
              {years.map((year) => {
                const then = year.groups.find((candidate) => candidate.key === group.key);
                return <td key={year.year} class="number">{then ? shareText(then) : '—'}</td>;
              })}
            </tr>
          ))}
          <tr data-testid="report-coverage-row">
            <td>{translate('leadersAllEssentials')}</td>
            <td class="number">{shareText(summary.coverage.allEssentials)}</td>
            {years.map((year) => <td key={year.year} class="number">{shareText(year.allEssentials)}</td>)}
          </tr>
        </tbody>
      </table>
      <ul class="report-list">
        {years.filter((year) => year.openedProjects.length > 0).map((year) => (
          <li key={year.year}>{year.year} · {translate('leadersCoverageChartOpened')}: {year.openedProjects.map((project) => `${project.code} ${project.titleZh}`).join('；')}</li>
        ))}
      </ul>
      {withSources && <Sources summary={summary} />}
      <PageFooter summary={summary} page={page} />
    </section>
  );
}

/** What the figures rest on, on a page of its own when the coverage page has no room left for it. */
function SourcesPage({ summary, page }: { summary: LeadersSummary; page: number }) {
  return (
    <section class="report-page" data-testid="report-page">
      <Sources summary={summary} />
      <PageFooter summary={summary} page={page} />
    </section>
  );
}

function Sources({ summary }: { summary: LeadersSummary }) {
  const locale = language.value;
  return (
    <>
      <h2>{translate('reportSourcesHeading')}</h2>
      <ul class="report-list" data-testid="report-sources">
        <li>{translate('reportSourcesPlan')}</li>
        <li>{translate('reportSourcesGeodata')}</li>
        {summary.assumptions.map((assumption, index) => <li key={index}>{locale === 'zh-CN' ? assumption.zh : assumption.en}</li>)}
      </ul>
    </>
  );
}
