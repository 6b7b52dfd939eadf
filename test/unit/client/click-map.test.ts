import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlaceFeature } from '../../../client/api/collections.ts';
import { clickMap, type PickedFeature } from '../../../client/state/click-map.ts';
import { selectFeature } from '../../../client/state/actions.ts';
import { featuresByCollection, selectedFeature } from '../../../client/state/dashboard-state.ts';
import { editingSession, pickingLinks, projectForm } from '../../../client/state/editing-state.ts';
import { selectProject } from '../../../client/state/project-actions.ts';
import { selectedProjectCode } from '../../../client/state/project-state.ts';
import { session } from '../../../client/state/session-state.ts';
import { openSidePanel, sidePanel } from '../../../client/state/side-panel.ts';
import { emptyProjectForm } from '../../../client/model/project-form.ts';
import { installFakeFetch } from '../../helpers/fake-fetch.ts';
import { geodataDirectory } from '../../helpers/geodata.ts';

/**
 * The one click policy (client/state/click-map.ts), fed plain lists of what deck.gl picked under
 * the cursor, topmost first, with the shipped data's real shapes: 张家浜's water beside
 * 潍坊八村, 崂山路 under the project drawn on it.
 */

const featureOf = (collection: string, name: string): PickedFeature => {
  const features = (JSON.parse(readFileSync(join(geodataDirectory, `${collection}.geojson`), 'utf8')) as FeatureCollection).features;
  const feature = features.find((candidate) => candidate.properties?.name === name && candidate.geometry.type !== 'LineString') ?? features.find((candidate) => candidate.properties?.name === name);
  if (!feature) throw new Error(`no ${name} in ${collection}`);
  return { collectionId: collection, feature: feature as PlaceFeature };
};

const water = featureOf('waterways', '张家浜');
const estate = featureOf('neighbourhoods', '潍坊八村');
const road = featureOf('roads', '崂山路');
const facility: PickedFeature = { collectionId: 'facilities', feature: { type: 'Feature', id: 'facility-1', geometry: { type: 'Point', coordinates: [121.52, 31.225] }, properties: { name: '社区食堂' } } as PlaceFeature };
// The plan's project on 崂山路 has the road's own line as its geometry.
const project: PickedFeature = { collectionId: 'projects', feature: { type: 'Feature', id: 'P02-01', geometry: road.feature.geometry, properties: { code: 'P02-01', title_zh: '崂山路街区联盟' } } as PlaceFeature };
const click: [number, number] = [121.5166, 31.2263];

let fakeFetch: ReturnType<typeof installFakeFetch>;
beforeEach(() => {
  fakeFetch = installFakeFetch();
  featuresByCollection.value = { projects: { type: 'FeatureCollection', features: [project.feature] } as never };
  session.value = null;
  editingSession.value = null;
  pickingLinks.value = false;
  openSidePanel('layers');
  selectProject(null);
  selectFeature(null);
});
afterEach(() => fakeFetch.restore());

const selectedName = () => selectedFeature.value && (selectedFeature.value.feature.properties?.name ?? selectedFeature.value.feature.properties?.title_zh);

describe('a click with the layers panel open opens the most specific place under the cursor', () => {
  it('张家浜\'s water wins over the estate beside it, though the estate is on top and the river the larger', () => {
    clickMap([estate, water], click);
    expect(selectedFeature.value?.collectionId).toBe('waterways');
    expect(selectedName()).toBe('张家浜');
  });

  it('a point over a line over an area, whatever the drawing order', () => {
    clickMap([estate, road, facility], click);
    expect(selectedFeature.value?.feature.id).toBe('facility-1');
    clickMap([estate, road], click);
    expect(selectedName()).toBe('崂山路');
  });

  it('the road under a project opens the road, and the side panel stays where it was', () => {
    clickMap([project, road], click);
    expect(selectedName()).toBe('崂山路');
    expect(sidePanel.value).toBe('layers');
    expect(selectedProjectCode.value).toBeNull();
  });

  it('a project alone under the cursor shows in the details panel, without switching to the projects panel', () => {
    clickMap([project], click);
    expect(selectedFeature.value?.collectionId).toBe('projects');
    expect(sidePanel.value).toBe('layers');
  });

  it('nothing under the cursor clears the selection', () => {
    clickMap([water], click);
    clickMap([], click);
    expect(selectedFeature.value).toBeNull();
  });
});

describe('the active task decides first', () => {
  it('with the projects panel open, the project on the road opens in the panel', () => {
    openSidePanel('projects');
    clickMap([road, project], click);
    expect(selectedProjectCode.value).toBe('P02-01');
    expect(selectedFeature.value).toBeNull();
    expect(sidePanel.value).toBe('projects');
  });

  it('with the projects panel open, a facility\'s symbol drawn over a project opens the facility, whose details list its projects', () => {
    openSidePanel('projects');
    clickMap([facility, project, road], click);
    expect(selectedFeature.value?.feature.id).toBe('facility-1');
    expect(selectedProjectCode.value).toBeNull();
  });

  it('with the projects panel open and no project under the cursor, the place opens', () => {
    openSidePanel('projects');
    clickMap([estate, water], click);
    expect(selectedName()).toBe('张家浜');
    expect(sidePanel.value).toBe('projects');
  });

  it('with the life-circle panel open, the estate opens over the road and the walk from the point is asked', () => {
    openSidePanel('coverage');
    clickMap([project, road, estate], click);
    expect(selectedName()).toBe('潍坊八村');
    expect(sidePanel.value).toBe('coverage');
    const walk = fakeFetch.requests.find((request) => new URL(request.url, 'http://dashboard').pathname === '/api/coverage/point');
    expect(new URL(walk!.url, 'http://dashboard').searchParams.get('longitude')).toBe(String(click[0]));
  });

  it('while drawing, a click opens nothing: it belongs to the drawing tools', () => {
    editingSession.value = { sessionNumber: 1, code: null, etag: null, base: null };
    projectForm.value = emptyProjectForm();
    clickMap([project, road, estate], click);
    expect(selectedFeature.value).toBeNull();
    expect(selectedProjectCode.value).toBeNull();
    expect(sidePanel.value).toBe('layers');
  });

  it('while linking places, the most specific place under the cursor is linked, never the project', async () => {
    // An editor: the editing actions close the editor of anyone who cannot write.
    session.value = { username: 'editor', role: 'editor', csrfToken: 'token' } as never;
    editingSession.value = { sessionNumber: 2, code: null, etag: null, base: null };
    projectForm.value = emptyProjectForm();
    pickingLinks.value = true;
    clickMap([project, estate, water], click);
    await vi.waitFor(() => expect(projectForm.value?.linked_features).toEqual([{ collection_id: 'waterways', feature_key: String(water.feature.id) }]));
    expect(selectedFeature.value).toBeNull();
  });
});
