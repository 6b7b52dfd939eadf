import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { projectStateAsOf } from '../../../server/contract/vocabulary/project-state-as-of.ts';
import { todayInShanghai } from '../../../server/contract/vocabulary/as-of.ts';
import { buildVertexIndex, findNearestVertex } from '../../../client/draw/snap-to-places.ts';
import {
  buildPatchBody, combineDrawnGeometries, compareProjectVersions, emptyProjectForm, formFromProperties, problemsByField, propertiesFromForm,
  sameValue, splitGeometry,
} from '../../../client/model/project-form.ts';

const stored = {
  code: 'P06-9', title_zh: '潍坊四村综合整新', action: 'built_form', item: 6, lead_unit: '城建中心（房管办）', partner_units: ['管理办'],
  status: 'in_progress', start_date: '2023-01-29', end_date: '2025-12-31', progress_percent: 40, budget_ten_thousand_yuan: null,
  description: '', linked_features: [{ collection_id: 'neighbourhoods', feature_key: 'weifang-4' }], assumptions: ['budget_ten_thousand_yuan'],
  version: 3, action_name_zh: '形态改善', created_at: '2026-11-27T08:00:00Z', updated_at: '2026-11-27T08:10:00Z',
};
const square: Geometry = { type: 'Polygon', coordinates: [[[121.51, 31.22], [121.52, 31.22], [121.52, 31.23], [121.51, 31.22]]] };

describe('the project form: values to properties and back', () => {
  it('reads a stored project into text fields and writes the same properties back', () => {
    const form = formFromProperties(stored);
    expect(form.item).toBe('6');
    expect(form.progress_percent).toBe('40');
    expect(form.budget_ten_thousand_yuan).toBe('');
    const properties = propertiesFromForm(form);
    expect(properties).toMatchObject({ item: 6, progress_percent: 40, budget_ten_thousand_yuan: null, partner_units: ['管理办'] });
    expect(properties).not.toHaveProperty('version');
  });

  it('sends empty numbers as null and text that is not a number as typed, for the server to name the field', () => {
    const form = { ...emptyProjectForm(), progress_percent: '', budget_ten_thousand_yuan: 'abc' };
    const properties = propertiesFromForm(form);
    expect(properties.progress_percent).toBeNull();
    expect(properties.budget_ten_thousand_yuan).toBe('abc');
  });

  it('compares values regardless of key order, with a missing value equal to null', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
  });
});

describe('a new project\'s dates', () => {
  it('starts today and ends a year from today once the plan\'s period is over', () => {
    const form = emptyProjectForm('2026-12-05');
    expect([form.start_date, form.end_date]).toEqual(['2026-12-05', '2027-12-05']);
  });

  it('ends with the plan\'s period when that is later than a year from today', () => {
    const form = emptyProjectForm('2024-03-01');
    expect([form.start_date, form.end_date]).toEqual(['2024-03-01', '2025-12-31']);
  });

  it('ends on 28 February a year after a 29 February', () => {
    expect(emptyProjectForm('2028-02-29').end_date).toBe('2029-02-28');
  });

  it('is not overdue (逾期) on the day it is saved, with today\'s date by default', () => {
    const form = emptyProjectForm();
    expect(form.start_date).toBe(todayInShanghai());
    const saved = { status: 'planned' as const, start_date: form.start_date, end_date: form.end_date, progress_percent: 0 };
    expect(projectStateAsOf(saved, null).overdue).toBe(false);
  });
});

describe('the PATCH body', () => {
  it('carries only the fields that differ from the version it is based on', () => {
    const form = { ...formFromProperties(stored), title_zh: '潍坊四村综合整新（二期）', progress_percent: '55' };
    const body = buildPatchBody({ properties: stored, geometry: square }, form, square);
    expect(body).toEqual({ properties: { title_zh: '潍坊四村综合整新（二期）', progress_percent: 55 } });
  });

  it('adds the geometry only when it changed, and is empty when nothing changed', () => {
    const moved: Geometry = { type: 'Polygon', coordinates: [[[121.511, 31.22], [121.52, 31.22], [121.52, 31.23], [121.511, 31.22]]] };
    expect(buildPatchBody({ properties: stored, geometry: square }, formFromProperties(stored), moved)).toEqual({ properties: {}, geometry: moved });
    expect(buildPatchBody({ properties: stored, geometry: square }, formFromProperties(stored), square)).toEqual({ properties: {} });
  });

  it('carries confirmed fields even when unchanged, so that they are recorded and no longer assumed', () => {
    const unchanged = formFromProperties(stored);
    expect(buildPatchBody({ properties: stored, geometry: square }, unchanged, square, ['status', 'end_date'])).toEqual({
      properties: { status: stored.status, end_date: stored.end_date },
    });
    expect(buildPatchBody({ properties: stored, geometry: square }, { ...unchanged, progress_percent: '55' }, square, ['status'])).toEqual({
      properties: { status: stored.status, progress_percent: 55 },
    });
  });

  it('against a newer version ("keep mine") carries every field where mine differs from it', () => {
    const mine = { ...formFromProperties(stored), title_zh: '我的名称' };
    const theirs = { ...stored, status: 'on_hold', description: '他们的说明', budget_ten_thousand_yuan: 120 };
    const body = buildPatchBody({ properties: theirs, geometry: square }, mine, square);
    expect(body.properties).toEqual({ title_zh: '我的名称', status: 'in_progress', description: '', budget_ten_thousand_yuan: null });
  });
});

