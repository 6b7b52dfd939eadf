import { vi } from 'vitest';

/**
 * A fetch for unit tests of actions whose answers the test releases one by one, in any order:
 * what "the older answer arrives last" needs. Each call is recorded with its URL; nothing is
 * answered until the test says so.
 */
export interface PendingRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string | null;
  /** The body as it was given (a file is a Blob), for requests whose body is not text. */
  rawBody: BodyInit | null;
  answer(body: unknown, status?: number, headers?: Record<string, string>): Promise<void>;
}

export function installFakeFetch(): { requests: PendingRequest[]; restore(): void } {
  const requests: PendingRequest[] = [];
  const fake = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> =>
    new Promise((resolve) => {
      requests.push({
        url: String(input),
        method: init.method ?? 'GET',
        headers: new Headers(init.headers),
        body: typeof init.body === 'string' ? init.body : null,
        rawBody: init.body ?? null,
        async answer(body, status = 200, headers = {}) {
          resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } }));
          // Lets the action's awaits after the answer run before the test looks at the state.
          await new Promise((done) => setTimeout(done, 0));
        },
      });
    });
  vi.stubGlobal('fetch', vi.fn(fake));
  return { requests, restore: () => vi.unstubAllGlobals() };
}
