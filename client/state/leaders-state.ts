import { computed, signal } from '@preact/signals';
import type { RenovationRecord } from '../api/renovation.ts';
import type { LeadersSummary } from '../api/summary.ts';
import type { RenovationClass } from '../layers/renovation-colours.ts';
import type { AnalysisStatus } from './coverage-state.ts';
import type { MapPicture } from './map-image.ts';
import { sidePanel } from './side-panel.ts';

/**
 * The leaders' view: the summary for the dashboard's as-of date, the list a clicked number
 * opened, the renovation record being edited and the report. Changed only by leaders-actions.ts.
 */

export const leadersSummary = signal<LeadersSummary | null>(null);
export const leadersStatus = signal<AnalysisStatus>('idle');
export const leadersFailure = signal<string | null>(null);

/** The list behind a clicked number: estates, projects or facilities, by key, with what was counted. */
export interface Drilldown {
  kind: 'estates' | 'projects' | 'facilities';
  title: string;
  keys: string[];
}
export const drilldown = signal<Drilldown | null>(null);
/** Why the list behind a number could not be read (e.g. the coverage for it). */
export const drilldownFailure = signal<string | null>(null);

/** The renovation record an editor has open in the form, with what the server said about it. */
export interface RenovationEditor {
  estateKey: string;
  record: RenovationRecord | null;
  etag: string;
  saving: boolean;
  failure: string | null;
  /** The server's per-field messages, by field path (e.g. comprehensiveRenovation.year). */
  problems: Record<string, string>;
  /** Someone else changed the record since it was read: the form shows the record as it is now. */
  conflict: boolean;
  saved: boolean;
}
export const renovationEditor = signal<RenovationEditor | null>(null);

/**
 * The report's map picture, of the whole subdistrict: being drawn (the report is open meanwhile),
 * drawn (with the [west, south, east, north] it shows), or missing (no map on the page).
 */
export type ReportMap = { status: 'drawing' } | { status: 'drawn'; picture: MapPicture } | { status: 'missing' };

/** The report overlay, and its map picture, asked for when it was opened. */
export const reportOpen = signal(false);
export const reportMap = signal<ReportMap>({ status: 'missing' });

export const leadersActive = computed(() => sidePanel.value === 'leaders');

/** Each estate's renovation class on the as-of date: what the choropleth colours. */
export const renovationClassByEstate = computed(() =>
  new Map<string, RenovationClass>((leadersSummary.value?.renovation.estates ?? []).map((estate) => [estate.estateKey, estate.status])));

export const demonstrationEstateIds = computed<ReadonlySet<string>>(() =>
  new Set((leadersSummary.value?.renovation.estates ?? []).filter((estate) => estate.demonstration).map((estate) => estate.estateKey)));

/**
 * Facilities not yet open on the as-of date (by key): the map leaves them out. With no date
 * chosen (today) the summary for today gives them, read at start-up (followAddress), so the map
 * draws what the coverage, the point walk, the isochrones and the leaders' figures count: the
 * facilities open today. Null: none known yet (the summary not read, or none not open).
 */
export const facilitiesNotYetOpen = computed<ReadonlySet<string> | null>(() => {
  const keys = leadersSummary.value?.facilities.notOpenKeys;
  return keys && keys.length > 0 ? new Set(keys) : null;
});
