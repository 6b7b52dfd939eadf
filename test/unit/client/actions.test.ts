import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asOfDate } from '../../../client/state/as-of-state.ts';
import { setAsOfDate, setAsOfYear } from '../../../client/state/as-of-actions.ts';
import { clearPointWalk, walkFromPoint } from '../../../client/state/coverage-actions.ts';
import { coverageStatus, pointWalk } from '../../../client/state/coverage-state.ts';
import { closeReport, openReport } from '../../../client/state/leaders-actions.ts';
import { leadersStatus, leadersSummary, reportMap, reportOpen } from '../../../client/state/leaders-state.ts';
import { featuresByCollection } from '../../../client/state/dashboard-state.ts';
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
  const rectangle = (west: number, south: number, east: number, north: number) => ({ type: 'Polygon' as const, coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] });
  beforeEach(() => {
    // The subdistrict among its neighbours: the picture frames the subdistrict alone.
    featuresByCollection.value = {
      boundary: {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', id: 'neighbour', properties: { kind: 'neighbour' }, geometry: rectangle(121.40, 31.10, 121.90, 31.60) },
          { type: 'Feature', id: 'subdistrict', properties: { kind: 'subdistrict' }, geometry: rectangle(121.50, 31.21, 121.53, 31.24) },
        ],
      } as never,
    };
  });
  afterEach(() => { featuresByCollection.value = {}; });

  it('opens the report at once, then puts in the mounted map\'s picture of the whole subdistrict', async () => {
    const map = mountFakeMap();
    openReport();
    expect(reportOpen.value).toBe(true);
    expect(reportMap.value).toEqual({ status: 'drawing' });
    expect(map.boundsAsked).toEqual([[121.50, 31.21, 121.53, 31.24]]);
    await map.finishPicture();
    expect(reportMap.value).toEqual({ status: 'drawn', picture: { image: map.image, bounds: [121.50, 31.21, 121.53, 31.24] } });
    closeReport();
    map.remove();
  });

  it('keeps only the latest picture: one asked before closing, or before opening again, is dropped', async () => {
    const map = mountFakeMap();
    openReport();
    closeReport();
    openReport();
    await map.finishPicture({ image: 'data:image/png;base64,b2xk', bounds: [0, 0, 1, 1] });
    expect(reportMap.value).toEqual({ status: 'drawing' });
    await map.finishPicture();
    expect(reportMap.value).toMatchObject({ status: 'drawn', picture: { image: map.image } });
    closeReport();
    map.remove();
  });

  it('stops a picture still being drawn when the report closes or opens again, so the map puts its camera back at once', () => {
    const map = mountFakeMap();
    openReport();
    openReport();
    expect(map.signalsGiven.map((signal) => signal.aborted)).toEqual([true, false]);
    closeReport();
    expect(map.signalsGiven.map((signal) => signal.aborted)).toEqual([true, true]);
    map.remove();
  });

  it('says the map is missing when no map is mounted, or the map went away while drawing', async () => {
    openReport();
    expect(reportMap.value).toEqual({ status: 'missing' });
    closeReport();
    const map = mountFakeMap();
    openReport();
    await map.finishPicture(null);
    expect(reportMap.value).toEqual({ status: 'missing' });
    closeReport();
    map.remove();
  });
});
