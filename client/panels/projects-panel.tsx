import type { PlaceFeature } from '../api/collections.ts';
import { minuteInShanghai, todayInShanghai } from '../../server/contract/vocabulary/as-of.ts';
import { projectActions, projectFieldNamesZh, projectItems, projectStatuses } from '../../server/contract/vocabulary/projects.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { translate } from '../i18n/translate.ts';
import { cssColour } from '../layers/palette.ts';
import { projectActionColours } from '../layers/project-colours.ts';
import { flyToPlace } from '../state/actions.ts';
import { asOfDate } from '../state/as-of-state.ts';
import { language, loadStatus } from '../state/dashboard-state.ts';
import { restoreVersion, startEditingProject, startNewProject } from '../state/editing-actions.ts';
import { restoreFailure, restoringVersion } from '../state/editing-state.ts';
import { RestoreConflictDialog } from './conflict-dialog.tsx';
import {
  countProjectsByYear, groupProjectsByAction, isProjectFilterEmpty, isStateDerived, leadUnitsOf, linkedFeaturesOf, linkedPlaceNames, projectPropertiesOf, projectStateOn,
  projectYears, unverifiedStatusFilter, type ProjectProperties, type ProjectStatus, type ProjectStatusFilter,
} from '../model/filter-projects.ts';
import { boundsOfGeometry } from '../geometry/geometry-bounds.ts';
import { changeProjectFilter, clearProjectFilter, selectProject, toggleProjectYear } from '../state/project-actions.ts';
import {
  allProjects, filteredProjects, placeIndex, projectFilter, projectsForTimeline, selectedProject, selectedProjectHistory,
} from '../state/project-state.ts';
import { canEdit } from '../state/session-state.ts';
import { scheduleTemplatePath } from '../api/schedule.ts';
import { layerTitleOfCollection, placeNameOf, textInLanguage } from './feature-text.ts';
import { confidenceLevels, nameOfValue, sourceKinds } from '../i18n/vocabulary.ts';
import './projects-panel.css';

export const statusMessageKeys: Record<ProjectStatus, MessageKey> = {
  planned: 'statusPlanned', in_progress: 'statusInProgress', completed: 'statusCompleted', on_hold: 'statusOnHold',
};
const operationMessageKeys: Record<string, MessageKey> = {
  seed: 'operationSeed', create: 'operationCreate', update: 'operationUpdate', restore: 'operationRestore', delete: 'operationDelete',
};
const assumedFieldEnglish: Record<string, MessageKey> = {
  status: 'fieldStatus', start_date: 'fieldStartDate', end_date: 'fieldEndDate', progress_percent: 'fieldProgress', budget_ten_thousand_yuan: 'fieldBudget',
  lead_unit: 'fieldLeadUnit', partner_units: 'fieldPartnerUnits', geometry: 'fieldGeometry', linked_features: 'fieldLinkedFeatures',
};

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_match, key: string) => String(values[key] ?? ''));
const actionName = (action: (typeof projectActions)[number]) => (language.value === 'zh-CN' ? action.nameZh : action.nameEn);
const itemName = (item: number) => (language.value === 'zh-CN' ? projectItems[item]?.nameZh : projectItems[item]?.nameEn) ?? '';
const actionColour = (action: string) => cssColour(projectActionColours[action as keyof typeof projectActionColours] ?? [150, 150, 150]);

/**
 * The status on the as-of date, with 逾期 (overdue) or, where the status or end date is only an
 * assumption, 状态待核实 instead (overdue is not known then), and a mark when derived from the dates.
 */
export function StatusBadge({ project }: { project: ProjectProperties }) {
  const state = projectStateOn(project, asOfDate.value);
  return (
    <span class="status-line">
      <span class={`status-badge status-${state.status}`} data-testid="project-status" data-status={state.status}>{translate(statusMessageKeys[state.status])}</span>
      {state.overdue && <span class="status-badge status-overdue" data-testid="project-overdue">{translate('overdue')}</span>}
      {state.statusUnverified && <span class="status-badge status-unverified" data-testid="project-unverified" title={translate('statusUnverifiedNote')}>{translate('statusUnverified')}</span>}
      {state.derived && <span class="status-derived" data-testid="project-derived" title={fill(translate('derivedStatusNote'), { date: asOfDate.value ?? '' })}>{translate('derivedStatus')}</span>}
      {state.recordedOn !== null && <span class="status-recorded" data-testid="project-recorded" data-recorded-on={state.recordedOn}>{fill(translate('recordedStatus'), { date: state.recordedOn })}</span>}
    </span>
  );
}

