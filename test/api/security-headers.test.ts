import { describe, expect, it } from 'vitest';
import { serversUnderTest } from '../helpers/api.ts';

describe.each(serversUnderTest())('security headers on the $database database', (server) => {
  it.each(['/api/collections', '/api/collections/facilities/items?limit=1', '/api/no-such-thing'])('%s: a content security policy without inline script, no framing, nosniff, a referrer policy', async (path) => {
    const response = await fetch(`${server.url}${path}`);
    const policy = Object.fromEntries((response.headers.get('content-security-policy') ?? '').split(';').map((directive) => {
      const [name, ...values] = directive.trim().split(/\s+/);
      return [name, values];
    }));
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    // MapLibre starts its workers from blob: URLs.
    expect(policy['worker-src']).toContain('blob:');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });
});
