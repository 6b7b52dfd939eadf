import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, csrfHeaders, pathParameter, readJson } from './api-client.ts';

/**
 * Bringing an office's file in (POST /api/collections/{id}/import and …/import/preview). The
 * route takes the file itself as the request body, not a form, and its options in the query;
 * the signed-in editor's cookie goes with it, and the CSRF token as a header.
 */

const importRoute = api.collections[':collectionId'].import;

/** The options of an import, as the route's query takes them (format, crs, layer, columns, replace…). */
export type ImportOptions = NonNullable<InferRequestType<typeof importRoute.preview.$post>['query']>;
/** What an import would do, and every row with its problems: the preview's answer. */
export type ImportPreviewAnswer = InferResponseType<typeof importRoute.preview.$post, 200>;
export type ImportPreviewRow = ImportPreviewAnswer['features'][number];
export type ImportReportAnswer = ImportPreviewAnswer['report'];

// The file goes as it is on disk; its type tells the server nothing the file name does not.
const sendFile = (file: Blob, csrfToken: string | undefined) => ({
  init: { body: file, credentials: 'same-origin', headers: { 'content-type': 'application/octet-stream', ...csrfHeaders(csrfToken) } },
}) as const;

/** Reads and checks the file exactly as the import would, and writes nothing. */
export function previewImport(collectionId: string, file: Blob, options: ImportOptions, csrfToken: string | undefined): Promise<ImportPreviewAnswer> {
  return readJson(importRoute.preview.$post({ param: { collectionId: pathParameter(collectionId) }, query: options }, sendFile(file, csrfToken)));
}

/**
 * Writes the file's rows into the collection in one transaction. A refused file (bad rows,
 * rows that land elsewhere: 422; a file that cannot be read: 400) throws its ApiError, whose
 * Chinese message says why; nothing is written then.
 */
export async function importIntoCollection(collectionId: string, file: Blob, options: ImportOptions, csrfToken: string | undefined): Promise<ImportReportAnswer> {
  const answer = await readJson(importRoute.$post({ param: { collectionId: pathParameter(collectionId) }, query: { ...options, dryRun: undefined } }, sendFile(file, csrfToken)));
  // Without dryRun the route answers the report itself (with it, the preview): tell them apart by shape.
  return 'report' in answer ? answer.report : answer;
}
