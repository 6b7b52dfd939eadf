import { useEffect, useState } from 'preact/hooks';
import { translate } from '../i18n/translate.ts';
import { asOfDate } from '../state/as-of-state.ts';
import { firstSliderYear, lastSliderYear, shownDate, sliderYearOfDate } from '../model/as-of-years.ts';
import { followAddress } from '../state/address-actions.ts';
import { setAsOfYear } from '../state/as-of-actions.ts';
import './as-of-slider.css';

// How long each year stays on screen while the slider plays through the years.
const playStepMilliseconds = 1400;

/**
 * The time slider in the top bar: the year the whole dashboard shows, 2022 to 2026, with the
 * date it means written beside it. A range input, so arrow keys, Home and End work as usual;
 * the play button steps through the years from 2022.
 */
export function AsOfSlider() {
  const asOf = asOfDate.value;
  const year = sliderYearOfDate(asOf);
  const [playing, setPlaying] = useState(false);

  // The slider is always on the page: it reads the address once (?asOf=…, ?report=1).
  useEffect(() => followAddress(), []);

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const current = sliderYearOfDate(asOfDate.peek());
      if (current >= lastSliderYear()) {
        setPlaying(false);
        return;
      }
      setAsOfYear(current + 1);
    }, playStepMilliseconds);
    return () => clearInterval(timer);
  }, [playing]);

  const play = () => {
    if (playing) return setPlaying(false);
    setAsOfYear(firstSliderYear);
    setPlaying(true);
  };

  return (
    <div class="as-of-slider" data-testid="as-of-slider">
      <label for="as-of-year">{translate('asOfLabel')}</label>
      <input
        id="as-of-year"
        type="range"
        min={firstSliderYear}
        max={lastSliderYear()}
        step={1}
        value={year}
        list="as-of-years"
        data-testid="as-of-range"
        aria-valuetext={`${year} · ${translate('asOfDate').replace('{date}', shownDate(asOf))}`}
        onInput={(event) => setAsOfYear(Number(event.currentTarget.value))}
      />
      <datalist id="as-of-years">
        {Array.from({ length: lastSliderYear() - firstSliderYear + 1 }, (_, index) => <option key={index} value={firstSliderYear + index} label={String(firstSliderYear + index)} />)}
      </datalist>
      <span class="as-of-year">{year}</span>
      <span class="as-of-date" data-testid="as-of-date">{translate('asOfDate').replace('{date}', shownDate(asOf))}</span>
      <button type="button" class="as-of-play" data-testid="as-of-play" aria-pressed={playing} title={playing ? translate('asOfStop') : translate('asOfPlay')} aria-label={playing ? translate('asOfStop') : translate('asOfPlay')} onClick={play}>
        {playing ? '⏸' : '▶'}
      </button>
    </div>
  );
}
