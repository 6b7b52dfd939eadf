import type { InferResponseType } from 'hono/client';
import { api, asOfQuery, readJson } from './api-client.ts';

/** The leaders' view: everything it shows for one date. */

export type LeadersSummary = InferResponseType<typeof api.leaders.summary.$get, 200>;

/** Everything the leaders' view shows for one date; null: today. */
export function fetchLeadersSummary(asOf: string | null): Promise<LeadersSummary> {
  return readJson(api.leaders.summary.$get({ query: asOfQuery(asOf) }));
}
