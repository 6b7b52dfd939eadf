import { batch, effect } from '@preact/signals';
import { ApiError } from '../api/api-client.ts';
import { fetchCoverage } from '../api/coverage.ts';
import { type RenovationPatch, fetchRenovationRecord, patchRenovationRecord } from '../api/renovation.ts';
import { fetchLeadersSummary } from '../api/summary.ts';
import { describeFailure, flyToPlace, overviewBounds } from './actions.ts';
import { asOfDate } from './as-of-state.ts';
import { flyToEstate } from './coverage-actions.ts';
import { estatesOutsideGroup, estatesWithoutAllEssentials } from '../model/coverage-gaps-of-group.ts';
import { standardSpeedMetresPerSecond } from './coverage-state.ts';
import { featuresByCollection, language } from './dashboard-state.ts';
import { boundsOfGeometry } from '../geometry/geometry-bounds.ts';
import { drilldown, drilldownFailure, leadersFailure, leadersStatus, leadersSummary, renovationEditor, reportMap, reportOpen, type Drilldown } from './leaders-state.ts';
import { latestRequest } from './latest-request.ts';
import { pictureOfMap } from './map-image.ts';
import { canEdit, session } from './session-state.ts';

/** The only functions that change the leaders' view (the dashboard's as-of date is as-of-actions.ts's). */

// Moving the slider quickly sends several requests; only the answer for the latest date counts.
const summaryRequests = latestRequest();
const gapListRequests = latestRequest();

/** The dashboard's date changed (as-of-actions.ts): a gap list still being read is for the old date, and the summary is read for the new one. */
export function followAsOfDateInLeadersView(): void {
  gapListRequests.cancel();
  void loadLeadersSummary();
}

/** Reads the leaders' summary for the dashboard's as-of date. */
export async function loadLeadersSummary(): Promise<void> {
  const isLatest = summaryRequests.start();
  batch(() => {
    leadersStatus.value = 'loading';
    leadersFailure.value = null;
  });
  try {
    const summary = await fetchLeadersSummary(asOfDate.peek());
    if (!isLatest()) return;
    batch(() => {
      leadersSummary.value = summary;
      leadersStatus.value = 'ready';
    });
  } catch (error) {
    if (!isLatest()) return;
    batch(() => {
      leadersFailure.value = describeFailure(error);
      leadersStatus.value = 'failed';
    });
  }
}

/** Opens the leaders' view's data the first time its tab is shown. */
export function ensureLeadersSummary(): void {
  if (leadersStatus.peek() === 'idle') void loadLeadersSummary();
}

/** Opens the list behind a number (the estates or projects it counts). */
export function openDrilldown(list: Drilldown): void {
  drilldown.value = list;
}

export function closeDrilldown(): void {
  batch(() => {
    drilldown.value = null;
    drilldownFailure.value = null;
  });
}

/**
 * Opens the estates behind a coverage share: those the group (or, for 'all', every essential
 * group) does not reach on the as-of date, under the standard question the summary uses
 * (1.0 m/s on the walking network, placeholders left out).
 */
export async function openCoverageGapList(groupKey: string | 'all', title: string): Promise<void> {
  // Two quick clicks, or a date change while the coverage is read: only the latest click's list shows.
  const isLatest = gapListRequests.start();
  drilldownFailure.value = null;
  try {
    const answer = await fetchCoverage({ speedMetresPerSecond: standardSpeedMetresPerSecond, mode: 'network', includePlaceholders: false }, leadersSummary.peek()?.asOf ?? asOfDate.peek());
    if (!isLatest()) return;
    const keys = groupKey === 'all' ? estatesWithoutAllEssentials(answer) : estatesOutsideGroup(answer, groupKey);
    drilldown.value = { kind: 'estates', title, keys };
  } catch (error) {
    if (!isLatest()) return;
    drilldownFailure.value = describeFailure(error);
  }
}

/** Flies the map to a facility of a list and selects it. */
export function showFacility(facilityKey: string): void {
  const feature = featuresByCollection.value.facilities?.features.find((candidate) => String(candidate.id) === facilityKey);
  const bounds = feature ? boundsOfGeometry(feature.geometry) : null;
  if (feature && bounds) flyToPlace({ collectionId: 'facilities', name: String(feature.properties?.name ?? facilityKey), feature, bounds });
}

/** Flies the map to an estate of a list and selects it. */
export function showEstate(estateKey: string): void {
  flyToEstate(estateKey);
}

/** Flies the map to a project of a list and selects it. */
export function showProject(code: string): void {
  const feature = featuresByCollection.value.projects?.features.find((candidate) => String(candidate.id) === code || candidate.properties?.code === code);
  const bounds = feature ? boundsOfGeometry(feature.geometry) : null;
  if (feature && bounds) flyToPlace({ collectionId: 'projects', name: String(feature.properties?.title_zh ?? code), feature, bounds });
}

