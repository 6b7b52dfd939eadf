import { setAsOfDate } from './as-of-actions.ts';
import { isAcceptedAsOfDate } from '../model/as-of-years.ts';
import { ensureLeadersSummary, openReport } from './leaders-actions.ts';
import { leadersStatus, leadersSummary } from './leaders-state.ts';
import { openSidePanel } from './side-panel.ts';

/** The address the dashboard opens with: ?asOf=YYYY-MM-DD sets the date, ?report=1 opens the report. */

// How long ?report=1 waits for the map's first complete frame before giving up on opening the report.
const reportWaitMilliseconds = 60_000;

/**
 * Follows a link such as /?asOf=2024-12-31&report=1 (a report to bookmark or send): sets the
 * date, opens the leaders' view and, once the map has drawn and the figures are in, the report.
 */
export function followAddress(search: string = location.search): void {
  const parameters = new URLSearchParams(search);
  const asOf = parameters.get('asOf');
  if (asOf && isAcceptedAsOfDate(asOf)) setAsOfDate(asOf);
  // Today's summary too: it lists the facilities not open today, which the map leaves out.
  else ensureLeadersSummary();
  if (parameters.get('report') !== '1') return;
  openSidePanel('leaders');
  const started = Date.now();
  const openWhenReady = () => {
    // The map marks its first complete frame (data drawn, basemap idle); the report's image needs it.
    const mapDrawn = performance.getEntriesByName('lifecircle:map-ready').length > 0;
    if (mapDrawn && leadersSummary.peek() && leadersStatus.peek() === 'ready') {
      // One more frame, so the renovation colours of the leaders' view are in the picture.
      requestAnimationFrame(() => requestAnimationFrame(openReport));
      return;
    }
    if (Date.now() - started < reportWaitMilliseconds) setTimeout(openWhenReady, 250);
  };
  openWhenReady();
}
