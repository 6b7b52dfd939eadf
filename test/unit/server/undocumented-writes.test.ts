import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { findUndocumentedWrites } from '../../../server/describe-api.ts';

describe('findUndocumentedWrites', () => {
  it('names a write added outside the OpenAPI document, and not the documented ones or the reads', () => {
    const app = new OpenAPIHono();
    app.openapi(
      createRoute({ method: 'patch', path: '/things/{thingId}', request: { params: z.object({ thingId: z.string() }) }, responses: { 200: { description: 'Changed' } } }),
      (context) => context.body(null, 200),
    );
    app.get('/plain-read', (context) => context.text('read'));
    expect(findUndocumentedWrites(app)).toEqual([]);
    app.delete('/things/:thingId', (context) => context.body(null, 204));
    expect(findUndocumentedWrites(app)).toEqual(['DELETE /things/{thingId}']);
  });
});
