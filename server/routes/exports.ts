import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { todayInShanghai } from '../contract/as-of.ts';
import { ExportQuery, exportDatasets, exportFormats, renovationStatuses, unknownCommittee, type ExportDataset, type ExportFormat } from '../contract/leaders.ts';
import { ErrorBody } from '../contract/ogc.ts';
import { projectActionKeys, projectStatuses } from '../contract/projects.ts';
import type { Database } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import {
  coverageColumns, coverageRows, estateColumns, facilityColumns, projectColumns, tableToCsv, tableToFeatureCollection,
  type ExportTable,
} from '../leaders/export-tables.ts';
import { coverageQuestion, projectMap, readFacilitiesNotOpen } from '../leaders/compute-leaders-summary.ts';
import { decideFacilityOpen } from '../leaders/facilities-open-as-of.ts';
import { listProjectStates } from '../leaders/summarise-projects.ts';
import { summariseRenovation } from '../leaders/summarise-renovation.ts';
import { attachmentDisposition } from '../leaders/write-csv.ts';
import { readFacilityInputs, readFeatureGeometries, readProjectGeometries, readProjectInputs } from '../queries/leaders.ts';
import { listRenovationRecords } from '../queries/renovation.ts';
import type { WalkingAnalysis } from '../services/walking-analysis.ts';
import { readAsOf } from './leaders.ts';
import { createRouter } from './router.ts';

const datasetNamesZh: Record<ExportDataset, string> = { estates: '小区改造', projects: '行动计划项目', facilities: '设施', coverage: '生活圈覆盖' };

function refuse(parameter: string, value: string, allowed: readonly string[]): never {
  throw new RequestError(400, 'InvalidParameterValue', `${parameter} must be one of ${allowed.join(', ')} (got "${value}")`, `参数 ${parameter} 必须是以下之一：${allowed.join('、')}（收到“${value}”）`);
}

/**
 * Exports of the leaders' view as CSV (UTF-8 with BOM, Chinese header row, RFC 4180) and GeoJSON
 * (RFC 7946), on a date and with simple filters. An empty selection is a valid empty file.
 * Excel (.xlsx) is not offered: it would need a new package; the CSV opens in Excel.
 */
