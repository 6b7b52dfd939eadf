import { describe, expect, it } from 'vitest';
import type { PlaceCollection, PlaceFeature } from '../../../client/api/collections.ts';
import {
  countProjectsByYear, emptyProjectFilter, filterProjects, groupProjectsByAction, indexFeatures, isActiveInYear, isProjectFilterEmpty, leadUnitsOf,
  linkedPlaceNames, linkedPlaceNamesOf, projectPropertiesOf, projectsLinkedTo, projectStateOn, unverifiedStatusFilter,
} from '../../../client/model/filter-projects.ts';

const point = { type: 'Point' as const, coordinates: [121.52, 31.22] };
const place = (id: string, name: string): PlaceFeature => ({ type: 'Feature', id, geometry: point, properties: { name } });
const places: Record<string, PlaceCollection> = {
  neighbourhoods: { type: 'FeatureCollection', features: [place('estate-4', '潍坊四村'), place('estate-8', '潍坊八村')] },
  roads: { type: 'FeatureCollection', features: [place('road-1', '崂山路'), place('road-2', '崂山路')] },
};

function project(code: string, overrides: Record<string, unknown> = {}): PlaceFeature {
  return {
    type: 'Feature', id: code, geometry: point,
    properties: {
      code, title_zh: `项目${code}`, action: 'built_form', item: 6, lead_unit: '城建中心（房管办）', partner_units: [], status: 'in_progress',
      start_date: '2023-01-29', end_date: '2025-12-31', progress_percent: 40, budget_ten_thousand_yuan: null, description: '', linked_features: [],
      assumptions: [], version: 1, ...overrides,
    },
  };
}

const today = '2026-11-27';
const index = indexFeatures({ ...places, projects: { type: 'FeatureCollection', features: [project('ignored')] } });
const projects = [
  project('P06-1', { title_zh: '潍坊四村美丽家园', linked_features: [{ collection_id: 'neighbourhoods', feature_key: 'estate-4' }] }),
  project('P07-2', { item: 7, title_zh: '美食崂山', description: '崂山路街区景观', linked_features: [{ collection_id: 'roads', feature_key: 'road-1' }, { collection_id: 'roads', feature_key: 'road-2' }] }),
  project('P01-1', { action: 'party_building', item: 1, lead_unit: '党建办', status: 'completed', progress_percent: 100, start_date: '2022-03-01', end_date: '2022-12-31' }),
  project('P13-1', { action: 'safety', item: 13, status: 'planned', progress_percent: 0, start_date: '2026-01-01', end_date: '2026-06-30', linked_features: [{ collection_id: 'neighbourhoods', feature_key: 'estate-missing' }] }),
];
const codes = (features: PlaceFeature[]) => features.map((feature) => feature.id);

describe('isActiveInYear', () => {
  it('counts a project in every year it overlaps, ends included', () => {
    const dates = { start_date: '2023-01-29', end_date: '2025-01-01' };
    expect([2022, 2023, 2024, 2025, 2026].map((year) => isActiveInYear(dates, year))).toEqual([false, true, true, true, false]);
    expect(isActiveInYear({ start_date: '2024-12-31', end_date: '2024-12-31' }, 2024)).toBe(true);
  });
});

describe('filterProjects', () => {
  it('keeps everything with no filter', () => {
    expect(isProjectFilterEmpty(emptyProjectFilter)).toBe(true);
    expect(codes(filterProjects(projects, emptyProjectFilter, null, index, today))).toEqual(['P06-1', 'P07-2', 'P01-1', 'P13-1']);
  });

  it('filters by recorded status, and by the status derived for a past date', () => {
    expect(codes(filterProjects(projects, { ...emptyProjectFilter, status: 'completed' }, null, index, today))).toEqual(['P01-1']);
    // On 2022-06-01 the completed project was still running and the 2023 ones had not started.
    expect(codes(filterProjects(projects, { ...emptyProjectFilter, status: 'in_progress' }, '2022-06-01', index, today))).toEqual(['P01-1']);
    expect(codes(filterProjects(projects, { ...emptyProjectFilter, status: 'planned' }, '2022-06-01', index, today))).toEqual(['P06-1', 'P07-2', 'P13-1']);
  });

  it('filters by year, lead unit and linked place name (a road of several segments is one place)', () => {
    expect(codes(filterProjects(projects, { ...emptyProjectFilter, year: 2022 }, null, index, today))).toEqual(['P01-1']);
    expect(codes(filterProjects(projects, { ...emptyProjectFilter, year: 2026 }, null, index, today))).toEqual(['P13-1']);
    expect(codes(filterProjects(projects, { ...emptyProjectFilter, leadUnit: '党建办' }, null, index, today))).toEqual(['P01-1']);
    expect(codes(filterProjects(projects, { ...emptyProjectFilter, place: '崂山路' }, null, index, today))).toEqual(['P07-2']);
    expect(codes(filterProjects(projects, { ...emptyProjectFilter, place: '潍坊八村' }, null, index, today))).toEqual([]);
  });

  it('searches title, code, description, item name and linked place names, ignoring case and spaces', () => {
    expect(codes(filterProjects(projects, { ...emptyProjectFilter, text: ' 四村 ' }, null, index, today))).toEqual(['P06-1']);
    expect(codes(filterProjects(projects, { ...emptyProjectFilter, text: 'p07' }, null, index, today))).toEqual(['P07-2']);
    expect(codes(filterProjects(projects, { ...emptyProjectFilter, text: '街区景观' }, null, index, today))).toEqual(['P07-2']);
    expect(codes(filterProjects(projects, { ...emptyProjectFilter, text: '楼宇党建' }, null, index, today))).toEqual(['P01-1']);
    expect(codes(filterProjects(projects, { ...emptyProjectFilter, text: '崂山路' }, null, index, today))).toEqual(['P07-2']);
  });

  it('combines filters', () => {
    expect(codes(filterProjects(projects, { ...emptyProjectFilter, year: 2024, text: '潍坊' }, null, index, today))).toEqual(['P06-1']);
  });
});

