import { useEffect, useRef } from 'preact/hooks';
import type { LeadersSummary } from '../api/summary.ts';
import { translate } from '../i18n/translate.ts';
import { renovationColours } from '../layers/renovation-colours.ts';
import { featuresByCollection, language } from '../state/dashboard-state.ts';
import { facilityTypes, nameOfValue } from '../i18n/vocabulary.ts';
import { closeDrilldown, showEstate, showFacility, showProject, startEditingRenovation } from '../state/leaders-actions.ts';
import { drilldown } from '../state/leaders-state.ts';
import { canEdit } from '../state/session-state.ts';
import { projectStatusName, renovationStatusName } from './leaders-text.ts';

/** The list behind a clicked number: estates or projects; a click flies the map to one. */
export function DrilldownList({ summary }: { summary: LeadersSummary }) {
  const list = drilldown.value;
  const heading = useRef<HTMLHeadingElement>(null);
  // A new list takes the focus, so a keyboard user who pressed a number reads what it counts next.
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'nearest' });
  }, [list]);
  if (!list) return null;
  const locale = language.value;
  const keys = new Set(list.keys);
  // The project that opens a facility, and when, as the summary knows them.
  const opening = new Map(summary.facilities.projectFacilities.map((facility) => [
    facility.facilityKey,
    [facility.projectCode, facility.openedDate ?? (facility.open ? '' : translate('leadersFacilityNotYetOpen'))].filter(Boolean).join(' · '),
  ]));
  return (
    <div class="drilldown" data-testid="drilldown" role="region" aria-label={list.title}>
      <div class="drilldown-head">
        <h3 ref={heading} tabIndex={-1}>{list.title} <span class="drilldown-count" data-testid="drilldown-count">{list.keys.length}</span></h3>
        <button type="button" class="link-button" data-testid="drilldown-close" onClick={closeDrilldown}>{translate('leadersListClose')}</button>
      </div>
      {list.keys.length === 0 ? <p class="panel-note">{translate('leadersListEmpty')}</p> : <p class="panel-note">{translate('leadersListHint')}</p>}
      <ol class="drilldown-items">
        {list.kind === 'estates'
          ? summary.renovation.estates.filter((estate) => keys.has(estate.estateKey)).map((estate) => (
            <li key={estate.estateKey} data-testid="drilldown-item" data-key={estate.estateKey}>
              <button type="button" class="drilldown-item" onClick={() => showEstate(estate.estateKey)}>
                <span class="drilldown-name"><i class="swatch" style={{ background: renovationColours[estate.status].css }} />{estate.estateName}</span>
                <span class="drilldown-figures">
                  {renovationStatusName(estate.status)}{estate.year !== null ? ` ${estate.year}` : ''} · {estate.residentsCommittee} · {estate.residents.toLocaleString(locale)} {translate('leadersResidentsUnit')}
                  {estate.assumed ? translate('reportAssumedMark') : ''}
                </span>
              </button>
              {canEdit.value && (
                <button type="button" class="link-button" data-testid="renovation-edit" onClick={() => void startEditingRenovation(estate.estateKey)}>{translate('leadersEdit')}</button>
              )}
            </li>
          ))
          : list.kind === 'facilities'
          ? (featuresByCollection.value.facilities?.features ?? []).filter((feature) => keys.has(String(feature.id))).map((feature) => (
            <li key={String(feature.id)} data-testid="drilldown-item" data-key={String(feature.id)}>
              <button type="button" class="drilldown-item" onClick={() => showFacility(String(feature.id))}>
                <span class="drilldown-name">{String(feature.properties?.name ?? feature.id)}</span>
                <span class="drilldown-figures">
                  {nameOfValue(facilityTypes, String(feature.properties?.facility_type ?? ''), locale)}
                  {opening.get(String(feature.id)) ? ` · ${opening.get(String(feature.id))}` : ''}
                </span>
              </button>
            </li>
          ))
          : summary.projects.list.filter((project) => keys.has(project.code)).map((project) => (
            <li key={project.code} data-testid="drilldown-item" data-key={project.code}>
              <button type="button" class="drilldown-item" onClick={() => showProject(project.code)}>
                <span class="drilldown-name">{project.code} {project.titleZh}</span>
                <span class="drilldown-figures">
                  {projectStatusName(project.status)} · {Math.round(project.progressPercent)}% · {project.leadUnit} · {project.startDate} – {project.endDate}
                  {project.overdue ? ` · ${translate('leadersOverdue')}` : ''}
                  {project.statusUnverified ? ` · ${translate('leadersUnverified')}` : ''}
                </span>
              </button>
            </li>
          ))}
      </ol>
    </div>
  );
}
