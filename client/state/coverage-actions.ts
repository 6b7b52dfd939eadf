import { batch } from '@preact/signals';
import { ApiError } from '../api/api-client.ts';
import {
  type CoverageQuestion, type FacilityStandard, fetchCoverage, fetchFacilityStandardHistory, fetchHexGrid, fetchFacilityStandards, fetchPointIsochrones, fetchTypeIsochrones,
  fetchWalkFromPoint, resetFacilityStandard, updateFacilityStandardDistance,
} from '../api/coverage.ts';
import { describeFailure, flyToPlace } from './actions.ts';
import { asOfDate } from './as-of-state.ts';
import { featuresByCollection } from './dashboard-state.ts';
import {
  coverage, coverageFailure, coverageQuestion, coverageStatus, focusFacilityType, hexGrid, hexGridFailure, hoveredHexCell, isochrones, pointIsochrones, pointWalk, pointWalkFailure, showHexGrid, showIsochrones, showTypesWithoutData,
  standardEditFailure, standardHistory, standardVersions,
} from './coverage-state.ts';
import type { HexCellOnMap } from '../layers/hex-gap-layer.ts';
import { boundsOfGeometry } from '../geometry/geometry-bounds.ts';
import { dropEmptyAreas } from '../geometry/drop-empty-areas.ts';
import { latestRequest } from './latest-request.ts';
import { canEdit, session } from './session-state.ts';
import type { SidePanel } from './side-panel.ts';

/** The only functions that change the life-circle analysis state. */

// Answers arrive out of order when settings change quickly; only the latest question's answer counts.
const coverageRequests = latestRequest();
const isochroneRequests = latestRequest();
const pointWalkRequests = latestRequest();
const pointIsochroneRequests = latestRequest();
const hexGridRequests = latestRequest();

/** A side panel was opened (side-panel.ts): the coverage is asked the first time its panel opens, and a point's walk is cleared when it closes. */
export function followSidePanel(panel: SidePanel): void {
  if (panel === 'coverage' && coverageStatus.value === 'idle') void runCoverage();
  if (panel !== 'coverage') clearPointWalk();
}

/** Asks the server for the coverage of every facility type under the current question. */
export async function runCoverage(): Promise<void> {
  const isLatest = coverageRequests.start();
  batch(() => {
    coverageStatus.value = 'loading';
    coverageFailure.value = null;
  });
  try {
    // An editor's edit of a standard is sent with the version read beside the figures it changes.
    const [answer, standards] = await Promise.all([fetchCoverage(coverageQuestion.value, asOfDate.value), canEdit.value ? fetchFacilityStandards() : null]);
    if (!isLatest()) return;
    batch(() => {
      coverage.value = answer;
      coverageStatus.value = 'ready';
      if (standards) standardVersions.value = Object.fromEntries(standards.map((standard) => [standard.facilityType, standard.version]));
    });
  } catch (error) {
    if (!isLatest()) return;
    batch(() => {
      coverageFailure.value = describeFailure(error);
      coverageStatus.value = 'failed';
    });
  }
  void loadIsochrones();
  void loadHexGrid();
}

async function loadIsochrones(): Promise<void> {
  const isLatest = isochroneRequests.start();
  if (!showIsochrones.value) {
    isochrones.value = null;
    return;
  }
  try {
    const answer = await fetchTypeIsochrones(focusFacilityType.value, coverageQuestion.value, asOfDate.value);
    // A type without a facility answers empty areas, which deck.gl warns about: they are not drawn.
    if (isLatest()) isochrones.value = dropEmptyAreas(answer);
  } catch {
    // A type with no counted facility has no isochrone; the panel says so from the coverage.
    if (isLatest()) isochrones.value = null;
  }
}

export function changeCoverageQuestion(change: Partial<CoverageQuestion>): void {
  coverageQuestion.value = { ...coverageQuestion.value, ...change };
  void runCoverage();
  const point = pointWalk.value;
  if (point) void walkFromPoint(point.longitude, point.latitude);
}

/** The dashboard's date changed: the coverage, the isochrones and a point's walk are asked again for it (only if asked at all). */
export function followAsOfDate(): void {
  if (coverageStatus.peek() !== 'idle') void runCoverage();
  const point = pointWalk.peek();
  if (point) void walkFromPoint(point.longitude, point.latitude);
}

export function focusOnFacilityType(facilityType: string): void {
  focusFacilityType.value = facilityType;
  void loadIsochrones();
  void loadHexGrid();
}

/** Turns the gap heat map (步行时间热力图) of the focused type on or off. */
export function toggleHexGrid(): void {
  showHexGrid.value = !showHexGrid.value;
  void loadHexGrid();
}

/** The cell under the pointer changed (the deck.gl overlay reports it), or the pointer left the heat map (null). */
export function hoverHexCell(hovered: { cell: HexCellOnMap; x: number; y: number } | null): void {
  const current = hoveredHexCell.value;
  if (current === hovered || (current && hovered && current.cell === hovered.cell && current.x === hovered.x && current.y === hovered.y)) return;
  hoveredHexCell.value = hovered;
}