function ProgressBar({ project }: { project: ProjectProperties }) {
  const { progressPercent, status } = projectStateOn(project, asOfDate.value);
  return (
    <span class="progress" title={`${translate('progress')} ${progressPercent}%`}>
      <span class="progress-track"><span class={`progress-fill status-${status}`} style={{ width: `${progressPercent}%` }} /></span>
      <span class="progress-figure">{progressPercent}%</span>
    </span>
  );
}

const timelineStart = Date.parse(`${projectYears[0]}-01-01`);
const timelineEnd = Date.parse(`${projectYears[projectYears.length - 1] + 1}-01-01`);
const shareOfTimeline = (date: string) => Math.max(0, Math.min(1, (Date.parse(date) - timelineStart) / (timelineEnd - timelineStart)));

/** A one-line Gantt bar: where the project's dates fall in 2022–2026, with the as-of date (or today) marked. */
function DateBar({ project }: { project: ProjectProperties }) {
  const left = shareOfTimeline(project.start_date);
  const right = shareOfTimeline(project.end_date);
  const asOf = asOfDate.value ?? todayInShanghai();
  return (
    <span class="date-bar" aria-hidden="true">
      {projectYears.slice(1).map((year) => <span key={year} class="date-bar-year" style={{ left: `${shareOfTimeline(`${year}-01-01`) * 100}%` }} />)}
      <span class="date-bar-span" style={{ left: `${left * 100}%`, width: `${Math.max(0.01, right - left) * 100}%`, background: actionColour(project.action) }} />
      <span class="date-bar-now" style={{ left: `${shareOfTimeline(asOf) * 100}%` }} />
    </span>
  );
}

function ProjectRow({ feature }: { feature: PlaceFeature }) {
  const project = projectPropertiesOf(feature);
  return (
    <li>
      <button type="button" class="project-row" data-testid="project-row" data-code={project.code} onClick={() => selectProject(project.code)}>
        <span class="project-row-title" lang="zh-CN">{project.title_zh}</span>
        <span class="project-row-meta">
          <span class="project-code">{project.code}</span> · {fill(translate('itemNumber'), { item: project.item })} {itemName(project.item)}
        </span>
        <span class="project-row-state"><StatusBadge project={project} /><ProgressBar project={project} /></span>
        <span class="project-row-meta">{project.start_date} — {project.end_date} · <span lang="zh-CN">{project.lead_unit}</span></span>
        <DateBar project={project} />
      </button>
    </li>
  );
}

/** Projects running in each year, stacked by action; a click on a year filters the list to it. */
function ProjectTimeline() {
  const counts = countProjectsByYear(projectsForTimeline.value);
  const largest = Math.max(1, ...counts.map((year) => year.total));
  const chosen = projectFilter.value.year;
  const asOfYear = asOfDate.value ? Number(asOfDate.value.slice(0, 4)) : null;
  const barHeight = 64;
  return (
    <figure class="project-timeline" data-testid="project-timeline">
      <figcaption>{translate('timelineHeading')} <small>{translate('timelineNote')}</small></figcaption>
      <div class="timeline-years">
        {counts.map(({ year, total, byAction }) => (
          <button
            type="button"
            key={year}
            class={`timeline-year${chosen === year ? ' chosen' : ''}${asOfYear === year ? ' as-of' : ''}`}
            data-testid="timeline-year"
            data-year={year}
            aria-pressed={chosen === year}
            title={fill(translate('timelineYearTitle'), { year, count: total })}
            onClick={() => toggleProjectYear(year)}
          >
            <svg width="100%" height={barHeight} viewBox={`0 0 20 ${barHeight}`} preserveAspectRatio="none" aria-hidden="true">
              {(() => {
                let top = barHeight;
                return projectActions.map((action) => {
                  const height = (byAction[action.key] / largest) * (barHeight - 2);
                  top -= height;
                  return height > 0 ? <rect key={action.key} x="2" y={top} width="16" height={height} fill={actionColour(action.key)} /> : null;
                });
              })()}
            </svg>
            <span class="timeline-count">{total}</span>
            <span class="timeline-label">{year}</span>
          </button>
        ))}
      </div>
    </figure>
  );
}

