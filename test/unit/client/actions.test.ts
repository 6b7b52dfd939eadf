import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asOfDate } from '../../../client/state/as-of-state.ts';
import { setAsOfDate, setAsOfYear } from '../../../client/state/as-of-actions.ts';
import { clearPointWalk, walkFromPoint } from '../../../client/state/coverage-actions.ts';
import { coverageStatus, pointWalk } from '../../../client/state/coverage-state.ts';
import { closeReport, openReport } from '../../../client/state/leaders-actions.ts';
import { leadersStatus, leadersSummary, reportMapImage, reportOpen } from '../../../client/state/leaders-state.ts';
import { latestRequest } from '../../../client/state/latest-request.ts';
import { coverageActive, openSidePanel, sidePanel } from '../../../client/state/side-panel.ts';
import { todayInShanghai } from '../../../server/contract/vocabulary/as-of.ts';
import { installFakeFetch, type PendingRequest } from '../../helpers/fake-fetch.ts';
import { mountFakeMap } from '../../helpers/fake-map.ts';

/**
 * The named actions of client/state/, run against a fetch whose answers the test releases in
 * any order (test/helpers/fake-fetch.ts) and a fake map (test/helpers/fake-map.ts). The API
 * itself is tested in test/api, the real map in test/e2e.
 */

let fakeFetch: ReturnType<typeof installFakeFetch>;
const requestsTo = (path: string): PendingRequest[] => fakeFetch.requests.filter((request) => new URL(request.url, 'http://dashboard').pathname === path);
const walkAnswer = (longitude: number, latitude: number) => ({ longitude, latitude, speedMetresPerSecond: 1, asOf: '2026-01-01', accessMetres: 10, byType: [] });

beforeEach(() => {
  fakeFetch = installFakeFetch();
  clearPointWalk();
});
afterEach(() => fakeFetch.restore());

describe('latestRequest', () => {
  it('makes every earlier request stale when a later one starts, and all of them on cancel', () => {
    const requests = latestRequest();
    const first = requests.start();
    expect(first()).toBe(true);
    const second = requests.start();
    expect(first()).toBe(false);
    expect(second()).toBe(true);
    requests.cancel();
    expect(second()).toBe(false);
  });
});

describe('the latest request wins in the actions', () => {
  it('ignores the walk from an earlier click when its answer arrives after the later click\'s', async () => {
    void walkFromPoint(121.51, 31.22);
    void walkFromPoint(121.53, 31.23);
    const [earlier, later] = requestsTo('/api/coverage/point');
    expect(new URL(later.url, 'http://dashboard').searchParams.get('longitude')).toBe('121.53');
    await later.answer(walkAnswer(121.53, 31.23));
    await earlier.answer(walkAnswer(121.51, 31.22));
    expect(pointWalk.value?.longitude).toBe(121.53);
  });

  it('does not bring back a cleared walk when its answer arrives after the clearing', async () => {
    void walkFromPoint(121.52, 31.22);
    clearPointWalk();
    await requestsTo('/api/coverage/point')[0].answer(walkAnswer(121.52, 31.22));
    expect(pointWalk.value).toBeNull();
  });
});

describe('the as-of actions own the dashboard\'s date', () => {
  it('sets the date, reads the leaders\' summary for it, and keeps the latest date\'s summary when answers cross', async () => {
    setAsOfDate('2023-12-31');
    setAsOfDate('2024-12-31');
    expect(asOfDate.value).toBe('2024-12-31');
    const [older, newer] = requestsTo('/api/leaders/summary');
    expect(new URL(older.url, 'http://dashboard').searchParams.get('asOf')).toBe('2023-12-31');
    expect(new URL(newer.url, 'http://dashboard').searchParams.get('asOf')).toBe('2024-12-31');
    await newer.answer({ asOf: '2024-12-31' });
    await older.answer({ asOf: '2023-12-31' });
    expect(leadersSummary.value?.asOf).toBe('2024-12-31');
    expect(leadersStatus.value).toBe('ready');
  });

  it('asks nothing when the date does not change, and the current year means today (null)', () => {
    setAsOfDate('2022-12-31');
    const asked = fakeFetch.requests.length;
    setAsOfDate('2022-12-31');
    expect(fakeFetch.requests.length).toBe(asked);
    setAsOfYear(Number(todayInShanghai().slice(0, 4)));
    expect(asOfDate.value).toBeNull();
    expect(new URL(fakeFetch.requests.at(-1)!.url, 'http://dashboard').searchParams.has('asOf')).toBe(false);
  });
});

describe('the side panel', () => {
  it('opens a panel, computes the life circle the first time its panel opens, and clears a point\'s walk when it closes', async () => {
    openSidePanel('projects');
    expect(sidePanel.value).toBe('projects');
    expect(coverageActive.value).toBe(false);
    expect(requestsTo('/api/coverage')).toHaveLength(0);

    openSidePanel('coverage');
    expect(coverageActive.value).toBe(true);
    expect(coverageStatus.value).toBe('loading');
    expect(requestsTo('/api/coverage')).toHaveLength(1);
    openSidePanel('layers');
    openSidePanel('coverage');
    // Opened again: the answer on its way (or on screen) is kept, not asked again.
    expect(requestsTo('/api/coverage')).toHaveLength(1);

    void walkFromPoint(121.52, 31.22);
    await requestsTo('/api/coverage/point')[0].answer(walkAnswer(121.52, 31.22));
    expect(pointWalk.value).not.toBeNull();
    openSidePanel('leaders');
    expect(pointWalk.value).toBeNull();
  });
});

describe('the report takes its picture from the map the map module handed in', () => {
  it('puts the mounted map\'s snapshot in the report, and none once the map is removed', () => {
    const map = mountFakeMap();
    openReport();
    expect(reportOpen.value).toBe(true);
    expect(reportMapImage.value).toBe(map.image);
    expect(map.snapshotsTaken).toBe(1);
    closeReport();
    map.remove();
    openReport();
    expect(reportMapImage.value).toBeNull();
    closeReport();
  });
});
