import { OpenAPIHono, type RouteConfig, type RouteHandler, type z } from '@hono/zod-openapi';
import type { Handler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { RequestError } from '../errors.ts';

/**
 * A sub-app whose request validation failures answer 400 with the schema's own messages,
 * naming the parameter, instead of zod's raw issue list: thrown as a RequestError, so that
 * server/errors.ts writes them with the one error body. A message in Chinese comes from the
 * schema's `params.zh` where it gives one.
 */
export function createRouter() {
  return new OpenAPIHono({
    defaultHook: (result) => {
      if (result.success) return;
      const issues = result.error.issues;
      const describe = (issue: (typeof issues)[number]) =>
        (issue.path.length > 0 && !issue.message.startsWith(String(issue.path[0])) ? `${issue.path.join('.')}: ${issue.message}` : issue.message);
      const message = issues.map(describe).join('; ');
      const chinese = issues.map((issue) => (issue as { params?: { zh?: string } }).params?.zh).filter((text) => text !== undefined);
      throw new RequestError(400, 'InvalidParameterValue', message, chinese.length === issues.length ? chinese.join('；') : `请求参数有误：${message}`);
    },
  });
}

/** The body limit of the routes that do not set their own. */
export const defaultBodyBytes = 2 * 1024 * 1024;

/**
 * A route's limit on its request body: 413 before more than `maxBytes` are read (at once when
 * Content-Length says more). `message` and `messageZh` say what to do instead, where the route
 * has advice (simplify the geometry, split the file). The rest of a refused body is read and
 * thrown away afterwards by `finishReadingBody`, so that the connection can carry the next request.
 */
export function limitBody(maxBytes: number, message = `The request body is larger than ${describeBytes(maxBytes)}`, messageZh = `请求内容超过 ${describeBytes(maxBytes)}`) {
  return createMiddleware(async (context, next) => {
    const request = context.req.raw;
    if (!request.body) return next();
    const refusal = new RequestError(413, 'PayloadTooLarge', message, messageZh);
    const declaredBytes = declaredLengthOf(request.headers);
    if (declaredBytes !== undefined) {
      if (declaredBytes > maxBytes) throw refusal;
      return next();
    }
    // Chunked: counted as it arrives. On refusal the reader lets go, so that the rest can be read.
    const reader = request.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) {
        reader.releaseLock();
        throw refusal;
      }
      chunks.push(value);
    }
    const body = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      body.set(chunk, offset);
      offset += chunk.length;
    }
    context.req.raw = new Request(request, { body });
    await next();
  });
}

/** The length a request's Content-Length declares; undefined when the body is chunked or the header is missing or not a number. */
function declaredLengthOf(headers: Headers): number | undefined {
  if (headers.has('transfer-encoding')) return undefined;
  const declared = headers.get('content-length');
  return declared !== null && /^\d+$/.test(declared.trim()) ? Number(declared) : undefined;
}

/**
 * How much of a request body that was answered without being read (a 413, 415, 401…) the server
 * still reads and throws away: up to this, the connection stays open for the client's next
 * request; beyond it the answer says `Connection: close` and the connection ends after it.
 */
export const unreadBodyBytes = 16 * 1024 * 1024;

/**
 * Reads to its end the body of a request answered before its body was read. HTTP/1.1 carries
 * the next request on the same connection only after the whole of this one: a server that
 * answers 413 with keep-alive and then stops reading leaves the client's next request without an
 * answer (@hono/node-server gives up on an unread body after 500 ms and drops the connection). A
 * body too large to read is answered with `Connection: close`, so the client knows to reconnect.
 */
