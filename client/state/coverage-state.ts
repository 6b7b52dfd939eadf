import { computed, signal } from '@preact/signals';
import { walkingSpeeds } from '../../server/contract/vocabulary/walking.ts';
import type { PlaceCollection } from '../api/collections.ts';
import type { CoverageAnswer, CoverageQuestion, FacilityStandardHistory, HexGridAnswer, PointWalkAnswer } from '../api/coverage.ts';

/**
 * The life-circle analysis in the dashboard: the question asked (speed,
 * distance mode, placeholders), the facility type the map is coloured by, and the answers.
 * Changed only by the actions in coverage-actions.ts.
 */

/** Walking speeds offered: the national bands' standard and the slower speed of older residents (the shared vocabulary's). */
export const { standardMetresPerSecond: standardSpeedMetresPerSecond, elderlyMetresPerSecond: elderlySpeedMetresPerSecond } = walkingSpeeds;

export const coverageQuestion = signal<CoverageQuestion>({ speedMetresPerSecond: standardSpeedMetresPerSecond, mode: 'network', includePlaceholders: false });
/** The facility type the estates are coloured by and the isochrones drawn for. */
export const focusFacilityType = signal('community_health_center');
export const showIsochrones = signal(true);
/** The type list shows the types with no data only when asked. */
export const showTypesWithoutData = signal(false);

/** The gap heat map (步行时间热力图) of the focused type is drawn instead of the estates' colours. */
export const showHexGrid = signal(false);
/** The heat map's answer for the focused type, date and question; null while off or not yet come. */
export const hexGrid = signal<HexGridAnswer | null>(null);
export const hexGridFailure = signal<string | null>(null);
/** The heat map's cell under the pointer, with the pointer's position on the map. */
export const hoveredHexCell = signal<{ cell: HexGridAnswer['cells'][number]; x: number; y: number } | null>(null);

export type AnalysisStatus = 'idle' | 'loading' | 'ready' | 'failed';
export const coverageStatus = signal<AnalysisStatus>('idle');
export const coverageFailure = signal<string | null>(null);
export const coverage = signal<CoverageAnswer | null>(null);
export const isochrones = signal<PlaceCollection | null>(null);
export const pointWalk = signal<PointWalkAnswer | null>(null);
/** The areas within 5, 10 and 15 minutes' walk of the clicked point, at the question's speed; null with no point. */
export const pointIsochrones = signal<PlaceCollection | null>(null);
export const pointWalkFailure = signal<string | null>(null);
/** Why the last edit of a standard was refused, in the server's words. */
export const standardEditFailure = signal<string | null>(null);
/** Each standard's version as read with the figures shown (an editor's edit sends it as If-Match). */
export const standardVersions = signal<Record<string, number>>({});
/** The edits of the standard whose history is open, or null. */
export const standardHistory = signal<FacilityStandardHistory | null>(null);

export const focusTypeCoverage = computed(() => coverage.value?.byType.find((type) => type.facilityType === focusFacilityType.value) ?? null);

/** False when the data knows no real site of the focused type: its figures are no data, not 0. */
export const focusTypeHasData = computed(() => focusTypeCoverage.value?.hasData ?? true);

/** Minutes from each estate to the focused type, keyed by estate id: what the map colours. */
export const minutesByEstate = computed(() => {
  const answer = coverage.value;
  const type = focusFacilityType.value;
  return new Map((answer?.byUnit ?? []).map((estate) => [estate.id, estate.walkMinutes[type] ?? null]));
});

/** Estates outside the focused type's distance, most residents first: where the next facility should go. */
export const rankedGaps = computed(() => {
  const answer = coverage.value;
  const type = focusFacilityType.value;
  // A type with no data has no gaps to list: nobody knows where its sites are.
  if (!answer || !focusTypeHasData.value) return [];
  return answer.byUnit
    .filter((estate) => estate.gaps.includes(type))
    .sort((a, b) => b.residents - a.residents || a.name.localeCompare(b.name, 'zh-CN'));
});