function Filters() {
  const filter = projectFilter.value;
  const projects = allProjects.value;
  const places = linkedPlaceNames(projects, placeIndex.value);
  const units = leadUnitsOf(projects);
  const value = (event: Event) => (event.currentTarget as HTMLSelectElement).value;
  return (
    <div class="project-filters">
      <input
        type="search"
        class="project-search"
        data-testid="project-search"
        placeholder={translate('projectSearchPlaceholder')}
        aria-label={translate('projectSearchLabel')}
        value={filter.text}
        onInput={(event) => changeProjectFilter({ text: (event.currentTarget as HTMLInputElement).value })}
      />
      <div class="filter-grid">
        <label>
          {translate('filterStatus')}
          <select data-testid="filter-status" value={filter.status ?? ''} onChange={(event) => changeProjectFilter({ status: (value(event) || null) as ProjectStatusFilter | null })}>
            <option value="">{translate('filterAll')}</option>
            {projectStatuses.map((status) => <option key={status} value={status}>{translate(statusMessageKeys[status])}</option>)}
            <option value={unverifiedStatusFilter}>{translate('filterStatusUnverified')}</option>
          </select>
        </label>
        <label>
          {translate('filterYear')}
          <select data-testid="filter-year" value={filter.year === null ? '' : String(filter.year)} onChange={(event) => changeProjectFilter({ year: value(event) ? Number(value(event)) : null })}>
            <option value="">{translate('filterAll')}</option>
            {projectYears.map((year) => <option key={year} value={String(year)}>{year}</option>)}
          </select>
        </label>
        <label>
          {translate('filterLeadUnit')}
          <select data-testid="filter-lead-unit" value={filter.leadUnit ?? ''} onChange={(event) => changeProjectFilter({ leadUnit: value(event) || null })}>
            <option value="">{translate('filterAll')}</option>
            {units.map((unit) => <option key={unit} value={unit} lang="zh-CN">{unit}</option>)}
          </select>
        </label>
        <label>
          {translate('filterPlace')}
          <select data-testid="filter-place" value={filter.place ?? ''} onChange={(event) => changeProjectFilter({ place: value(event) || null })}>
            <option value="">{translate('filterAllPlaces')}</option>
            {places.map((place) => <option key={place} value={place} lang="zh-CN">{place}</option>)}
          </select>
        </label>
      </div>
      {!isProjectFilterEmpty(filter) && <button type="button" class="link-button" data-testid="clear-project-filters" onClick={clearProjectFilter}>{translate('clearFilters')}</button>}
    </div>
  );
}

function ActionLegend() {
  return (
    <div class="project-legend" aria-label={translate('legendActions')}>
      {projectActions.map((action) => (
        <span key={action.key} class="legend-action"><span class="action-swatch" style={{ background: actionColour(action.key) }} />{actionName(action)}</span>
      ))}
      <span class="legend-status">
        <span class="status-sample sample-planned" />{translate('statusPlanned')}
        <span class="status-sample sample-in_progress" />{translate('statusInProgress')}
        <span class="status-sample sample-completed" />{translate('statusCompleted')}
        <span class="status-sample sample-on_hold" />{translate('statusOnHold')}
      </span>
    </div>
  );
}

function ProjectList() {
  const shown = filteredProjects.value;
  const groups = groupProjectsByAction(shown);
  return (
    <>
      <Filters />
      <ProjectTimeline />
      <ActionLegend />
      <p class="panel-note" data-testid="projects-shown">{fill(translate('projectsShown'), { shown: shown.length, total: allProjects.value.length })}</p>
      {shown.length === 0 && <p class="panel-note">{translate('noProjectsMatch')}</p>}
      {groups.map(({ action, projects }) => (
        <section key={action.key} class="action-group" data-testid="action-group" data-action={action.key} data-count={projects.length}>
          <h3 style={{ borderLeftColor: actionColour(action.key) }}>
            <span>{actionName(action)}</span>
            <small>{fill(translate('itemNumber'), { item: action.items.length > 1 ? `${action.items[0]}—${action.items[action.items.length - 1]}` : action.items[0] })}</small>
            <span class="action-count" data-testid="action-count">{projects.length}</span>
          </h3>
          {projects.length > 0 && <ul class="project-list">{projects.map((feature) => <ProjectRow key={String(feature.id)} feature={feature} />)}</ul>}
        </section>
      ))}
    </>
  );
}

