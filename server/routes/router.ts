import { OpenAPIHono, type RouteConfig, type RouteHandler, type z } from '@hono/zod-openapi';
import type { Handler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
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
 * A route's limit on its request body: 413 before the rest is read. `message` and `messageZh`
 * say what to do instead, where the route has advice (simplify the geometry, split the file).
 */
export function limitBody(maxBytes: number, message = `The request body is larger than ${describeBytes(maxBytes)}`, messageZh = `请求内容超过 ${describeBytes(maxBytes)}`) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new RequestError(413, 'PayloadTooLarge', message, messageZh);
    },
  });
}

const limitWriteBody = limitBody(defaultBodyBytes);
/** Content types a JSON write may carry: JSON, GeoJSON (RFC 7946) and JSON merge patch (RFC 7396). */
const jsonWriteTypes = /^application\/(json|geo\+json|merge-patch\+json)\s*(;|$)/i;

/**
 * Every write but an import (which takes files, under limits of its own) is bounded at
 * `defaultBodyBytes` first, then must be JSON: a body of another type answers 415 (OGC API -
 * Features Part 4) before any route reads it. Writes without a body are left to their routes.
 */
export const requireJsonWrites = createMiddleware(async (context, next) => {
  const { method } = context.req;
  if ((method !== 'POST' && method !== 'PUT' && method !== 'PATCH') || /\/import(\/|$)/.test(context.req.path)) return next();
  return limitWriteBody(context, async () => {
    const hasBody = context.req.header('transfer-encoding') !== undefined || Number(context.req.header('content-length') ?? 0) > 0;
    const contentType = context.req.header('content-type')?.trim() ?? '';
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
