import type { OpenAPIHono } from '@hono/zod-openapi';

/**
 * The OpenAPI document of the API, generated when asked from every route mounted by then. Every
 * operation also lists `default`: any route may answer a failure it does not name (a NUL
 * character in the URL, text the database cannot store, our own 500), always with the one
 * error body.
 */
export function describeApi(app: OpenAPIHono) {
  const document = allowNullReferences(app.getOpenAPIDocument({
    openapi: '3.0.3',
    info: { title: 'lifecircle API', version: '0.1.0', description: '潍坊新村街道 15分钟社区生活圈: OGC API - Features over PostGIS' },
  }));
  for (const operations of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = operations[method];
      if (!operation) continue;
      operation.responses.default ??= {
        description: 'Any other failure, with the one error body',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
  }
  return document;
}

const writeMethods = ['POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * The write routes of `app` that its OpenAPI document does not list, as "METHOD /path". The tests'
 * route walk proves from the document that every write refuses anonymous callers and viewers: a
 * write added outside it (a plain `app.post`) would escape the walk, so the server refuses to start
 * with one (createApp).
 */
export function findUndocumentedWrites(app: OpenAPIHono): string[] {
  const documented = new Set(Object.entries(describeApi(app).paths)
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`)));
  return [...new Set(app.routes
    .filter((route) => writeMethods.includes(route.method))
    // Hono writes a path parameter as :name, OpenAPI as {name}.
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`))]
    .filter((write) => !documented.has(write));
}

/**
 * A nullable named schema (a project's `before`, an estate's null geometry…) comes out of the
 * generator as `allOf: [{ $ref }, { nullable: true }]`, which in OpenAPI 3.0.3 does not allow
 * null (`nullable` means nothing without a `type` beside it): written instead as the reference
 * or a null, so that validators and generated clients accept what the API really answers.
 */
function allowNullReferences<Value>(value: Value): Value {
  if (Array.isArray(value)) return value.map(allowNullReferences) as Value;
  if (typeof value !== 'object' || value === null) return value;
  const converted = Object.fromEntries(Object.entries(value).map(([key, member]) => [key, allowNullReferences(member)]));
  const parts = converted.allOf;
  if (Array.isArray(parts) && parts.length === 2 && isNullableMarker(parts[1])) {
    const { allOf: _allOf, ...rest } = converted;
    return { ...rest, anyOf: [parts[0], { type: 'object', nullable: true, enum: [null] }] } as Value;
  }
  return converted as Value;
}

function isNullableMarker(part: unknown): boolean {
  return typeof part === 'object' && part !== null && Object.keys(part).length === 1 && (part as { nullable?: unknown }).nullable === true;
}
