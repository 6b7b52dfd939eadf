import { translate } from '../i18n/translate.ts';
import { language } from '../state/dashboard-state.ts';
import { impact, impactFailure, impactStatus } from '../state/editing-state.ts';

const minuteBands = ['5', '10', '15'];

/** A list of names, the first few spelled out and the rest counted. */
function namesOf(items: { name: string }[], shown = 6): string {
  if (items.length === 0) return translate('impactNone');
  const separator = language.value === 'zh-CN' ? '、' : ', ';
  const names = items.slice(0, shown).map((item) => item.name).join(separator);
  return items.length > shown ? `${names} … (${items.length})` : names;
}

/** What the drawn shape touches, asked again (debounced) whenever it changes. */
export function ImpactReport() {
  const answer = impact.value;
  const status = impactStatus.value;
  const locale = language.value;
  const number = (value: number, digits = 0) => value.toLocaleString(locale, { maximumFractionDigits: digits });
  return (
    <section class="impact-report" data-testid="impact-report" aria-busy={status === 'measuring'}>
      <h3>
        {translate('impactHeading')}
        {status === 'measuring' && <span class="impact-measuring"> · {translate('impactMeasuring')}</span>}
      </h3>
      {status === 'failed' && <p class="field-problems" role="alert" data-testid="impact-failure">{impactFailure.value}</p>}
      {!answer && status !== 'failed' && <p class="editor-note">{translate('impactDrawFirst')}</p>}
      {answer && (
        <dl class="impact-figures" data-testid="impact-figures">
          {answer.areaSquareMetres !== null && (
            <div><dt>{translate('impactArea')}</dt><dd data-testid="impact-area">{number(answer.areaSquareMetres / 10_000, 2)} ha</dd></div>
          )}
          {answer.lengthMetres !== null && (
            <div><dt>{translate('impactLength')}</dt><dd data-testid="impact-length">{number(answer.lengthMetres)} m</dd></div>
          )}
          <div><dt>{translate('impactEstates')}</dt><dd data-testid="impact-estates">{answer.estates.length} · {namesOf(answer.estates)}</dd></div>
          <div><dt>{translate('impactResidents')}</dt><dd data-testid="impact-residents">{number(answer.residentsOfEstatesTouched)}</dd></div>
          {answer.residentsInOverlap !== null && (
            <div><dt>{translate('impactResidentsInOverlap')}</dt><dd>{number(answer.residentsInOverlap)}</dd></div>
          )}
          <div><dt>{translate('impactBuildings')}</dt><dd data-testid="impact-buildings">{number(answer.buildings.count)} · {number(answer.buildings.households)} {translate('impactHouseholds')}</dd></div>
          <div class="impact-wide"><dt>{translate('impactFacilities')}</dt><dd data-testid="impact-facilities">{answer.facilities.length} · {namesOf(answer.facilities)}</dd></div>
          <div class="impact-wide"><dt>{translate('impactStreets')}</dt><dd data-testid="impact-streets">{answer.streets.length} · {namesOf(answer.streets)}</dd></div>
          <div class="impact-wide">
            <dt>{translate('impactWalk')}</dt>
            <dd data-testid="impact-walk">
              {minuteBands.map((band) => `${band} ${translate('impactMinutes')}: ${number(answer.walk.residentsWithinMinutes[band] ?? 0)}`).join(' · ')}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
