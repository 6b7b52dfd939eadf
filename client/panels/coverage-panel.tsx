import { facilityGroupOf, facilityGroups } from '../layers/palette.ts';
import { groupTypesByLevel, type LifeCircleLevel } from '../model/group-types-by-level.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { CoverageAnswer, TypeCoverage } from '../api/coverage.ts';
import { translate } from '../i18n/translate.ts';
import { facilityTypes, nameOfValue } from '../i18n/vocabulary.ts';
import { minuteBandColours, noDataColour, unreachableColour } from '../layers/coverage-colours.ts';
import { describeHexLegend } from '../layers/hex-gap-colours.ts';
import {
  changeCoverageQuestion, clearPointWalk, editStandardDistance, flyToEstate, focusOnFacilityType, hideStandardHistory, resetStandardDistance, runCoverage,
  showStandardHistory, toggleHexGrid, toggleIsochrones, toggleTypesWithoutData,
} from '../state/coverage-actions.ts';
import {
  coverage, coverageFailure, coverageQuestion, coverageStatus, elderlySpeedMetresPerSecond, focusFacilityType, focusTypeCoverage, focusTypeHasData, pointWalk,
  hexGrid, hexGridFailure, pointWalkFailure, rankedGaps, showHexGrid, showIsochrones, showTypesWithoutData, standardEditFailure, standardHistory, standardSpeedMetresPerSecond,
} from '../state/coverage-state.ts';
import { canEdit } from '../state/session-state.ts';
import { layOutChartRows } from '../model/wrap-label.ts';
import { language } from '../state/dashboard-state.ts';

/** Shanghai's targets: 85 % of residents for health, elderly care, culture and sports by 2025; 99 % by 2035. */
const target2025 = 0.85;
const target2035 = 0.99;
const groupsWith2025Target = ['health', 'elderly', 'culture', 'sports'];

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
/** A share, or 无数据 where the data knows no real site: no data is never shown as 0 %. */
const shareText = (share: number, hasData: boolean) => (hasData ? percent(share) : translate('noDataShare'));

function typeName(facilityType: string, fallbackZh: string): string {
  const name = nameOfValue(facilityTypes, facilityType, language.value);
  return name === facilityType ? fallbackZh : name;
}

/**
 * The planner's life-circle panel: the question (type, speed, distance), headline figures
 * against Shanghai's targets, coverage by type, the estates left out, and walking times from a
 * clicked point.
 */
/** 数据完整度, fetched with its actions on first use. */
function openDataCompleteness(): void {
  void import('../state/data-completeness-actions.ts').then((actions) => actions.openDataCompleteness());
}

export function CoveragePanel() {
  const answer = coverage.value;
  const status = coverageStatus.value;
  return (
    <section class="coverage-panel" data-testid="coverage-panel" aria-label={translate('coverageHeading')}>
      <h2>{translate('coverageHeading')}</h2>
      <CoverageControls answer={answer} />
      {status === 'loading' && !answer && <p class="panel-note">{translate('coverageLoading')}</p>}
      {status === 'failed' && (
        <p class="panel-error" role="alert">
          {coverageFailure.value} <button type="button" onClick={() => void runCoverage()}>{translate('retry')}</button>
        </p>
      )}
      {answer && (
        <>
          {showHexGrid.value ? <HexGridLegend /> : <MinuteLegend />}
          <FocusTypeSummary />
          <TargetCards answer={answer} />
          <PointWalk />
          <GapList />
          <CoverageChart answer={answer} />
        </>
      )}
    </section>
  );
}

/** Where a type's domain comes in the map's legend (education, health, elderly care…). */
const facilityDomainRank = (facilityType: string) => facilityGroups.indexOf(facilityGroupOf(facilityType));

const levelLabelKeys: Record<LifeCircleLevel, MessageKey> = { 5: 'levelFive', 10: 'levelTen', 15: 'levelFifteen', block: 'levelBlock', other: 'levelOther' };

