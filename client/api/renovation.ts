import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, csrfHeaders, pathParameter, readJsonAndEtag } from './api-client.ts';

/** The estates' renovation records: read with a strong ETag, edited by JSON merge patch with If-Match. */

const record = api.renovation[':estateKey'];

export type RenovationRecord = InferResponseType<typeof record.$get, 200>;
export type RenovationPatch = InferRequestType<typeof record.$patch>['json'];

/** One estate's renovation record and its ETag, which an edit sends back as If-Match. */
export async function fetchRenovationRecord(estateKey: string): Promise<{ record: RenovationRecord; etag: string }> {
  const { body, etag } = await readJsonAndEtag(record.$get({ param: { estateKey: pathParameter(estateKey) } }));
  return { record: body, etag };
}

/**
 * Edits an estate's renovation record (JSON merge patch), only if it is still the version read.
 * The headers are given whole: hc would otherwise call the body `application/json`.
 */
export async function patchRenovationRecord(estateKey: string, patch: RenovationPatch, etag: string, csrfToken: string): Promise<{ record: RenovationRecord; etag: string }> {
  const { body, etag: newEtag } = await readJsonAndEtag(record.$patch(
    { param: { estateKey: pathParameter(estateKey) }, header: { 'if-match': etag }, json: patch },
    { init: { headers: { 'content-type': 'application/merge-patch+json', 'if-match': etag, ...csrfHeaders(csrfToken) } } },
  ));
  return { record: body, etag: newEtag };
}
