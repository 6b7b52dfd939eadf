import { translate } from '../i18n/translate.ts';
import { facilityTypes, nameOfValue } from '../i18n/vocabulary.ts';
import { coverage } from '../state/coverage-state.ts';
import { language } from '../state/dashboard-state.ts';

/**
 * In an estate's details, once the life-circle analysis has run: the walk from its nearest gate to
 * each basic service, and the types it lacks within their standard distance (its gap list).
 */
export function EstateWalkingTimes({ estateId }: { estateId: string }) {
  const answer = coverage.value;
  const estate = answer?.byUnit.find((unit) => unit.id === estateId);
  if (!answer || !estate) return null;
  const basicTypes = answer.byGroup.flatMap((group) => group.facilityTypes)
    .filter((type) => answer.byType.some((candidate) => candidate.facilityType === type && candidate.facilityCount > 0));
  const name = (type: string) => nameOfValue(facilityTypes, type, language.value);
  const gaps = estate.gaps.filter((type) => answer.byType.some((candidate) => candidate.facilityType === type && candidate.facilityCount > 0));
  return (
    <section class="estate-walking-times" data-testid="estate-walking-times">
      <h3>{translate('estateWalkingHeading')}</h3>
      <ul>
        {basicTypes.map((type) => {
          const minutes = estate.walkMinutes[type];
          return (
            <li key={type} class={estate.gaps.includes(type) ? 'short' : 'meets'}>
              <span>{name(type)}</span>
              <span>{minutes === null || minutes === undefined ? translate('unreachable') : `${minutes} ${translate('minutesUnit')}`}</span>
            </li>
          );
        })}
      </ul>
      {gaps.length > 0 && <p class="panel-note">{translate('estateGaps')}{gaps.map(name).join(language.value === 'zh-CN' ? '、' : ', ')}</p>}
    </section>
  );
}
