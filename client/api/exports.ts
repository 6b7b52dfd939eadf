import type { ExportDataset, ExportFormat } from '../../server/contract/exports.ts';
import { api, asOfQuery } from './api-client.ts';

export type { ExportDataset, ExportFormat };

/** The link of an export for the dashboard's as-of date (the server's /api/exports): the browser downloads it. */
export function exportUrl(dataset: ExportDataset, format: ExportFormat, asOf: string | null): string {
  return api.exports[':file'].$path({ param: { file: `${dataset}.${format}` }, query: asOfQuery(asOf) });
}