export function createExportRoutes(database: Database, analysis: WalkingAnalysis) {
  const router = createRouter();
  router.openAPIRegistry.registerPath(createRoute({
    method: 'get', path: '/exports/{file}',
    summary: 'Export estates (with renovation), projects, facilities or coverage as CSV or GeoJSON: /exports/estates.csv, /exports/projects.geojson …',
    request: { params: z.object({ file: z.string().openapi({ param: { name: 'file', in: 'path' }, example: 'estates.csv' }) }), query: ExportQuery },
    responses: {
      200: { description: 'text/csv (UTF-8 with BOM) or application/geo+json, as an attachment', content: { 'text/csv': { schema: z.string() }, 'application/geo+json': { schema: z.object({}).passthrough() } } },
      400: { description: 'A bad date or filter', content: { 'application/json': { schema: ErrorBody } } },
      404: { description: 'No such dataset or format', content: { 'application/json': { schema: ErrorBody } } },
    },
  }));

  router.on('GET', '/exports/:file', async (context: Context) => {
    const file = context.req.param('file') ?? '';
    const match = /^([a-z]+)\.([a-z]+)$/.exec(file);
    const dataset = match?.[1] as ExportDataset | undefined;
    const format = match?.[2] as ExportFormat | undefined;
    if (!dataset || !format || !(exportDatasets as readonly string[]).includes(dataset) || !(exportFormats as readonly string[]).includes(format)) {
      throw new RequestError(404, 'NotFound',
        `There is no export "${file}": ask for {${exportDatasets.join('|')}}.{${exportFormats.join('|')}}, e.g. estates.csv`,
        `没有导出文件“${file}”：可导出 ${exportDatasets.join('、')}，格式 csv 或 geojson，如 estates.csv`);
    }
    const asOf = readAsOf(context.req.query('asOf'));
    const parsed = ExportQuery.safeParse({ ...context.req.query(), asOf });
    if (!parsed.success) {
      const message = parsed.error.issues.map((issue) => issue.message).join('; ');
      throw new RequestError(400, 'InvalidParameterValue', message, `请求参数有误：${message}`);
    }
    const query = parsed.data;
    const today = todayInShanghai();
    const table = await buildTable(dataset, query, asOf, today);
    const baseName = `${dataset}-${asOf}`;
    const unicodeName = `潍坊新村-${datasetNamesZh[dataset]}-${asOf}`;
    if (format === 'csv') {
      return context.body(tableToCsv(table), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': attachmentDisposition(`lifecircle-${baseName}.csv`, `${unicodeName}.csv`),
      });
    }
    const collection = tableToFeatureCollection(table, { name: unicodeName, asOf });
    return context.body(JSON.stringify(collection), 200, {
      'content-type': 'application/geo+json',
      'content-disposition': attachmentDisposition(`lifecircle-${baseName}.geojson`, `${unicodeName}.geojson`),
    });
  });

  async function buildTable(dataset: ExportDataset, query: ExportQuery, asOf: string, today: string): Promise<ExportTable<any>> {
    if (dataset === 'estates') {
      if (query.status && !(renovationStatuses as readonly string[]).includes(query.status)) refuse('status', query.status, renovationStatuses);
      const records = await listRenovationRecords(database);
      const states = new Map(summariseRenovation(records, asOf, today).estates.map((state) => [state.estateKey, state]));
      const chosen = records.filter((record) => (!query.committee || record.residentsCommittee === query.committee)
        && (!query.status || states.get(record.estateKey)!.status === query.status));
      const geometries = await readFeatureGeometries(database, 'neighbourhoods', chosen.map((record) => record.estateKey));
      return {
        columns: estateColumns(asOf),
        rows: chosen.map((record) => ({ record, state: states.get(record.estateKey)!, geometry: geometries.get(record.estateKey) ?? null })),
        feature: (row) => ({ id: row.record.estateKey, geometry: row.geometry }),
      };
    }
    if (dataset === 'projects') {
      if (query.status && !(projectStatuses as readonly string[]).includes(query.status)) refuse('status', query.status, projectStatuses);
      if (query.action && !(projectActionKeys as readonly string[]).includes(query.action)) refuse('action', query.action, projectActionKeys);
      const states = listProjectStates(await readProjectInputs(database), asOf, today).filter((project) =>
        (!query.action || project.action === query.action) && (!query.item || project.item === Number(query.item))
        && (!query.status || project.status === query.status) && (!query.leadUnit || project.leadUnit === query.leadUnit));
      const geometries = await readProjectGeometries(database, states.map((project) => project.code));
      return {
        columns: projectColumns(asOf),
        rows: states.map((project) => ({ project, geometry: geometries.get(project.code) ?? null })),
        feature: (row) => ({ id: row.project.code, geometry: row.geometry }),
      };
    }
    if (dataset === 'facilities') {
      if (query.status && !['open', 'not_open'].includes(query.status)) refuse('status', query.status, ['open', 'not_open']);
      const [facilities, projects] = await Promise.all([readFacilityInputs(database), readProjectInputs(database)]);
      const projectsByCode = projectMap(projects);
      const rows = facilities
        .map((facility) => ({ facility, opening: decideFacilityOpen(facility, projectsByCode, asOf, today) }))
        .filter(({ facility, opening }) => (!query.facilityType || facility.facilityType === query.facilityType)
          && (!query.status || opening.open === (query.status === 'open')));
      const geometries = await readFeatureGeometries(database, 'facilities', rows.map(({ facility }) => facility.key));
      return {
        columns: facilityColumns(asOf),
        rows: rows.map(({ facility, opening }) => ({
          key: facility.key, name: facility.name, facilityType: facility.facilityType, placeholder: facility.placeholder,
          source: facility.source, confidence: facility.confidence, projectCode: facility.projectCode, opening, geometry: geometries.get(facility.key) ?? null,
        })),
        feature: (row) => ({ id: row.key, geometry: row.geometry }),
      };
    }
    // coverage: the walking analysis over the facilities open on the date, per estate and group.
    const [notOpen, records] = await Promise.all([readFacilitiesNotOpen(database, asOf, today), listRenovationRecords(database)]);
    const coverage = await analysis.coverage({ ...coverageQuestion, excludedFacilityKeys: notOpen });
    const committees = new Map(records.map((record) => [record.estateKey, record.residentsCommittee]));
    const rows = coverageRows(coverage, committees, unknownCommittee).filter((row) => !query.committee || row.residentsCommittee === query.committee);
    const geometries = await readFeatureGeometries(database, 'neighbourhoods', [...new Set(rows.map((row) => row.estateKey))]);
    return {
      columns: coverageColumns(asOf),
      rows: rows.map((row) => ({ ...row, geometry: geometries.get(row.estateKey) ?? null })),
      feature: (row) => ({ id: `${row.estateKey}/${row.groupKey}`, geometry: row.geometry }),
    };
  }

  return router;
}
