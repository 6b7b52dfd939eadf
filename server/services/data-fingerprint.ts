import { todayInShanghai } from '../contract/vocabulary/as-of.ts';
import type { Database } from '../db/database.ts';
import { readDataFingerprint } from '../queries/analysis-inputs.ts';

/**
 * What the answers about "today" depend on: the stored data's revision counters and the date in
 * Shanghai. On the embedded database, which only this process writes, the counters are read again
 * only when some other statement has run since they were last read: a burst of reads of cached
 * answers then costs no statement at all, where each read would otherwise take the one session.
 */
export function createDataFingerprint(database: Database): () => Promise<string> {
  const countStatements = database.statementsStartedOrEnded;
  let known: { counters: string; statementCount: number } | null = null;

  async function readCounters(): Promise<string> {
    if (!countStatements) return readDataFingerprint(database);
    if (known && known.statementCount === countStatements()) return known.counters;
    const before = countStatements();
    const counters = await readDataFingerprint(database);
    // The read itself starts and ends one statement: any other count means something ran beside it,
    // which may have written after the counters were read, so they are not kept.
    known = countStatements() === before + 2 ? { counters, statementCount: before + 2 } : null;
    return counters;
  }

  return async () => `${await readCounters()}|${todayInShanghai()}`;
}
