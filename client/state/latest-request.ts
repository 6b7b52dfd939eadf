/**
 * Requests of which only the latest counts: the slider moved twice, two quick clicks, a setting
 * changed while the answer for the old one was on its way. Answers arrive in any order; each
 * `start()` makes every earlier request stale, so an older answer arriving last is ignored.
 */
export interface LatestRequest {
  /** Starts a request; the check it returns says whether it is still the latest when its answer comes. */
  start(): () => boolean;
  /** Makes every request started so far stale (what they asked is no longer wanted). */
  cancel(): void;
}

export function latestRequest(): LatestRequest {
  let latest = 0;
  return {
    start() {
      latest += 1;
      const request = latest;
      return () => request === latest;
    },
    cancel() {
      latest += 1;
    },
  };
}
