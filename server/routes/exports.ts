import { createRoute, z } from '@hono/zod-openapi';
import { resolveAsOf } from '../as-of/as-of-query.ts';
import { errorAnswer } from '../contract/errors.ts';
import { ExportFeatureCollection, ExportQuery, exportDatasets, exportFormats, type ExportDataset, type ExportFormat } from '../contract/exports.ts';
import { todayInShanghai } from '../contract/vocabulary/as-of.ts';
import type { Database } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import { buildExportTable } from '../exports/build-export-table.ts';
import { tableToCsv, tableToFeatureCollection, tableToXlsx } from '../exports/export-tables.ts';
import { attachmentDisposition } from '../exports/write-csv.ts';
import type { WalkingAnalysis } from '../services/walking-analysis.ts';
import { createRouter, geoJsonType } from './router.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const exportSourceZh = 'lifecircle 潍坊新村街道生活圈仪表盘导出；每行的“数据来源”列说明该行的来源，“假设”“占位”等字样表示尚未核实的数据。';

const datasetNamesZh: Record<ExportDataset, string> = { estates: '小区改造', projects: '行动计划项目', facilities: '设施', coverage: '生活圈覆盖' };

/**
 * Exports of the leaders' view, mounted at /exports, as CSV (UTF-8 with BOM, Chinese header row,
 * RFC 4180), Excel (.xlsx, the same header row, and a 说明 sheet) and GeoJSON (RFC 7946), on a
 * date and with simple filters. An empty selection is a valid empty file.
 */
export function createExportRoutes(database: Database, analysis: WalkingAnalysis) {
  return createRouter().openapi(
    createRoute({
      method: 'get', path: '/{file}',
      summary: 'Export estates (with renovation), projects, facilities or coverage as CSV, Excel or GeoJSON: /exports/estates.csv, /exports/estates.xlsx, /exports/projects.geojson …',
      request: { params: z.object({ file: z.string().max(100, 'file must be at most 100 characters').openapi({ param: { name: 'file', in: 'path' }, example: 'estates.csv' }) }), query: ExportQuery },
      responses: {
        200: {
          description: 'text/csv (UTF-8 with BOM), an Excel workbook or application/geo+json, as an attachment',
          content: { 'text/csv': { schema: z.string() }, [xlsxType]: { schema: z.string().openapi({ format: 'binary' }) }, [geoJsonType]: { schema: ExportFeatureCollection } },
        },
        400: errorAnswer('A bad date or filter'),
        404: errorAnswer('No such dataset or format'),
      },
    }),
    async (context) => {
      const { file } = context.req.valid('param');
      const match = /^([a-z]+)\.([a-z]+)$/.exec(file);
      const dataset = exportDatasets.find((candidate) => candidate === match?.[1]);
      const format = exportFormats.find((candidate) => candidate === match?.[2]);
      if (!dataset || !format) {
        throw new RequestError(404, 'NotFound',
          `There is no export "${file}": ask for {${exportDatasets.join('|')}}.{${exportFormats.join('|')}}, e.g. estates.csv`,
          `没有导出文件“${file}”：可导出 ${exportDatasets.join('、')}，格式 ${exportFormats.join('、')}，如 estates.csv`);
      }
      const query = context.req.valid('query');
      const today = todayInShanghai();
      const asOf = resolveAsOf(query.asOf, today);
      const table = await buildExportTable(database, analysis, dataset, query, asOf, today);
      const baseName = `${dataset}-${asOf}`;
      const unicodeName = `潍坊新村-${datasetNamesZh[dataset]}-${asOf}`;
      const disposition = (extension: ExportFormat) => attachmentDisposition(`lifecircle-${baseName}.${extension}`, `${unicodeName}.${extension}`);
      if (format === 'csv') {
        return context.body(tableToCsv(table), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': disposition('csv') });
      }
      if (format === 'xlsx') {
        const workbook = await tableToXlsx(table, { title: unicodeName, sheetName: datasetNamesZh[dataset], asOf, generatedAt: new Date(), source: exportSourceZh });
        return context.body(workbook, 200, { 'content-type': xlsxType, 'content-disposition': disposition('xlsx') });
      }
      return context.json(tableToFeatureCollection(table, { name: unicodeName, asOf }), 200, { 'Content-Type': geoJsonType, 'content-disposition': disposition('geojson') });
    },
  );
}