/**
 * Asks for the heat map of the focused type under the current question and date; the last map stays
 * drawn until the new one comes, so that moving the year slider does not blink the map grey.
 */
async function loadHexGrid(): Promise<void> {
  const isLatest = hexGridRequests.start();
  if (!showHexGrid.value) {
    batch(() => {
      hexGrid.value = null;
      hexGridFailure.value = null;
      hoveredHexCell.value = null;
    });
    return;
  }
  try {
    const answer = await fetchHexGrid(focusFacilityType.value, coverageQuestion.value, asOfDate.value);
    if (!isLatest()) return;
    batch(() => {
      hexGrid.value = answer;
      hexGridFailure.value = null;
    });
  } catch (error) {
    if (!isLatest()) return;
    batch(() => {
      hexGrid.value = null;
      hexGridFailure.value = describeFailure(error);
    });
  }
}

export function toggleTypesWithoutData(): void {
  showTypesWithoutData.value = !showTypesWithoutData.value;
}

export function toggleIsochrones(): void {
  showIsochrones.value = !showIsochrones.value;
  void loadIsochrones();
}

/** Walking time from a clicked point to the nearest facility of every type, and the areas within 5, 10 and 15 minutes of it. */
export async function walkFromPoint(longitude: number, latitude: number): Promise<void> {
  void loadPointIsochrones(longitude, latitude);
  const isLatest = pointWalkRequests.start();
  pointWalkFailure.value = null;
  try {
    const answer = await fetchWalkFromPoint(longitude, latitude, coverageQuestion.value, asOfDate.value);
    if (isLatest()) pointWalk.value = answer;
  } catch (error) {
    if (!isLatest()) return;
    batch(() => {
      pointWalk.value = null;
      pointWalkFailure.value = describeFailure(error);
    });
  }
}

/** The point's isochrones replace the last point's; the earlier ones stay until the new ones arrive. */
async function loadPointIsochrones(longitude: number, latitude: number): Promise<void> {
  const isLatest = pointIsochroneRequests.start();
  try {
    const answer = await fetchPointIsochrones(longitude, latitude, coverageQuestion.value, asOfDate.value);
    if (isLatest()) pointIsochrones.value = dropEmptyAreas(answer);
  } catch {
    // A point off the walking network has no isochrone; its walk says why (pointWalkFailure).
    if (isLatest()) pointIsochrones.value = null;
  }
}

export function clearPointWalk(): void {
  // An answer still on its way for an earlier click must not bring the cleared walk back.
  pointWalkRequests.cancel();
  pointIsochroneRequests.cancel();
  batch(() => {
    pointWalk.value = null;
    pointIsochrones.value = null;
    pointWalkFailure.value = null;
  });
}

/** Selects an estate of the gap list and flies the map to it. */
export function flyToEstate(estateId: string): void {
  const feature = featuresByCollection.value.neighbourhoods?.features.find((candidate) => String(candidate.id) === estateId);
  const bounds = feature ? boundsOfGeometry(feature.geometry) : null;
  if (feature && bounds) flyToPlace({ collectionId: 'neighbourhoods', name: String(feature.properties?.name ?? estateId), feature, bounds });
}

/**
 * A planner's edit of the distance a type is held to; the coverage is computed again with it. It
 * is sent with the version of the standard the figures were computed with, so that when another
 * planner changed it meanwhile nothing is overwritten: the panel says so and shows the current value.
 */
export function editStandardDistance(facilityType: string, maxWalkMetres: number): Promise<void> {
  return changeStandard(facilityType, (version) => updateFacilityStandardDistance(facilityType, version, maxWalkMetres, session.value?.csrfToken));
}

export function resetStandardDistance(facilityType: string): Promise<void> {
  return changeStandard(facilityType, (version) => resetFacilityStandard(facilityType, version, session.value?.csrfToken));
}

async function changeStandard(facilityType: string, request: (version: number) => Promise<FacilityStandard>): Promise<void> {
  standardEditFailure.value = null;
  try {
    const version = standardVersions.value[facilityType] ?? (await fetchFacilityStandards()).find((standard) => standard.facilityType === facilityType)?.version ?? 0;
    const stored = await request(version);
    standardVersions.value = { ...standardVersions.value, [facilityType]: stored.version };
  } catch (error) {
    standardEditFailure.value = describeFailure(error);
    // 412: another planner's edit came first; the figures below are computed again with it.
    if (!(error instanceof ApiError && error.status === 412)) return;
  }
  if (standardHistory.value?.facilityType === facilityType) void showStandardHistory(facilityType);
  await runCoverage();
}

/** Opens the list of a standard's edits (who, when, from what to what). */
export async function showStandardHistory(facilityType: string): Promise<void> {
  try {
    standardHistory.value = await fetchFacilityStandardHistory(facilityType);
  } catch (error) {
    standardEditFailure.value = describeFailure(error);
  }
}

export function hideStandardHistory(): void {
  standardHistory.value = null;
}