describe('groupProjectsByAction', () => {
  it('gives the six actions in the plan\'s order, each sorted by item then code', () => {
    const groups = groupProjectsByAction([...projects].reverse());
    expect(groups.map((group) => group.action.key)).toEqual(['party_building', 'built_form', 'functions', 'governance', 'safety', 'culture']);
    expect(groups.map((group) => group.projects.length)).toEqual([1, 2, 0, 0, 1, 0]);
    expect(codes(groups[1].projects)).toEqual(['P06-1', 'P07-2']);
  });
});

describe('countProjectsByYear', () => {
  it('counts running projects per year and action', () => {
    const counts = countProjectsByYear(projects);
    expect(counts.map((year) => year.year)).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(counts.map((year) => year.total)).toEqual([1, 2, 2, 2, 1]);
    expect(counts[0].byAction.party_building).toBe(1);
    expect(counts[4].byAction.safety).toBe(1);
  });
});

describe('linked places', () => {
  it('resolves links to loaded places by key, names each place once, and skips missing ones', () => {
    expect(linkedPlaceNamesOf(projectPropertiesOf(projects[1]), index)).toEqual(['崂山路']);
    expect(linkedPlaceNamesOf(projectPropertiesOf(projects[3]), index)).toEqual([]);
    expect(linkedPlaceNames(projects, index)).toEqual(['崂山路', '潍坊四村'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  });

  it('finds the projects linked to a place', () => {
    expect(codes(projectsLinkedTo(projects, 'roads', 'road-2'))).toEqual(['P07-2']);
    expect(codes(projectsLinkedTo(projects, 'neighbourhoods', 'estate-8'))).toEqual([]);
  });

  it('lists the lead units once', () => {
    expect(leadUnitsOf(projects).sort()).toEqual(['党建办', '城建中心（房管办）'].sort());
  });
});

describe('projects whose status is an assumption', () => {
  const seeded = project('P09-9', { status: 'in_progress', progress_percent: 0, start_date: '2023-01-29', end_date: '2025-12-31', assumptions: ['status', 'start_date', 'end_date'] });
  const recorded = project('P09-8', { status: 'in_progress', progress_percent: 0, start_date: '2023-01-29', end_date: '2025-12-31', assumptions: ['start_date'] });
  it('shows them unverified, not overdue, and the unverified filter keeps exactly them', () => {
    expect(projectStateOn(projectPropertiesOf(seeded), null, today)).toMatchObject({ status: 'in_progress', overdue: false, statusUnverified: true });
    expect(projectStateOn(projectPropertiesOf(recorded), null, today)).toMatchObject({ overdue: true, statusUnverified: false });
    const all = [...projects, seeded, recorded];
    expect(codes(filterProjects(all, { ...emptyProjectFilter, status: unverifiedStatusFilter }, null, index, today))).toEqual(['P09-9']);
    // Its status still filters as its status.
    expect(codes(filterProjects(all, { ...emptyProjectFilter, status: 'in_progress' }, null, index, today))).toContain('P09-9');
    // On a past date too: unverified does not depend on the date.
    expect(codes(filterProjects(all, { ...emptyProjectFilter, status: unverifiedStatusFilter }, '2024-06-30', index, today))).toEqual(['P09-9']);
  });
});

describe('projectStateOn', () => {
  it('says when a status was derived from dates', () => {
    const properties = projectPropertiesOf(projects[0]);
    expect(projectStateOn(properties, null, today)).toMatchObject({ status: 'in_progress', progressPercent: 40, derived: false, overdue: true, statusUnverified: false });
    expect(projectStateOn(properties, '2022-06-01', today)).toMatchObject({ status: 'planned', derived: true });
    expect(projectStateOn(properties, '2027-01-01', today).derived).toBe(false);
  });
});