// ---- Editing an estate's renovation record ----

/** Opens the form for an estate's record: reads it with its ETag first. */
export async function startEditingRenovation(estateKey: string): Promise<void> {
  renovationEditor.value = { estateKey, record: null, etag: '', saving: false, failure: null, problems: {}, conflict: false, saved: false };
  try {
    const { record, etag } = await fetchRenovationRecord(estateKey);
    if (renovationEditor.peek()?.estateKey !== estateKey) return;
    renovationEditor.value = { ...renovationEditor.peek()!, record, etag };
  } catch (error) {
    if (renovationEditor.peek()?.estateKey !== estateKey) return;
    renovationEditor.value = { ...renovationEditor.peek()!, failure: describeFailure(error) };
  }
}

export function stopEditingRenovation(): void {
  renovationEditor.value = null;
}

/**
 * Saves the form: a merge patch with If-Match (the version read) and the CSRF token. The
 * server's field messages go next to the fields; if someone else changed the record meanwhile
 * (412), the form says so and shows the record as it is now.
 */
export async function saveRenovation(patch: RenovationPatch): Promise<void> {
  const editor = renovationEditor.peek();
  const csrfToken = session.peek()?.csrfToken;
  if (!editor || !editor.record) return;
  if (!csrfToken) {
    renovationEditor.value = { ...editor, failure: language.peek() === 'zh-CN' ? '请先登录' : 'Please sign in first' };
    return;
  }
  // Nothing changed: nothing to send (an empty patch would only make a new version).
  if (Object.keys(patch).length === 0) {
    renovationEditor.value = { ...editor, failure: null, problems: {}, conflict: false, saved: true };
    return;
  }
  renovationEditor.value = { ...editor, saving: true, failure: null, problems: {}, conflict: false, saved: false };
  // The form may be closed (cancel, sign-out) or show another estate by the time an answer comes:
  // an answer is written only into the form it was asked for.
  const stillOpen = () => renovationEditor.peek()?.estateKey === editor.estateKey;
  try {
    const { record, etag } = await patchRenovationRecord(editor.estateKey, patch, editor.etag, csrfToken);
    if (stillOpen()) renovationEditor.value = { ...renovationEditor.peek()!, record, etag, saving: false, failure: null, problems: {}, conflict: false, saved: true };
    await loadLeadersSummary();
  } catch (error) {
    const problems: Record<string, string> = {};
    if (error instanceof ApiError) {
      for (const problem of error.problems) problems[problem.field] = language.peek() === 'zh-CN' ? problem.messageZh : problem.message;
    }
    const conflict = error instanceof ApiError && error.status === 412;
    if (stillOpen()) renovationEditor.value = { ...renovationEditor.peek()!, saving: false, failure: describeFailure(error), problems, conflict, saved: false };
    if (conflict) {
      // The record as it is now, with its new ETag, so the editor can decide again.
      try {
        const { record, etag } = await fetchRenovationRecord(editor.estateKey);
        if (stillOpen()) renovationEditor.value = { ...renovationEditor.peek()!, record, etag };
      } catch {
        // The message about the conflict stays; the next save will tell again.
      }
      void loadLeadersSummary();
    }
  }
}

// Signing out (or a session that lapses into a viewer's) closes the renovation form: its save could only be refused.
effect(() => {
  if (!canEdit.value && renovationEditor.peek()) stopEditingRenovation();
});

// ---- The report ----

// Opening the report again, or closing it, while its map is drawn stops the earlier picture: the
// map puts its camera back at once (before the user moves it again), and the picture never goes in.
let reportPictureStop: AbortController | null = null;

/**
 * Opens the A4 report at once; its map follows when drawn: the whole subdistrict, north up and
 * flat, with the date and layers the leader chose, whatever part of the map the screen shows.
 */
export function openReport(): void {
  reportPictureStop?.abort();
  const { signal } = (reportPictureStop = new AbortController());
  const bounds = overviewBounds();
  const picture = bounds ? pictureOfMap(bounds, signal) : null;
  batch(() => {
    reportMap.value = picture ? { status: 'drawing' } : { status: 'missing' };
    reportOpen.value = true;
  });
  picture?.then(
    (drawn) => { if (!signal.aborted) reportMap.value = drawn ? { status: 'drawn', picture: drawn } : { status: 'missing' }; },
    () => { if (!signal.aborted) reportMap.value = { status: 'missing' }; },
  );
}

export function closeReport(): void {
  reportPictureStop?.abort();
  reportPictureStop = null;
  reportOpen.value = false;
}
