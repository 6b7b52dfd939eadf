import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Context } from 'hono';

const gzipBytes = promisify(gzip);

/**
 * Sends JSON that is already written, in parts of text or UTF-8 bytes (an items page spliced
 * around PostGIS's JSON), as one body of bytes, gzip'd
 * when the client accepts it. zlib compresses on libuv's thread pool, so on a 2-core machine the
 * compression runs beside the event loop instead of in it, and the text is never turned into a
 * web stream (what the general compression middleware does, at several times the cost).
 */
export async function sendJsonText(context: Context, parts: (string | Uint8Array)[], contentType: string): Promise<Response> {
  const plain = Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)));
  const acceptsGzip = /\bgzip\b/i.test(context.req.header('accept-encoding') ?? '');
  const headers: Record<string, string> = { 'content-type': contentType, vary: 'Accept-Encoding' };
  if (!acceptsGzip) return context.body(plain as Uint8Array<ArrayBuffer>, 200, headers);
  headers['content-encoding'] = 'gzip';
  return context.body(await gzipBytes(plain) as Uint8Array<ArrayBuffer>, 200, headers);
}
