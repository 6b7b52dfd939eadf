import { batch } from '@preact/signals';
import { fetchCoverage, fetchTypeIsochrones, fetchWalkFromPoint, resetFacilityStandard, updateFacilityStandardDistance, type CoverageQuestion } from '../api.ts';
import { describeFailure, flyToPlace } from './actions.ts';
import { asOfDate } from './as-of-state.ts';
import { featuresByCollection } from './dashboard-state.ts';
import {
  coverage, coverageFailure, coverageQuestion, coverageStatus, focusFacilityType, isochrones, pointWalk, pointWalkFailure, showIsochrones, sidePanel, standardEditFailure,
  type SidePanel,
} from './coverage-state.ts';
import { boundsOfGeometry } from './geometry-bounds.ts';
import { session } from './session-state.ts';

/** The only functions that change the life-circle analysis state. */

// Answers arrive out of order when settings change quickly; only the latest question's answer counts.
let coverageRequest = 0;
let isochroneRequest = 0;
let pointWalkRequest = 0;

export function openSidePanel(panel: SidePanel): void {
  sidePanel.value = panel;
  if (panel === 'coverage' && coverageStatus.value === 'idle') void runCoverage();
  if (panel !== 'coverage') clearPointWalk();
}

/** Asks the server for the coverage of every facility type under the current question. */
export async function runCoverage(): Promise<void> {
  const request = ++coverageRequest;
  batch(() => {
    coverageStatus.value = 'loading';
    coverageFailure.value = null;
  });
  try {
    const answer = await fetchCoverage(coverageQuestion.value, asOfDate.value);
    if (request !== coverageRequest) return;
    batch(() => {
      coverage.value = answer;
      coverageStatus.value = 'ready';
    });
  } catch (error) {
    if (request !== coverageRequest) return;
    batch(() => {
      coverageFailure.value = describeFailure(error);
      coverageStatus.value = 'failed';
    });
  }
  void loadIsochrones();
}

async function loadIsochrones(): Promise<void> {
  const request = ++isochroneRequest;
  if (!showIsochrones.value) {
    isochrones.value = null;
    return;
  }
  try {
    const answer = await fetchTypeIsochrones(focusFacilityType.value, coverageQuestion.value, asOfDate.value);
    if (request === isochroneRequest) isochrones.value = answer;
  } catch {
    // A type with no counted facility has no isochrone; the panel says so from the coverage.
    if (request === isochroneRequest) isochrones.value = null;
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
}

export function toggleIsochrones(): void {
  showIsochrones.value = !showIsochrones.value;
  void loadIsochrones();
}

/** Walking time from a clicked point to the nearest facility of every type. */
export async function walkFromPoint(longitude: number, latitude: number): Promise<void> {
  const request = ++pointWalkRequest;
  pointWalkFailure.value = null;
  try {
    const answer = await fetchWalkFromPoint(longitude, latitude, coverageQuestion.value, asOfDate.value);
    if (request === pointWalkRequest) pointWalk.value = answer;
  } catch (error) {
    if (request !== pointWalkRequest) return;
    batch(() => {
      pointWalk.value = null;
      pointWalkFailure.value = describeFailure(error);
    });
  }
}

export function clearPointWalk(): void {
  // An answer still on its way for an earlier click must not bring the cleared walk back.
  pointWalkRequest += 1;
  batch(() => {
    pointWalk.value = null;
    pointWalkFailure.value = null;
  });
}

/** Selects an estate of the gap list and flies the map to it. */
export function flyToEstate(estateId: string): void {
  const feature = featuresByCollection.value.neighbourhoods?.features.find((candidate) => String(candidate.id) === estateId);
  const bounds = feature ? boundsOfGeometry(feature.geometry) : null;
  if (feature && bounds) flyToPlace({ collectionId: 'neighbourhoods', name: String(feature.properties?.name ?? estateId), feature, bounds });
}

/** A planner's edit of the distance a type is held to; the coverage is computed again with it. */
export function editStandardDistance(facilityType: string, maxWalkMetres: number): Promise<void> {
  return changeStandard(() => updateFacilityStandardDistance(facilityType, maxWalkMetres, session.value?.csrfToken));
}

export function resetStandardDistance(facilityType: string): Promise<void> {
  return changeStandard(() => resetFacilityStandard(facilityType, session.value?.csrfToken));
}

async function changeStandard(request: () => Promise<unknown>): Promise<void> {
  standardEditFailure.value = null;
  try {
    await request();
    await runCoverage();
  } catch (error) {
    standardEditFailure.value = describeFailure(error);
  }
}
