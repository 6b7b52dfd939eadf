import { startServerProcess } from '../helpers/server-process.ts';

/**
 * The leaders' view over real HTTP on the shipped data (fresh embedded database): the time to
 * answer GET /api/leaders/summary for a date not asked before (renovation, projects, facilities
 * open and life-circle coverage of that date, coverage year by year), after one pass over the
 * year ends 2022–2026 has warmed the coverage cache: the slider moving to a new date.
 */
export async function measureLeadersSummary(dataDirectory: string) {
  const server = await startServerProcess({ DATABASE_URL: '', DATA_DIR: dataDirectory, CLIENT_DIR: '/nonexistent' });
  try {
    const timeOne = async (asOf: string) => {
      const startedAt = performance.now();
      const response = await fetch(`${server.url}/api/leaders/summary?asOf=${asOf}`);
      if (!response.ok) throw new Error(`summary of ${asOf} answered ${response.status}: ${await response.text()}`);
      const body = await response.json() as { computedMilliseconds: number };
      return { milliseconds: performance.now() - startedAt, serverMilliseconds: body.computedMilliseconds };
    };
    const first = await timeOne('2022-12-31');
    for (const year of [2023, 2024, 2025, 2026]) await timeOne(`${year}-12-31`);
    const newDates = ['2022-07-01', '2023-03-15', '2023-09-30', '2024-05-20', '2024-11-11', '2025-02-28', '2025-08-08', '2026-04-01', '2026-10-10'];
    const warm = [];
    for (const asOf of newDates) warm.push(await timeOne(asOf));
    return { firstMilliseconds: first.milliseconds, warmMilliseconds: warm.map((run) => run.milliseconds), warmServerMilliseconds: warm.map((run) => run.serverMilliseconds) };
  } finally {
    await server.stop();
  }
}