export const finishReadingBody = createMiddleware(async (context, next) => {
  await next();
  const request = context.req.raw;
  // A locked body is being read, or was read, by a route (c.req.json() keeps its reader).
  if (request.method === 'GET' || request.method === 'HEAD' || !request.body || request.body.locked) return;
  const declaredBytes = declaredLengthOf(request.headers);
  if (declaredBytes !== undefined && declaredBytes > unreadBodyBytes) {
    context.header('Connection', 'close');
    return;
  }
  // Also a body left part-read (limitBody's chunked count): its reader let go, the rest follows.
  const reader = request.body.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.length;
      if (size > unreadBodyBytes) {
        context.header('Connection', 'close');
        await reader.cancel();
        return;
      }
    }
  } catch {
    // The client went away while sending: there is no connection left to keep.
  }
});

const limitWriteBody = limitBody(defaultBodyBytes);
/** Content types a JSON write may carry: JSON, GeoJSON (RFC 7946) and JSON merge patch (RFC 7396). */
const jsonWriteTypes = /^application\/(json|geo\+json|merge-patch\+json)\s*(;|$)/i;

/** Content types of a form (an HTML form's submission): never a file's own bytes. */
const formTypes = /^(multipart\/form-data|application\/x-www-form-urlencoded)\s*(;|$)/i;

/**
 * Every write but an import (which takes files, under limits of its own) is bounded at
 * `defaultBodyBytes` first, then must be JSON: a body of another type answers 415 (OGC API -
 * Features Part 4) before any route reads it. Writes without a body are left to their routes.
 * An import's body is the file itself, of any type or none (a browser sends a .geojson or
 * .gpkg file without one): its format comes from `format`, the file name, the type or its first
 * bytes. Only a form is refused there (415), because the file inside it would be read as the file.
 */
export const requireJsonWrites = createMiddleware(async (context, next) => {
  const { method } = context.req;
  if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH') return next();
  const contentType = context.req.header('content-type')?.trim() ?? '';
  if (/\/import(\/|$)/.test(context.req.path)) {
    if (formTypes.test(contentType)) {
      throw new RequestError(415, 'UnsupportedMediaType', 'Send the file itself as the raw request body (e.g. fetch(url, { body: file })), not as a form',
        '请将文件本身作为请求体发送，而不是以表单方式上传');
    }
    return next();
  }
  return limitWriteBody(context, async () => {
    const hasBody = context.req.header('transfer-encoding') !== undefined || Number(context.req.header('content-length') ?? 0) > 0;
    if (hasBody && !jsonWriteTypes.test(contentType)) {
      throw new RequestError(415, 'UnsupportedMediaType',
        `Send the body as application/json or application/geo+json${method === 'PATCH' ? ' (or application/merge-patch+json)' : ''}, not ${contentType || 'without a Content-Type'}`,
        `请以 application/json 或 application/geo+json 格式发送请求内容（当前为 ${contentType || '未注明类型'}）`);
    }
    await next();
  });
});

function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${Math.round(bytes / 1024)} kB`;
}

/** The absolute URL of /api for the request, so that links work from any host name. */
export function apiRootOf(requestUrl: string): string {
  const url = new URL(requestUrl);
  return `${url.origin}/api`;
}

/** GeoJSON answers say so in their content type (RFC 7946). */
export const geoJsonType = 'application/geo+json';

/**
 * A JSON request body the route reads and checks itself (its own 400 for text that is not a
 * JSON object, its own 422 naming each field): documented in the OpenAPI document by the
 * registered schema `schemaName`, but not validated by zod-openapi, which would answer first
 * with messages of its own.
 */
export function documentedJsonBody(schemaName: string, contentTypes: readonly string[], description?: string) {
  const schema = { $ref: `#/components/schemas/${schemaName}` };
  return { required: true, description, content: Object.fromEntries(contentTypes.map((contentType) => [contentType, { schema }])) };
}

/**
 * The input of a route with a documentedJsonBody: the route's validated parts plus the JSON
 * body, so that `hc` types the body it sends although the handler parses it itself.
 */
export type InputWithJsonBody<Route extends RouteConfig, Body extends z.ZodType> =
  (RouteHandler<Route> extends Handler<any, any, infer Input, any> ? Input : never) & { in: { json: z.input<Body> }; out: { json: z.output<Body> } };