function Attribute({ label, children, wide = false }: { label: string; children: preact.ComponentChildren; wide?: boolean }) {
  return (
    <div class={`attribute${wide ? ' attribute-wide' : ''}`}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** One project: what it is, its state on the as-of date, its places, what is assumed, and its versions. */
function ProjectDetails({ feature }: { feature: PlaceFeature }) {
  const project = projectPropertiesOf(feature);
  const action = projectActions.find((candidate) => candidate.key === project.action);
  const chinese = language.value === 'zh-CN';
  const places = linkedFeaturesOf(project, placeIndex.value);
  const history = selectedProjectHistory.value;
  const latestVersion = history?.entries?.reduce((latest, entry) => Math.max(latest, entry.version), 0) ?? 0;
  const openPlace = (collectionId: string, place: PlaceFeature) => {
    const bounds = boundsOfGeometry(place.geometry);
    if (bounds) flyToPlace({ collectionId, name: placeNameOf(place), feature: place, bounds });
  };
  return (
    <article class="project-details" data-testid="project-details" data-code={project.code}>
      <div class="details-actions">
        <button type="button" class="link-button" data-testid="project-back" onClick={() => selectProject(null)}>← {translate('closeProject')}</button>
        {canEdit.value && <button type="button" data-testid="edit-project" onClick={() => startEditingProject(project.code)}>{translate('editProject')}</button>}
      </div>
      <p class="project-action-line" style={{ borderLeftColor: actionColour(project.action) }}>
        {action ? actionName(action) : project.action} · {fill(translate('itemNumber'), { item: project.item })} {itemName(project.item)}
      </p>
      <h3 lang="zh-CN" data-testid="project-title">{project.title_zh}</h3>
      <p class="project-row-state"><StatusBadge project={project} /><ProgressBar project={project} /></p>
      <dl class="attribute-list">
        <Attribute label={translate('projectCode')}>{project.code}</Attribute>
        <Attribute label={translate('dates')}>{project.start_date} — {project.end_date}<DateBar project={project} /></Attribute>
        <Attribute label={translate('leadUnit')}><span lang="zh-CN">{project.lead_unit}</span></Attribute>
        {project.partner_units.length > 0 && <Attribute label={translate('partnerUnits')}><span lang="zh-CN">{project.partner_units.join('、')}</span></Attribute>}
        <Attribute label={translate('budget')}>{project.budget_ten_thousand_yuan === null ? translate('noBudget') : `${project.budget_ten_thousand_yuan.toLocaleString(language.value)} ${translate('budgetUnit')}`}</Attribute>
        {project.description !== '' && <Attribute label={translate('description')} wide><span lang="zh-CN" class="project-description">{project.description}</span></Attribute>}
      </dl>
      <ProjectProvenance feature={feature} />
      {project.assumptions.length > 0 && (
        <div class="project-assumptions" role="note" data-testid="project-assumptions">
          <strong>{translate('assumptions')}</strong> {translate('assumptionsNote')}
          <ul>{project.assumptions.map((field) => <li key={field}>{chinese ? projectFieldNamesZh[field] ?? field : translate(assumedFieldEnglish[field] ?? 'fieldGeometry')}</li>)}</ul>
        </div>
      )}
      <StatusReports project={project} />
      <h4>{translate('linkedPlaces')} <small>{places.length}</small></h4>
      {places.length === 0 ? <p class="panel-note">{translate('noLinkedPlaces')}</p> : (
        <ul class="linked-places" data-testid="linked-places">
          {places.map(({ collectionId, feature: place }) => (
            <li key={`${collectionId}:${String(place.id)}`}>
              <button type="button" class="link-button" onClick={() => openPlace(collectionId, place)} lang="zh-CN">{placeNameOf(place)}</button>
              <small>{layerTitleOfCollection(collectionId, language.value)}</small>
            </li>
          ))}
        </ul>
      )}
      <h4>{translate('history')}</h4>
      {history?.failure && <p class="panel-error">{history.failure}</p>}
      {history && !history.entries && !history.failure && <p class="panel-note">{translate('historyLoading')}</p>}
      {restoreFailure.value?.code === project.code && <p class="panel-error" data-testid="restore-failure">{restoreFailure.value.message}</p>}
      {history?.entries && (
        <ol class="project-history" data-testid="project-history">
          {[...history.entries].reverse().map((entry) => (
            <li key={entry.version} data-version={entry.version}>
              <span>{fill(translate('historyVersion'), { version: entry.version })}</span>
              <span>{operationMessageKeys[entry.operation] ? translate(operationMessageKeys[entry.operation]) : entry.operation}</span>
              <span>{entry.actor ?? '—'}</span>
              <time dateTime={entry.recordedAt} title={translate('shanghaiTime')}>{minuteInShanghai(entry.recordedAt)}</time>
              {/* Editors may bring back any earlier version that had a project in it (a deletion has none). */}
              {canEdit.value && history.etag && entry.after && entry.version !== latestVersion && (
                <button
                  type="button" class="link-button restore-version" data-testid="restore-version" disabled={restoringVersion.value !== null}
                  onClick={() => void restoreVersion(entry.version)}
                >
                  {restoringVersion.value === entry.version ? translate('restoringVersion') : translate('restoreVersion')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      <RestoreConflictDialog />
    </article>
  );
}

/** Where the project came from (the plan's item, or who drew it) and how sure it is, in the interface's language. */
function ProjectProvenance({ feature }: { feature: PlaceFeature }) {
  const properties = feature.properties ?? {};
  const currentLanguage = language.value;
  const source = typeof properties.source === 'string' ? properties.source : null;
  const confidence = typeof properties.confidence === 'string' ? properties.confidence : null;
  const note = textInLanguage(properties, 'source_detail', currentLanguage);
  return (
    <dl class="attribute-list provenance" data-testid="project-provenance" data-source={source ?? ''}>
      <Attribute label={translate('source')}>{source ? nameOfValue(sourceKinds, source, currentLanguage) : '—'}</Attribute>
      <Attribute label={translate('confidence')}>{confidence ? nameOfValue(confidenceLevels, confidence, currentLanguage) : '—'}</Attribute>
      {note && <Attribute label={translate('sourceDetail')} wide><span lang={note.lang} class="source-detail" data-testid="project-source-detail">{note.text}</span></Attribute>}
    </dl>
  );
}

function openScheduleDialog(): void {
  void import('../state/schedule-actions.ts').then((actions) => actions.openScheduleDialog());
}

/** How the project stood on each day someone reported it, latest first. */
function StatusReports({ project }: { project: ProjectProperties }) {
  const reports = [...(project.status_reports ?? [])].reverse();
  return (
    <section class="status-reports" data-testid="status-reports">
      <h4>{translate('statusReportsHeading')}</h4>
      {reports.length === 0 ? <p class="panel-note">{translate('statusReportsNone')}</p> : (
        <ol>
          {reports.map((report, index) => (
            <li key={`${report.reported_on}-${index}`} data-testid="status-report" data-reported-on={report.reported_on}>
              <time dateTime={report.reported_on}>{report.reported_on}</time>
              <span class={`status-badge status-${report.status}`}>{translate(statusMessageKeys[report.status])}</span>
              <span>{report.progress_percent}%</span>
              <span class="panel-note">{translate(report.source === 'editor' ? 'statusReportSourceEditor' : 'statusReportSourceImport')}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The projects panel (issue 5): the plan's projects by action, filters, timeline, and one project's details. */
export function ProjectsPanel() {
  const selected = selectedProject.value;
  const derived = isStateDerived(asOfDate.value);
  const anyRecorded = derived && allProjects.value.some((feature) => projectStateOn(projectPropertiesOf(feature), asOfDate.value).recordedOn !== null);
  return (
    <section class="panel-body projects-panel" data-testid="projects-panel" aria-labelledby="projects-heading">
      <header class="projects-header">
        <h2 id="projects-heading">{translate('projectsHeading')}</h2>
        {canEdit.value && <button type="button" class="new-project" data-testid="new-project" onClick={startNewProject}>＋ {translate('newProject')}</button>}
      </header>
      {canEdit.value && (
        <div class="schedule-tools">
          <a href={scheduleTemplatePath()} download data-testid="schedule-download" title={translate('scheduleDownloadHint')}>⤓ {translate('scheduleDownload')}</a>
          <button type="button" class="link-button" data-testid="schedule-open" onClick={openScheduleDialog}>⤒ {translate('scheduleOpen')}</button>
        </div>
      )}
      {derived && <p class="panel-note derived-note" data-testid="derived-note">{fill(translate(anyRecorded ? 'recordedStatusNote' : 'derivedStatusNote'), { date: asOfDate.value ?? '' })}</p>}
      {loadStatus.value === 'loading' && allProjects.value.length === 0 && <p class="panel-note">{translate('projectsLoading')}</p>}
      {loadStatus.value !== 'loading' && allProjects.value.length === 0 && <p class="panel-note">{translate('projectsNone')}</p>}
      {selected ? <ProjectDetails feature={selected} /> : allProjects.value.length > 0 && <ProjectList />}
    </section>
  );
}
