import { hc, type ClientResponse } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { ErrorBody, FieldProblem } from '../../server/contract/errors.ts';
import type { AppType } from '../../server/app.ts';

/**
 * The typed client of the API: `hc<AppType>` takes each route's request and answer from the
 * server's own schemas (`import type` only, so nothing of the server and no zod is bundled).
 * The files beside this one are the only client code that knows the API's paths.
 */
export const api = hc<AppType>('/').api;

export type { FieldProblem };

/**
 * An API answer that was not 2xx: the one error body every route answers (server/errors.ts),
 * with the members that say how to mend the request where the server gave them: per-field
 * `problems` (422), a repaired geometry (422), the version that is current now (412).
 */
export class ApiError extends Error {
  readonly code: string;
  readonly messageZh: string | undefined;
  readonly problems: NonNullable<ErrorBody['problems']>;
  readonly suggestedGeometry: NonNullable<ErrorBody['suggestedGeometry']> | null;
  readonly current: NonNullable<ErrorBody['current']> | null;
  readonly currentVersion: number | null;

  constructor(readonly status: number, body: Partial<ErrorBody>) {
    super(body.message ?? `HTTP ${status}`);
    this.code = body.code ?? `HTTP${status}`;
    this.messageZh = body.messageZh;
    this.problems = body.problems ?? [];
    this.suggestedGeometry = body.suggestedGeometry ?? null;
    this.current = body.current ?? null;
    this.currentVersion = body.currentVersion ?? null;
  }
}

/** The body of a route's successful answers (the JSON ones). */
type SuccessBody<Answer> = Answer extends ClientResponse<infer Body, infer Status, 'json'> ? (Status extends SuccessStatusCode ? Body : never) : never;

type AnyClientResponse = ClientResponse<unknown, number, string>;

/** Throws the answer's error body as an ApiError when it is not 2xx. */
export async function throwUnlessOk(response: Response | AnyClientResponse): Promise<void> {
  if (response.ok) return;
  const body = (await response.json().catch(() => ({}))) as Partial<ErrorBody>;
  throw new ApiError(response.status, body);
}

/** A successful answer's JSON body, typed by the route; any other answer throws its ApiError. */
export async function readJson<Answer extends AnyClientResponse>(request: Promise<Answer>): Promise<SuccessBody<Answer>> {
  return (await readJsonAndEtag(request)).body;
}

/** The body and the strong ETag a later write sends back as If-Match. */
export async function readJsonAndEtag<Answer extends AnyClientResponse>(request: Promise<Answer>): Promise<{ body: SuccessBody<Answer>; etag: string }> {
  const response = await request;
  await throwUnlessOk(response);
  return { body: (await response.json()) as SuccessBody<Answer>, etag: response.headers.get('etag') ?? '' };
}

/**
 * A path parameter as the URL needs it: hc puts parameters into the path as they are, and a
 * project code or an estate key may hold characters a path cannot.
 */
export const pathParameter = (value: string): string => encodeURIComponent(value);

/** `asOf` for a query: absent for null, which the server takes as today in Shanghai (so answers for today stay shared). */
export const asOfQuery = (asOf: string | null): { asOf?: string } => (asOf === null ? {} : { asOf });

/**
 * Headers of a write made with the session cookie: the server refuses cookie-authenticated
 * writes without the session's CSRF token (the browser sends the cookie, same-origin).
 */
export const csrfHeaders = (csrfToken: string | undefined): Record<string, string> => (csrfToken ? { 'x-csrf-token': csrfToken } : {});