describe('the server problems by form field', () => {
  it('files each problem under its form field, geometry problems together, the rest as general', () => {
    const byField = problemsByField([
      { field: 'properties.title_zh', message: 'must not be empty', messageZh: '不能为空' },
      { field: 'properties.partner_units.2', message: 'must be a member unit', messageZh: '必须是领导小组成员单位' },
      { field: 'geometry', message: 'is not a valid Polygon', messageZh: '不是有效的图形' },
      { field: 'geometry.coordinates', message: 'has more than 5000 vertices', messageZh: '顶点超过 5000 个' },
      { field: 'properties.colour', message: 'is not a property of a project', messageZh: '不是项目的属性' },
      { field: 'type', message: 'must be "Feature"', messageZh: '必须是 "Feature"' },
    ]);
    expect(Object.keys(byField).sort()).toEqual(['general', 'geometry', 'partner_units', 'title_zh']);
    expect(byField.geometry).toHaveLength(2);
    expect(byField.general.map((problem) => problem.field)).toEqual(['properties.colour', 'type']);
  });
});

describe('drawn shapes as one project geometry', () => {
  const line: Geometry = { type: 'LineString', coordinates: [[121.51, 31.22], [121.52, 31.23]] };
  it('makes one shape a simple geometry and several of a kind a multi-geometry', () => {
    expect(combineDrawnGeometries([square])).toEqual({ geometry: square, mixed: false });
    const two = combineDrawnGeometries([square, square]).geometry;
    expect(two?.type).toBe('MultiPolygon');
    expect(combineDrawnGeometries([line, line]).geometry?.type).toBe('MultiLineString');
    expect(combineDrawnGeometries([{ type: 'Point', coordinates: [121.5, 31.2] }]).geometry).toEqual({ type: 'Point', coordinates: [121.5, 31.2] });
  });

  it('refuses a mix of areas and lines, and has nothing to offer for nothing drawn', () => {
    expect(combineDrawnGeometries([square, line])).toEqual({ geometry: null, mixed: true });
    expect(combineDrawnGeometries([])).toEqual({ geometry: null, mixed: false });
  });

  it('splits a multi-geometry back into shapes, and joins them again to the same geometry', () => {
    const multi: Geometry = { type: 'MultiPolygon', coordinates: [square.coordinates as never, square.coordinates as never] };
    const shapes = splitGeometry(multi);
    expect(shapes).toHaveLength(2);
    expect(combineDrawnGeometries(shapes).geometry).toEqual(multi);
  });
});

describe('two versions side by side', () => {
  it('marks exactly the fields that differ, geometry included', () => {
    const mine = { form: { ...formFromProperties(stored), title_zh: '我的名称' }, geometry: square };
    const theirs = { properties: { ...stored, progress_percent: 60 }, geometry: square };
    const rows = compareProjectVersions(mine, theirs);
    expect(rows.filter((row) => row.differs).map((row) => row.field)).toEqual(['title_zh', 'progress_percent']);
    expect(rows.find((row) => row.field === 'progress_percent')).toMatchObject({ mine: 40, theirs: 60 });
    const moved = compareProjectVersions({ ...mine, geometry: { type: 'Point', coordinates: [121.5, 31.2] } }, theirs);
    expect(moved.find((row) => row.field === 'geometry')?.differs).toBe(true);
  });
});

describe('snapping to the corners of places', () => {
  // A flat projection for the test: 100,000 pixels per degree, y down.
  const project = (longitude: number, latitude: number) => ({ x: (longitude - 121.5) * 100_000, y: (31.3 - latitude) * 100_000 });
  const index = buildVertexIndex([
    { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: square }] },
    { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [121.515, 31.225] } }] },
  ]);

  it('indexes every vertex', () => {
    expect(index.vertexCount).toBe(5);
  });

  it('finds the nearest corner within the pixel distance, and nothing farther', () => {
    const near = { longitude: 121.52004, latitude: 31.22997, ...project(121.52004, 31.22997) };
    expect(findNearestVertex(index, near, project, 100_000, 10)).toEqual([121.52, 31.23]);
    const far = { longitude: 121.5203, latitude: 31.2297, ...project(121.5203, 31.2297) };
    expect(findNearestVertex(index, far, project, 100_000, 10)).toBeNull();
  });

  it('gives up when zoomed so far out that the reach spans many cells', () => {
    const pointer = { longitude: 121.52, latitude: 31.23, ...project(121.52, 31.23) };
    expect(findNearestVertex(index, pointer, project, 1000, 10)).toBeNull();
  });
});
