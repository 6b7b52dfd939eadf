import { z } from '@hono/zod-openapi';
import { isValidIsoDate, todayInShanghai } from '../contract/vocabulary/as-of.ts';

/**
 * The one `asOf` query parameter of every route that answers for a date: a real day
 * YYYY-MM-DD from 2000 to 2100 (the vocabulary's isValidIsoDate); absent or empty means today
 * in Shanghai. A bad date answers 400 in English and Chinese through the routes' validation hook.
 */
export const AsOfDate = z.string()
  .refine((text) => text === '' || isValidIsoDate(text), {
    error: (issue) => `asOf must be a date YYYY-MM-DD between 2000-01-01 and 2100-12-31, e.g. 2024-12-31 (got "${String(issue.input).slice(0, 40)}")`,
    params: { zh: '参数 asOf 必须是 2000-01-01 至 2100-12-31 之间的日期，格式 YYYY-MM-DD，如 2024-12-31' },
  })
  .optional()
  .openapi({ type: 'string', example: '2024-12-31', description: 'The date the answer shows (YYYY-MM-DD, 2000–2100); default today in Shanghai' });

export const AsOfQuery = z.object({ asOf: AsOfDate });

/** The date an answer shows: the asOf asked for, or today in Shanghai. */
export function resolveAsOf(asOf: string | undefined, today: string = todayInShanghai()): string {
  return asOf === undefined || asOf === '' ? today : asOf;
}
