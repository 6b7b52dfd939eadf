import { createMiddleware } from 'hono/factory';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Database } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import { clientAddress } from './client-address.ts';
import { findSignedIn } from './sign-in.ts';

/** How often one address may call a heavy analysis route without signing in. */
export const anonymousAnalysisLimit = { requests: 30, perSeconds: 60 } as const;

/**
 * For routes whose every call costs real CPU (the impact of a drawn geometry walks the network):
 * anyone may read the dashboard without signing in, but an anonymous address gets a bounded rate
 * (429 with Retry-After beyond it); signed-in people, who draw projects, are not limited.
 */
export function limitAnonymousCallers(database: Database, limit = anonymousAnalysisLimit) {
  const limiter = new RateLimiterMemory({ keyPrefix: 'anonymous-analysis', points: limit.requests, duration: limit.perSeconds });
  return createMiddleware(async (context, next) => {
    if (!(await findSignedIn(database, context))) {
      try {
        await limiter.consume(clientAddress(context));
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw new RequestError(429, 'TooManyRequests',
          `At most ${limit.requests} of these analyses a minute without signing in: try again in ${seconds} seconds, or sign in`,
          `未登录时每分钟最多进行 ${limit.requests} 次此类分析：请 ${seconds} 秒后重试，或登录后使用`, {}, { 'Retry-After': String(seconds) });
      }
    }
    await next();
  });
}
