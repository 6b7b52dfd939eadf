import { describe, expect, it } from 'vitest';
import type { ImportPreviewAnswer } from '../../../client/api/imports.ts';
import {
  boundsOfPreview, chooseColumn, columnSelectsOf, emptyImportForm, formForAnotherFile, importOptionsOf, mappedFields, previewFeaturesOnMap,
  previewTableRows, problemOfForm, targetCollectionOf, writtenCount, type ImportForm,
} from '../../../client/model/import-form.ts';
import { columnFields, importLimits } from '../../../server/contract/vocabulary/import.ts';

// A preview as the route answers it (shape of server/contract/import.ts ImportPreview): an
// Excel list with one row placed exactly, one interpolated, one with coordinates, one not found.
const report: ImportPreviewAnswer['report'] = {
  collectionId: 'facilities', fileName: '设施清单.xlsx', format: 'xlsx', crs: 'wgs84', layers: ['设施清单', '说明'], layer: '设施清单',
  columns: ['序号', '设施名称', '设施类型', '地址'], columnMapping: { name: '设施名称', facility_type: '设施类型', address: '地址' },
  located: { exact: 1, interpolated: 1, street: 0, notFound: 1 }, dryRun: true, loaded: false, complete: false, collectionCreated: false, replaced: false,
  counts: { rows: 4, added: 3, changed: 0, unchanged: 0, removed: 0, bad: 1 }, badRows: [], warnings: [], warningsZh: [],
  message: 'Preview: 3 features would be imported', messageZh: '预览：将导入 3 个要素',
};
const preview: ImportPreviewAnswer = {
  report,
  type: 'FeatureCollection',
  truncated: false,
  features: [
    { type: 'Feature', geometry: { type: 'Point', coordinates: [121.52, 31.22] }, properties: { name: '潍坊社区卫生服务中心', facility_type: '社区卫生服务中心', address: '崂山路639号' },
      row: { location: 'row 4', line: 4, problems: [], matchQuality: 'exact' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [121.53, 31.23] }, properties: { name: '潍坊路小菜场', facility_type: '菜场', address: '潍坊路200号' },
      row: { location: 'row 5', line: 5, problems: [], matchQuality: 'interpolated' } },
    { type: 'Feature', id: 'f-7', geometry: { type: 'Point', coordinates: [121.51, 31.21] }, properties: { name: '已有坐标', capacity: 30 },
      row: { location: 'row 6', line: 6, problems: [] } },
    { type: 'Feature', geometry: null, properties: { name: '外区设施', address: '黄浦区中山南路1号' },
      row: { location: 'row 7', line: 7, problems: [{ message: 'address not found', messageZh: '地址“黄浦区中山南路1号”未找到' }], matchQuality: 'not-found' } },
  ],
};

describe('the import form: what it sends', () => {
  it('starts on 设施 (facilities), adding, with the file\'s own coordinate system and the guessed columns', () => {
    const form = emptyImportForm();
    expect(targetCollectionOf(form)).toBe('facilities');
    expect(importOptionsOf(form, '设施清单.xlsx')).toEqual({ fileName: '设施清单.xlsx' });
  });

  it('sends only what a person chose: the coordinate system, the sheet, the columns, 替换, keep-good-rows, a new layer\'s title', () => {
    let form: ImportForm = { ...emptyImportForm(), coordinateSystem: 'epsg:4549', layer: '说明', replace: true, keepGoodRows: true, target: 'new', newCollectionId: ' surveyed_places ', newCollectionTitle: ' 实测设施 ' };
    form = chooseColumn(chooseColumn(form, 'name', '单位名称'), 'address', '');
    expect(targetCollectionOf(form)).toBe('surveyed_places');
    expect(importOptionsOf(form, 'a.zip')).toEqual({
      fileName: 'a.zip', crs: 'epsg:4549', layer: '说明', columns: '{"name":"单位名称","address":""}', replace: 'true', keepGoodRows: 'true', title: '实测设施',
    });
  });

  it('forgets the columns and the sheet chosen for another file', () => {
    const form = { ...chooseColumn(emptyImportForm(), 'name', '单位名称'), layer: '道路', coordinateSystem: 'gcj02' };
    expect(formForAnotherFile(form)).toEqual({ ...emptyImportForm(), coordinateSystem: 'gcj02' });
  });

  it('says what keeps it from being sent: no file, a file over the limit, a new layer id that is not lower_snake_case', () => {
    const form = emptyImportForm();
    expect(problemOfForm(form, null)).toBe('noFile');
    expect(problemOfForm(form, { size: importLimits.fileBytes + 1 })).toBe('fileTooLarge');
    expect(problemOfForm(form, { size: 100 })).toBeNull();
    expect(problemOfForm({ ...form, target: 'new', newCollectionId: '实测' }, { size: 100 })).toBe('newCollectionId');
    expect(problemOfForm({ ...form, target: 'new', newCollectionId: 'Surveyed' }, { size: 100 })).toBe('newCollectionId');
    expect(problemOfForm({ ...form, target: 'new', newCollectionId: 'surveyed_2026' }, { size: 100 })).toBeNull();
  });
});