function CoverageControls({ answer }: { answer: CoverageAnswer | null }) {
  const question = coverageQuestion.value;
  const speed = question.speedMetresPerSecond;
  const speedChoice = speed === standardSpeedMetresPerSecond ? 'standard' : speed === elderlySpeedMetresPerSecond ? 'elderly' : 'custom';
  const showAll = showTypesWithoutData.value;
  const types = (answer?.byType ?? []).filter((type) => showAll || type.hasData || type.facilityType === focusFacilityType.value);
  const levels = groupTypesByLevel(types, { nameOf: (type) => typeName(type.facilityType, type.nameZh), domainRankOf: facilityDomainRank, locale: language.value });
  return (
    <div class="coverage-controls">
      <label class="field">
        <span>{translate('focusType')}</span>
        <select data-testid="focus-type-select" value={focusFacilityType.value} onChange={(event) => focusOnFacilityType(event.currentTarget.value)}>
          {levels.map(({ level, types: typesOfLevel }) => (
            <optgroup key={level} label={translate(levelLabelKeys[level])} data-level={level}>
              {typesOfLevel.map((type) => (
                <option key={type.facilityType} value={type.facilityType}>{typeName(type.facilityType, type.nameZh)}{type.hasData ? '' : `（${translate('noDataShare')}）`}</option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <fieldset class="field">
        <legend>{translate('walkingSpeed')}</legend>
        <label><input type="radio" name="speed" checked={speedChoice === 'standard'} onChange={() => changeCoverageQuestion({ speedMetresPerSecond: standardSpeedMetresPerSecond })} /> {translate('speedStandard')}</label>
        <label><input type="radio" name="speed" data-testid="speed-elderly" checked={speedChoice === 'elderly'} onChange={() => changeCoverageQuestion({ speedMetresPerSecond: elderlySpeedMetresPerSecond })} /> {translate('speedElderly')}</label>
        <label class="custom-speed">
          {translate('speedCustom')}
          <input
            type="number" min="0.3" max="3" step="0.05" value={speed}
            onChange={(event) => {
              const value = Number(event.currentTarget.value);
              if (value >= 0.3 && value <= 3) changeCoverageQuestion({ speedMetresPerSecond: value });
            }}
          />
        </label>
      </fieldset>
      <fieldset class="field">
        <legend>{translate('distanceMode')}</legend>
        <label><input type="radio" name="mode" data-testid="mode-network" checked={question.mode === 'network'} onChange={() => changeCoverageQuestion({ mode: 'network' })} /> {translate('modeNetwork')}</label>
        <label><input type="radio" name="mode" data-testid="mode-straight" checked={question.mode === 'straight-line'} onChange={() => changeCoverageQuestion({ mode: 'straight-line' })} /> {translate('modeStraight')}</label>
      </fieldset>
      <label class="check"><input type="checkbox" data-testid="show-no-data-types" checked={showAll} onChange={toggleTypesWithoutData} /> {translate('showNoDataTypes')}</label>
      <label class="check"><input type="checkbox" checked={showIsochrones.value} onChange={toggleIsochrones} /> {translate('showIsochrones')}</label>
      <label class="check"><input type="checkbox" data-testid="show-hex-grid" checked={showHexGrid.value} onChange={toggleHexGrid} /> {translate('showHexGrid')}</label>
      <label class="check"><input type="checkbox" data-testid="include-placeholders" checked={question.includePlaceholders} onChange={() => changeCoverageQuestion({ includePlaceholders: !question.includePlaceholders })} /> {translate('includePlaceholders')}</label>
    </div>
  );
}

function MinuteLegend() {
  return (
    <div class="minute-legend" aria-label={translate('legendMinutes')}>
      <span class="legend-title">{translate('legendMinutes')}</span>
      {minuteBandColours.map((band) => (
        <span key={band.upToMinutes} class="minute-band">
          <i style={{ background: band.css }} />
          {Number.isFinite(band.upToMinutes) ? translate('withinMinutes').replace('{minutes}', String(band.upToMinutes)) : translate('overFifteen')}
        </span>
      ))}
      <span class="minute-band"><i style={{ background: unreachableColour.css }} />{translate('unreachable')}</span>
      {!focusTypeHasData.value && <span class="minute-band" data-testid="legend-no-data"><i style={{ background: noDataColour.css }} />{translate('noDataShare')}</span>}
    </div>
  );
}

/** The heat map's legend: its bands with the (estimated) residents in each, unreachable / no data, and what the figures are. */
function HexGridLegend() {
  const grid = hexGrid.value;
  const failure = hexGridFailure.value;
  const title = translate('hexLegendTitle').replace('{type}', typeName(focusFacilityType.value, focusTypeCoverage.value?.nameZh ?? focusFacilityType.value));
  return (
    <div class="minute-legend hex-legend" data-testid="hex-legend" aria-label={title}>
      <span class="legend-title">{title}</span>
      {failure && <p class="panel-error" role="alert">{failure}</p>}
      {!grid && !failure && <span class="panel-note">{translate('hexLoading')}</span>}
      {grid && describeHexLegend(grid.cells).map((entry) => (
        <span key={String(entry.upToMinutes)} class="minute-band" data-band={entry.upToMinutes === null ? 'unreachable' : String(entry.upToMinutes)}>
          <i style={{ background: entry.css }} />
          {entry.upToMinutes === null ? translate('hexUnreachable') : Number.isFinite(entry.upToMinutes) ? translate('withinMinutes').replace('{minutes}', String(entry.upToMinutes)) : translate('overFifteen')}
          {' '}<small>{translate('hexResidents').replace('{residents}', entry.residents.toLocaleString(language.value))}</small>
        </span>
      ))}
      {grid && grid.facilityCount === 0 && <p class="panel-warning" data-testid="hex-no-facility">{translate('hexNoFacility')}</p>}
      {grid && (
        <p class="panel-note" data-testid="hex-summary">
          {translate('hexSummary')
            .replace('{cells}', String(grid.summary.cells))
            .replace('{threshold}', String(grid.thresholdMinutes))
            .replace('{beyond}', grid.summary.residentsBeyondThreshold.toLocaleString(language.value))
            .replace('{unreachable}', grid.summary.residentsUnreachable.toLocaleString(language.value))}
          <br />{translate('hexEstimateNote')}
        </p>
      )}
    </div>
  );
}

function basisText(type: TypeCoverage): string {
  const basis = type.basis === 'edited' ? translate('basisEdited') : type.basis === 'level' ? translate('basisLevel') : translate('basisStandard');
  return translate('standardUsed').replace('{metres}', String(type.walkMetres)).replace('{basis}', basis);
}

/** The focused type: its share, its bands, the standard used and what was not counted. */
function FocusTypeSummary() {
  const type = focusTypeCoverage.value;
  if (!type) return null;
  return (
    <div class="focus-summary" data-testid="focus-summary">
      <div class="focus-title">
        <strong>{typeName(type.facilityType, type.nameZh)}</strong>
        <span class={type.hasData ? 'big-figure' : 'big-figure no-data'} data-testid="focus-share">{shareText(type.residentsShare, type.hasData)}</span>
      </div>
      {type.hasData ? (
        <>
          <p class="panel-note">
            {translate('residentsCovered')} · {basisText(type)} · {translate('elderlyShare')} {percent(type.elderlyShare)} · {translate('estatesShare')} {percent(type.estatesShare)}
          </p>
          <p class="panel-note">
            {translate('minutesBands')}: {['5', '10', '15'].map((minutes) => percent(type.residentsShareWithinMinutes[minutes] ?? 0)).join(' / ')}
          </p>
        </>
      ) : <p class="panel-warning" data-testid="focus-no-data">{translate('noDataTypeHint')}</p>}
      <StandardEditor type={type} />
      {type.hasData && type.facilityCount === 0 && <p class="panel-warning">{translate('noKnownFacility')}</p>}
      {type.placeholderCount > 0 && !coverageQuestion.value.includePlaceholders && (
        <p class="panel-note">{translate('placeholdersLeftOut').replace('{count}', String(type.placeholderCount))}</p>
      )}
    </div>
  );
}

/** Lets a planner hold a type to another walking distance, or go back to the standard's. */
function StandardEditor({ type }: { type: TypeCoverage }) {
  // Editing a standard changes everyone's answers: editors only (the server checks it too).
  if (!canEdit.value) return null;
  const submit = (event: Event) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('metres') as HTMLInputElement;
    void editStandardDistance(type.facilityType, Number(input.value));
  };
  return (
    <form class="standard-editor" onSubmit={submit} data-testid="standard-editor">
      <label>
        {translate('standardDistance')}
        <input key={`${type.facilityType}-${type.walkMetres}`} name="metres" type="number" min="50" max="5000" step="10" defaultValue={String(type.walkMetres)} /> {translate('metresUnit')}
      </label>
      <button type="submit">{translate('save')}</button>
      {type.basis === 'edited' && <button type="button" class="link-button" data-testid="standard-reset" onClick={() => void resetStandardDistance(type.facilityType)}>{translate('restoreStandard')}</button>}
      {standardHistory.value?.facilityType === type.facilityType
        ? <button type="button" class="link-button" onClick={hideStandardHistory}>{translate('closeHistory')}</button>
        : <button type="button" class="link-button" data-testid="standard-history-open" onClick={() => void showStandardHistory(type.facilityType)}>{translate('standardHistory')}</button>}
      {standardEditFailure.value && <p class="panel-error" role="alert" data-testid="standard-edit-failure">{standardEditFailure.value}</p>}
      {standardHistory.value?.facilityType === type.facilityType && <StandardHistory history={standardHistory.value} />}
    </form>
  );
}

/** Who changed a standard, when, and from what to what, newest first. */
function StandardHistory({ history }: { history: NonNullable<typeof standardHistory.value> }) {
  if (history.edits.length === 0) return <p class="panel-note" data-testid="standard-history">{translate('standardHistoryEmpty')}</p>;
  const metres = (value: number | null) => (value === null ? translate('standardNoDistance') : `${value} ${translate('metresUnit')}`);
  const locale = language.value === 'zh-CN' ? 'zh-CN' : 'en-GB';
  return (
    <ol class="standard-history" data-testid="standard-history">
      {history.edits.map((edit) => (
        <li key={edit.version} data-version={edit.version}>
          <time dateTime={edit.recordedAt}>{new Date(edit.recordedAt).toLocaleString(locale, { timeZone: 'Asia/Shanghai', hour12: false })}</time>{' '}
          {translate(edit.operation === 'set-distance' ? 'standardSetDistance' : 'standardUndoEdit')
            .replace('{actor}', edit.actor).replace('{before}', metres(edit.before.maxWalkMetres)).replace('{after}', metres(edit.after.maxWalkMetres))}
        </li>
      ))}
    </ol>
  );
}

/** Headline cards: each basic service against the 2025 target, all essentials against 2035. */
function TargetCards({ answer }: { answer: CoverageAnswer }) {
  const cards = [
    ...answer.byGroup.filter((group) => groupsWith2025Target.includes(group.key)).map((group) => ({
      key: group.key, title: language.value === 'zh-CN' ? group.nameZh : group.nameEn, share: group.residentsShare, hasData: group.hasData, target: target2025,
    })),
    { key: 'all', title: translate('allEssentials'), share: answer.allEssentials.residentsShare, hasData: answer.allEssentials.hasData, target: target2035 },
  ];
  const essentialTypes = new Set(answer.byGroup.flatMap((group) => group.facilityTypes));
  const withData = answer.byType.filter((type) => essentialTypes.has(type.facilityType) && type.hasData).length;
  return (
    <div class="target-block">
      <h3>{translate('targetsHeading')}</h3>
      <p class="panel-note">{translate('targetLine')}</p>
      <p class="panel-note">
        <span data-testid="types-with-data">{translate('typesWithData').replace('{count}', String(withData)).replace('{total}', String(essentialTypes.size))}</span>
        {withData < essentialTypes.size && <> · <button type="button" class="link-button" data-testid="open-completeness" onClick={openDataCompleteness}>{translate('completenessOpen')}</button></>}
      </p>
      <GroupsWithoutKnownSites answer={answer} />
      <div class="target-cards">
        {cards.map((card) => (
          <div key={card.key} class={`target-card ${!card.hasData ? 'no-data' : card.share >= card.target ? 'meets' : 'short'}`} data-testid={`target-card-${card.key}`}>
            <span class="card-title">{card.title}</span>
            <span class="card-figure">{shareText(card.share, card.hasData)}</span>
            <span class="card-target">/ {percent(card.target)}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

/** Basic services the data knows no real site of: why a card (and the 2035 figure) reads 无数据. */
function GroupsWithoutKnownSites({ answer }: { answer: CoverageAnswer }) {
  const withoutSites = answer.byGroup.filter((group) => !group.hasData);
  if (withoutSites.length === 0) return null;
  const names = withoutSites.map((group) => (language.value === 'zh-CN' ? group.nameZh : group.nameEn)).join(language.value === 'zh-CN' ? '、' : ', ');
  return <p class="panel-warning" data-testid="groups-without-sites">{translate('groupsWithoutSites').replace('{groups}', names)}</p>;
}

function PointWalk() {
  const walk = pointWalk.value;
  const failure = pointWalkFailure.value;
  if (!walk && !failure) return <p class="panel-note point-walk-hint">{translate('pointWalkHint')}</p>;
  const reachable = walk ? [...walk.byType].filter((type) => type.minutes !== null).sort((a, b) => (a.minutes ?? 0) - (b.minutes ?? 0)) : [];
  return (
    <div class="point-walk" data-testid="point-walk">
      <div class="section-head">
        <h3>{translate('pointWalkHeading')}</h3>
        <button type="button" class="link-button" onClick={clearPointWalk}>{translate('clear')}</button>
      </div>
      {failure && <p class="panel-error" role="alert">{failure}</p>}
      {walk && (
        <>
          <p class="panel-note">{translate('accessWalk').replace('{metres}', String(Math.round(walk.accessMetres)))}</p>
          <ul class="point-walk-list">
            {reachable.slice(0, 14).map((type) => (
              <li key={type.facilityType} class={type.withinStandard ? 'meets' : 'short'}>
                <span>{typeName(type.facilityType, type.nameZh)}</span>
                <span>{type.minutes} {translate('minutesUnit')}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** Estates outside the focused type's distance, most residents first; a click flies there. */
function GapList() {
  const gaps = rankedGaps.value;
  const type = focusFacilityType.value;
  const locale = language.value;
  return (
    <div class="gap-list" data-testid="gap-list">
      <h3>{translate('gapListHeading')}</h3>
      {!focusTypeHasData.value ? (
        <p class="panel-note">{translate('noDataTypeHint')}</p>
      ) : gaps.length === 0 ? (
        <p class="panel-note">{translate('noGaps')}</p>
      ) : (
        <ol>
          {gaps.slice(0, 15).map((estate) => {
            const minutes = estate.walkMinutes[type];
            return (
              <li key={estate.id}>
                <button type="button" class="gap-item" data-testid="gap-item" data-estate-id={estate.id} onClick={() => flyToEstate(estate.id)}>
                  <span class="gap-name">{estate.name}</span>
                  <span class="gap-figures">
                    {translate('gapResidents').replace('{count}', Math.round(estate.residents).toLocaleString(locale))} · {minutes === null ? translate('unreachable') : `${minutes} ${translate('minutesUnit')}`}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

// The chart's text size (styles.css, .coverage-chart svg) and its labels' line spacing, in the
// chart's units. Labels wrap at whole ems: character widths are only estimated.
const chartFontPixels = 10.5;
const chartLineHeight = 12;

/**
 * Bars of the share of residents within each type's distance, for the basic services and every
 * type the data has a facility for; a line marks the 85 % target. A bar opens its type.
 */
function CoverageChart({ answer }: { answer: CoverageAnswer }) {
  const basicTypes = new Set(answer.byGroup.flatMap((group) => group.facilityTypes));
  const types = answer.byType
    .filter((type) => type.hasData || (basicTypes.has(type.facilityType) && showTypesWithoutData.value))
    // Types with data by share, then those without: no data is not the bottom of the ranking.
    .sort((a, b) => Number(b.hasData) - Number(a.hasData) || b.residentsShare - a.residentsShare);
  const labelWidth = 118;
  const barWidth = 150;
  // A label too long for its column wraps onto more lines, and its row grows to hold them.
  const rows = layOutChartRows(types.map((type) => typeName(type.facilityType, type.nameZh)), Math.floor((labelWidth - 6) / chartFontPixels), { lineHeight: chartLineHeight });
  const height = (rows.at(-1)?.bottom ?? 0) + 18;
  return (
    <div class="coverage-chart">
      <h3>{translate('chartHeading')}</h3>
      {/* Scaled to the panel's width by the viewBox, so no label is cut off at its edge. */}
      <svg width="100%" viewBox={`0 0 ${labelWidth + barWidth + 44} ${height}`} role="img" aria-label={translate('chartHeading')} data-testid="coverage-chart">
        {types.map((type, index) => {
          const { top, height: rowHeight, lines } = rows[index];
          const focused = type.facilityType === focusFacilityType.value;
          const middle = rowHeight / 2;
          const firstBaseline = middle + 4 - ((lines.length - 1) * chartLineHeight) / 2;
          return (
            <g key={type.facilityType} class="chart-row" transform={`translate(0, ${top})`} onClick={() => focusOnFacilityType(type.facilityType)}>
              <title>{`${typeName(type.facilityType, type.nameZh)}: ${shareText(type.residentsShare, type.hasData)} · ${basisText(type)}`}</title>
              <text x={labelWidth - 6} y={firstBaseline} text-anchor="end" class={focused ? 'focused' : ''} data-testid="coverage-chart-label">
                {lines.map((line, lineIndex) => <tspan key={lineIndex} x={labelWidth - 6} dy={lineIndex === 0 ? 0 : chartLineHeight}>{line}</tspan>)}
              </text>
              <rect x={labelWidth} y={middle - 6} width={barWidth} height={12} class="bar-track" />
              {type.hasData
                ? <rect x={labelWidth} y={middle - 6} width={barWidth * type.residentsShare} height={12} class={type.residentsShare >= target2025 ? 'bar meets' : 'bar short'} />
                : <text x={labelWidth + 6} y={middle + 4} class="bar-no-data" data-testid="chart-no-data">{translate('noDataShare')}</text>}
              {type.hasData && <text x={labelWidth + barWidth + 4} y={middle + 4} class="bar-value">{percent(type.residentsShare)}</text>}
            </g>
          );
        })}
        <line x1={labelWidth + barWidth * target2025} x2={labelWidth + barWidth * target2025} y1={0} y2={height - 14} class="target-line" />
        <text x={labelWidth + barWidth * target2025} y={height - 2} text-anchor="middle" class="target-label">85%</text>
      </svg>
    </div>
  );
}
