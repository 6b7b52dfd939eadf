import loadHighs, { type Highs } from 'highs';
import { chooseSitesGreedily, measureCovered, type CoveringProblem } from './choose-sites-greedily.ts';

export interface ExactSites {
  /** HiGHS's model status: 'optimal', or 'timeLimit' when it stopped at the limit with the best found. */
  status: string;
  /** The chosen candidates, in increasing order. */
  picks: number[];
  covered: number;
  /** No choice of k can cover more than this (HiGHS's dual bound); equal to `covered` when optimal; null when stopped before it had one. */
  bestBound: number | null;
  /** (bestBound - covered) / bestBound: 0 when proved optimal; null without a bound. */
  gap: number | null;
  seconds: number;
  /** The model's size after dropping estates nobody can reach and candidates that reach nothing new or the same as another. */
  model: { candidates: number; estates: number };
}

let highsLoading: Promise<Highs> | null = null;
/** The WebAssembly solver is loaded once per process; each solve has a model of its own. */
const loadSolver = () => (highsLoading ??= loadHighs());

/**
 * The exact maximal-covering answer as a MILP, solved by HiGHS:
 *   maximise Σ weightᵢ·yᵢ  subject to  yᵢ ≤ Σ_{c reaches i} x_c,  Σ x_c ≤ k,  x binary, 0 ≤ y ≤ 1.
 * Estates of weight 0 or reached by no candidate are left out, and of candidates that reach the
 * same estates only the lowest-numbered is kept: neither changes the optimum. The greedy answer is
 * the starting incumbent, so a solve stopped at `timeLimitSeconds` is never worse than greedy.
 */
export async function solveMaximalCovering(problem: CoveringProblem, k: number, options: { timeLimitSeconds?: number } = {}): Promise<ExactSites> {
  const { reach, unitWeights } = problem;
  const demandRow = new Int32Array(reach.unitCount).fill(-1);
  const demandUnits: number[] = [];
  for (let entry = 0; entry < reach.candidateUnits.length; entry++) {
    const unit = reach.candidateUnits[entry];
    if (unitWeights[unit] > 0 && demandRow[unit] === -1) {
      demandRow[unit] = demandUnits.length;
      demandUnits.push(unit);
    }
  }
  const keptCandidates: number[] = [];
  const keptRows: number[][] = [];
  const keptBySet = new Map<string, number>();
  for (let candidate = 0; candidate < reach.candidateCount; candidate++) {
    const rows: number[] = [];
    for (let entry = reach.candidateStart[candidate]; entry < reach.candidateStart[candidate + 1]; entry++) {
      const row = demandRow[reach.candidateUnits[entry]];
      if (row >= 0) rows.push(row);
    }
    const key = rows.join(',');
    if (rows.length === 0 || keptBySet.has(key)) continue;
    keptBySet.set(key, keptCandidates.length);
    keptCandidates.push(candidate);
    keptRows.push(rows);
  }
  const model = { candidates: keptCandidates.length, estates: demandUnits.length };
  if (keptCandidates.length === 0) return { status: 'optimal', picks: [], covered: 0, bestBound: 0, gap: 0, seconds: 0, model };

  const highs = await loadSolver();
  const columnCount = keptCandidates.length + demandUnits.length;
  const rowCount = demandUnits.length + 1;
  const cardinalityRow = demandUnits.length;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const rows of keptRows) {
    for (const row of rows) {
      indices.push(row);
      values.push(-1);
    }
    indices.push(cardinalityRow);
    values.push(1);
    starts.push(indices.length);
  }
  demandUnits.forEach((_unit, row) => {
    indices.push(row);
    values.push(1);
    starts.push(indices.length);
  });

  // The greedy picks as the first incumbent, each mapped to the kept candidate with its estates.
  const greedy = chooseSitesGreedily(problem, k);
  const start = new Float64Array(columnCount);
  for (const { candidate } of greedy.picks) {
    const rows: number[] = [];
    for (let entry = reach.candidateStart[candidate]; entry < reach.candidateStart[candidate + 1]; entry++) {
      const row = demandRow[reach.candidateUnits[entry]];
      if (row >= 0) rows.push(row);
    }
    const kept = keptBySet.get(rows.join(','));
    if (kept === undefined) continue;
    start[kept] = 1;
    for (const row of rows) start[keptCandidates.length + row] = 1;
  }

  return highs.withModel({
    numCols: columnCount,
    numRows: rowCount,
    sense: highs.constants.objectiveSense.maximize,
    colCost: [...keptCandidates.map(() => 0), ...demandUnits.map((unit) => unitWeights[unit])],
    colLower: new Float64Array(columnCount),
    colUpper: new Float64Array(columnCount).fill(1),
    rowLower: new Float64Array(rowCount).fill(-Infinity),
    rowUpper: Float64Array.from({ length: rowCount }, (_value, row) => (row === cardinalityRow ? k : 0)),
    matrix: { format: 'csc', numRows: rowCount, numCols: columnCount, starts, indices, values },
    integrality: [...keptCandidates.map(() => highs.constants.variableType.integer), ...demandUnits.map(() => highs.constants.variableType.continuous)],
  }, (solver) => {
    solver.options.set({ output_flag: false, time_limit: options.timeLimitSeconds ?? 10, mip_rel_gap: 0 });
    if (greedy.picks.length > 0) solver.setSolution({ colValue: start });
    const startedAt = performance.now();
    solver.run();
    const seconds = (performance.now() - startedAt) / 1000;
    const statusCode = solver.getModelStatus();
    const status = Object.entries(highs.constants.modelStatus).find(([, code]) => code === statusCode)?.[0] ?? String(statusCode);
    const solution = solver.getSolution().colValue;
    const picks = keptCandidates.filter((_candidate, column) => solution[column] > 0.5);
    // Counted from the picks, not read from the objective: the y values are only bounded by them.
    const covered = measureCovered(problem, picks);
    const dualBound = Number(solver.info.get('mip_dual_bound'));
    const bestBound = status === 'optimal' ? covered : Number.isFinite(dualBound) ? Math.max(covered, dualBound) : null;
    const gap = bestBound === null ? null : bestBound > 0 ? (bestBound - covered) / bestBound : 0;
    return { status, picks, covered, bestBound, gap, seconds, model };
  });
}