describe('the import form: what it shows of a preview', () => {
  it('has a column select for every field of the contract, showing what the preview read ("" for none)', () => {
    expect([...mappedFields].sort()).toEqual([...columnFields].sort());
    const selects = columnSelectsOf(report);
    expect(selects.map((select) => select.field)).toEqual(mappedFields);
    expect(selects.find((select) => select.field === 'address')).toEqual({ field: 'address', column: '地址', columns: report.columns });
    expect(selects.find((select) => select.field === 'longitude')?.column).toBe('');
    expect(columnSelectsOf({ ...report, columns: undefined })).toEqual([]);
  });

  it('lists every row with its name, type, address, how it was placed and its problem', () => {
    expect(previewTableRows(preview)).toEqual([
      { location: 'row 4', name: '潍坊社区卫生服务中心', type: '社区卫生服务中心', address: '崂山路639号', placement: 'exact', problems: [] },
      { location: 'row 5', name: '潍坊路小菜场', type: '菜场', address: '潍坊路200号', placement: 'interpolated', problems: [] },
      { location: 'row 6', name: '已有坐标', type: '', address: '', placement: 'coordinates', problems: [] },
      { location: 'row 7', name: '外区设施', type: '', address: '黄浦区中山南路1号', placement: 'not-found', problems: [{ message: 'address not found', messageZh: '地址“黄浦区中山南路1号”未找到' }] },
    ]);
  });

  it('puts the rows with a place on the map, each with an id, and fits the camera around them', () => {
    const features = previewFeaturesOnMap(preview);
    expect(features.map((feature) => [feature.id, feature.properties.placement, feature.properties.hasProblem])).toEqual([
      ['row-0', 'exact', false], ['row-1', 'interpolated', false], ['f-7', 'coordinates', false],
    ]);
    expect(boundsOfPreview(features)).toEqual([121.51, 31.21, 121.53, 31.23]);
    expect(boundsOfPreview([])).toBeNull();
    // Latitude and longitude swapped: a latitude of 121 is on no map, so the camera does not try to go there.
    const swapped = previewFeaturesOnMap({ ...preview, features: [{ ...preview.features[0], geometry: { type: 'Point', coordinates: [31.22, 121.52] } }] });
    expect(boundsOfPreview(swapped)).toBeNull();
    expect(boundsOfPreview([...features, ...swapped])).toEqual([121.51, 31.21, 121.53, 31.23]);
  });

  it('counts what an import wrote: added, changed and removed', () => {
    expect(writtenCount({ ...report, counts: { ...report.counts, added: 9, changed: 2, removed: 1 } })).toBe(12);
    expect(writtenCount({ ...report, counts: { ...report.counts, added: 0, changed: 0, removed: 0, unchanged: 9 } })).toBe(0);
  });
});
