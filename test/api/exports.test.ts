import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { getJson, serversUnderTest } from '../helpers/api.ts';
import type { ServerUnderTest } from '../helpers/start-servers.ts';

/** RFC 4180 reader: quoted fields with doubled quotes, commas and line breaks inside. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else field += character;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

async function download(server: ServerUnderTest, path: string) {
  const response = await fetch(`${server.url}${path}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', disposition: response.headers.get('content-disposition') ?? '', bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

function readCsv(file: { bytes: Uint8Array; text: string }) {
  expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(file.text.slice(1));
  const width = rows[0].length;
  for (const row of rows) expect(row).toHaveLength(width);
  return { header: rows[0], rows: rows.slice(1) };
}

/** RFC 7946: a FeatureCollection of Features with lon/lat geometries and no crs member. */
function expectValidGeoJson(collection: any) {
  expect(collection.type).toBe('FeatureCollection');
  expect(collection.crs).toBeUndefined();
  expect(Array.isArray(collection.features)).toBe(true);
  const positions = (coordinates: any): number[][] => (typeof coordinates[0] === 'number' ? [coordinates] : coordinates.flatMap(positions));
  for (const feature of collection.features) {
    expect(feature.type).toBe('Feature');
    expect(typeof feature.properties).toBe('object');
    expect(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']).toContain(feature.geometry.type);
    for (const [longitude, latitude] of positions(feature.geometry.coordinates)) {
      expect(Math.abs(longitude)).toBeLessThanOrEqual(180);
      expect(Math.abs(latitude)).toBeLessThanOrEqual(90);
      expect(longitude).toBeGreaterThan(121);
    }
  }
}

describe.each(serversUnderTest())('exports on the $database database', (server) => {
  it('exports every estate with its renovation as CSV (BOM, Chinese header) and GeoJSON that parse back', async () => {
    const records = (await getJson(server, '/api/renovation')).body.estates;
    const csv = await download(server, '/api/exports/estates.csv?asOf=2024-12-31');
    expect(csv.status).toBe(200);
    expect(csv.contentType).toContain('text/csv');
    expect(csv.disposition).toMatch(/^attachment; filename="lifecircle-estates-2024-12-31\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(csv.disposition.split("UTF-8''")[1])).toBe('潍坊新村-小区改造-2024-12-31.csv');
    const { header, rows } = readCsv(csv);
    for (const column of ['小区名称', '居委', '户数', '人口', '综合整新状态', '综合整新年份', '数据来源']) expect(header).toContain(column);
    expect(rows).toHaveLength(records.length);
    const weifang4 = rows.find((row) => row[header.indexOf('小区名称')] === '潍坊四村')!;
    const record = records.find((candidate: any) => candidate.estateName === '潍坊四村');
    expect(Number(weifang4[header.indexOf('户数')])).toBe(record.households);
    expect(weifang4[header.indexOf('示范区')]).toBe('是');

    const summary = (await getJson(server, '/api/leaders/summary?asOf=2024-12-31')).body;
    const doneRows = rows.filter((row) => row[header.indexOf('综合整新状态')] === '已完成');
    expect(doneRows).toHaveLength(summary.renovation.byStatus.done.estates);

    const geojson = await download(server, '/api/exports/estates.geojson?asOf=2024-12-31');
    expect(geojson.contentType).toContain('application/geo+json');
    const collection = JSON.parse(geojson.text);
    expectValidGeoJson(collection);
    expect(collection.features).toHaveLength(records.length);
    expect(collection.features.find((feature: any) => feature.properties.name === '潍坊四村').properties.households).toBe(record.households);
  });

  it('filters by committee and status, and an empty selection is a valid empty file', async () => {
    const records = (await getJson(server, '/api/renovation')).body.estates;
    const committee = records.find((record: any) => record.estateName === '潍坊六村').residentsCommittee;
    const filtered = readCsv(await download(server, `/api/exports/estates.csv?committee=${encodeURIComponent(committee)}`));
    expect(filtered.rows).toHaveLength(records.filter((record: any) => record.residentsCommittee === committee).length);

    const empty = await download(server, `/api/exports/estates.csv?committee=${encodeURIComponent('没有这个居委会')}`);
    expect(empty.status).toBe(200);
    const emptyCsv = readCsv(empty);
    expect(emptyCsv.header).toContain('小区名称');
    expect(emptyCsv.rows).toHaveLength(0);
    for (const dataset of ['estates', 'projects', 'facilities', 'coverage']) {
      const answer = await download(server, `/api/exports/${dataset}.geojson?committee=${encodeURIComponent('没有这个居委会')}&facilityType=none&action=culture&status=${dataset === 'estates' ? 'not_planned' : dataset === 'facilities' ? 'not_open' : 'completed'}&asOf=2022-01-01`);
      expect(answer.status, dataset).toBe(200);
      const collection = JSON.parse(answer.text);
      expectValidGeoJson(collection);
      expect(collection.features, dataset).toHaveLength(0);
    }
    expect((await download(server, '/api/exports/projects.csv?status=done')).status).toBe(400);
    expect((await download(server, '/api/exports/estates.csv?asOf=2024-02-30')).status).toBe(400);
    for (const item of ['0', '00', '17']) expect((await download(server, `/api/exports/projects.csv?item=${item}`)).status).toBe(400);
    expect((await download(server, '/api/exports/projects.csv?item=16')).status).toBe(200);
    expect((await download(server, '/api/exports/estates.pdf')).status).toBe(404);
    expect((await download(server, '/api/exports/roads.csv')).status).toBe(404);
  });

  it('exports projects, facilities and coverage with the figures of the summary', async () => {
    const summary = (await getJson(server, '/api/leaders/summary?asOf=2025-12-31')).body;
    const projects = readCsv(await download(server, '/api/exports/projects.csv?asOf=2025-12-31'));
    expect(projects.header).toEqual(expect.arrayContaining(['项目编号', '项目名称', '专项行动', '牵头单位', '状态', '是否逾期']));
    expect(projects.rows.map((row) => row[0])).toEqual(summary.projects.list.map((project: any) => project.code));
    // Each project says where it came from, as the API's project does.
    const cell = (table: { header: string[]; rows: string[][] }, key: string, column: string) => table.rows.find((row) => row[0] === key)![table.header.indexOf(column)];
    const p0601 = (await getJson(server, '/api/collections/projects/items/P06-01')).body.properties;
    expect([cell(projects, 'P06-01', '数据来源'), cell(projects, 'P06-01', '可信度'), cell(projects, 'P06-01', '来源说明')]).toEqual([p0601.source, p0601.confidence, p0601.source_detail_zh]);
    const culture = readCsv(await download(server, '/api/exports/projects.csv?asOf=2025-12-31&action=culture'));
    expect(culture.rows).toHaveLength(summary.projects.byAction.find((action: any) => action.action === 'culture').total);

    const facilities = readCsv(await download(server, '/api/exports/facilities.csv?asOf=2025-12-31'));
    expect(facilities.rows).toHaveLength(summary.facilities.total);
    // The note on a facility's place is the Chinese one the seed data writes.
    const [firstFacility] = (await getJson(server, '/api/collections/facilities/items?limit=1')).body.features;
    expect(cell(facilities, String(firstFacility.id), '来源说明')).toBe(firstFacility.properties.source_detail_zh);
    const notOpen = readCsv(await download(server, '/api/exports/facilities.csv?asOf=2025-12-31&status=not_open'));
    expect(notOpen.rows.map((row) => row[0]).sort()).toEqual([...summary.facilities.notOpenKeys].sort());
    const facilitiesGeoJson = JSON.parse((await download(server, '/api/exports/facilities.geojson?asOf=2025-12-31')).text);
    expectValidGeoJson(facilitiesGeoJson);
    expect(facilitiesGeoJson.features).toHaveLength(summary.facilities.total);

    const coverage = readCsv(await download(server, '/api/exports/coverage.csv?asOf=2025-12-31'));
    expect(coverage.header).toEqual(expect.arrayContaining(['小区名称', '设施类别', '步行时间（分钟）', '是否在标准距离内']));
    const groups = summary.coverage.groups.length + 1;
    expect(coverage.rows).toHaveLength(summary.renovation.totals.estates * groups);
    // The share of residents within reach of a park, from the file, is the summary's.
    const parkRows = coverage.rows.filter((row) => row[coverage.header.indexOf('设施类别')] === '公园');
    const residents = (rows: string[][]) => rows.reduce((sum, row) => sum + Number(row[coverage.header.indexOf('人口')]), 0);
    const within = parkRows.filter((row) => row[coverage.header.indexOf('是否在标准距离内')] === '是');
    const park = summary.coverage.groups.find((group: any) => group.key === 'park').residentsShare;
    expect(residents(within) / residents(parkRows)).toBeCloseTo(park, 3);
  });

  it('exports every dataset as an Excel workbook with the CSV\'s Chinese header and cells, numbers as numbers and formulas as text', async () => {
    for (const dataset of ['estates', 'projects', 'facilities', 'coverage']) {
      const csv = readCsv(await download(server, `/api/exports/${dataset}.csv?asOf=2024-12-31`));
      const file = await download(server, `/api/exports/${dataset}.xlsx?asOf=2024-12-31`);
      expect(file.status).toBe(200);
      expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(file.disposition).toMatch(/filename\*=UTF-8''.*\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.bytes.buffer as ArrayBuffer);
      const [sheet, about] = workbook.worksheets;
      expect(about.name).toBe('说明');
      expect(about.getCell('B2').value).toBe('2024-12-31');
      const rows: (string | number | null)[][] = [];
      sheet.eachRow({ includeEmpty: true }, (row) => {
        rows.push(Array.from({ length: csv.header.length }, (_, index) => row.getCell(index + 1).value as string | number | null));
      });
      expect(rows[0], dataset).toEqual(csv.header);
      expect(rows.length - 1, `${dataset}: rows`).toBe(csv.rows.length);
      // Cell by cell the CSV's: numbers as numbers, text as text (the CSV's apostrophe guard is not needed, as a cell is never a formula).
      rows.slice(1).forEach((row, rowIndex) => {
        const asCsv = row.map((value) => (value === null ? '' : typeof value === 'number' ? String(value) : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value));
        expect(asCsv, `${dataset} row ${rowIndex + 1}`).toEqual(csv.rows[rowIndex]);
      });
      for (const row of rows.slice(1)) for (const value of row) expect(typeof value === 'object' && value !== null, 'no formula or rich cell').toBe(false);
    }
    const empty = await download(server, `/api/exports/estates.xlsx?committee=${encodeURIComponent('没有这个居委会')}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(empty.bytes.buffer as ArrayBuffer);
    expect(workbook.worksheets[0].rowCount).toBe(1);
    expect((await download(server, '/api/exports/estates.xls')).status).toBe(404);
  });
});
