/**
 * `npm run bench [-- foundation|coverage|leaders|import|scenarios]`: the speed and memory figures the issues name, each
 * printed beside its target or reference as a ratio, measured in one run. Timings are medians,
 * because these machines are shared and noisy. Nothing here is a pass/fail test.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWalkingGraph } from '../../server/analysis/build-walking-graph.ts';
import { attachUnits, computeCoverage, prepareNetwork } from '../../server/analysis/compute-coverage.ts';
import { solveMaximalCovering } from '../../server/analysis/solve-maximal-covering.ts';
import { walkFromSources } from '../../server/analysis/walk-from-sources.ts';
import { geodataDirectory, readShippedAnalysisInputs } from '../helpers/geodata.ts';
import { measureAddressLocator } from './address-locator.ts';
import { measureClientBundle } from './bundle.ts';
import { computeOneType, graphMegabytes, makeGridProblem, timePgRouting, timeWarm } from './coverage.ts';
import { measureFirstMapLoad } from './first-map.ts';
import { measureLeadersSummary } from './leaders.ts';
import { makeSyntheticCovering, prepareShippedScenario, prepareShippedSuggestion, timeFacilityChanges, timeFacilityChangesOnGrid, timeGreedy, timeWalkingLink } from './scenarios.ts';
import { measureServerStart } from './server-start.ts';

const sections = process.argv.slice(2);
const wants = (section: string) => sections.length === 0 || sections.includes(section);

function print(figure: string, measured: number, unit: string, target: number, targetLabel = 'target') {
  const ratio = measured / target;
  const digits = unit === 's' || measured < 10 ? 2 : 0;
  console.log(`${figure.padEnd(58)} ${measured.toFixed(digits).padStart(9)} ${unit.padEnd(3)} ${targetLabel} ${target.toFixed(target < 10 ? 2 : 0).padStart(8)} ${unit.padEnd(3)} ratio ${ratio.toFixed(2)}`);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log('lifecircle bench: measured beside target (ratio = measured ÷ target; under 1.00 is within target)');

if (wants('foundation')) {
  console.log('\n== foundation (issue 2)');
  const dataDirectory = mkdtempSync(join(tmpdir(), 'lifecircle-bench-'));
  const clientBuildDirectory = mkdtempSync(join(tmpdir(), 'lifecircle-bench-client-'));
  try {
    const start = await measureServerStart(dataDirectory, 3);
    print('cold start to first answer, first run (fresh database)', start.firstRunSeconds, 's', 30);
    print(`cold start to first answer, restart (median of ${start.restartSeconds.length})`, median(start.restartSeconds), 's', 5);
    print('server memory once ready (RSS, embedded database)', start.readyRssMegabytes, 'MB', 1536);
    // A production build of its own: dist/client may come from the browser tests, built under
    // NODE_ENV=test with Preact's debug code (about 5 kB more), and may change while they run.
    const clientDirectory = join(clientBuildDirectory, 'client');
    execFileSync('npx', ['vite', 'build', '--outDir', clientDirectory, '--emptyOutDir'], { stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
    if (existsSync('/usr/bin/chromium')) {
      const firstMap = await measureFirstMapLoad(dataDirectory, 3, clientDirectory);
      print(`page load to rendered map, headless Chromium (median of ${firstMap.seconds.length})`, median(firstMap.seconds), 's', 3);
      const bundle = measureClientBundle(clientDirectory, firstMap.assetPaths);
      print('client code loaded before the first map (gzipped)', bundle.firstMapKilobytes, 'kB', 700);
      // Hashes dropped: the names say which module a chunk is named after (Vite names it after its entry).
      console.log(`    of which: ${bundle.firstMapFiles.map(({ file, kilobytes }) => `${file.replace(/^assets\//, '').replace(/-[\w-]{8}(?=\.\w+$)/, '')} ${kilobytes.toFixed(1)}`).join(', ')}`);
      console.log(`    all client code, including chunks loaded later: ${bundle.totalKilobytes.toFixed(0)} kB gzipped`);
    } else {
      console.log('page load to rendered map and first-map bundle: SKIPPED, /usr/bin/chromium is not installed (apt-get install chromium)');
    }
  } finally {
    rmSync(dataDirectory, { recursive: true, force: true });
    rmSync(clientBuildDirectory, { recursive: true, force: true });
  }
}

if (wants('coverage')) {
  console.log('\n== 15-minute life circle (issue 4)');
  if (existsSync(join(geodataDirectory, 'walking_network.geojson'))) {
    const shipped = readShippedAnalysisInputs(geodataDirectory);
    const network = prepareNetwork(buildWalkingGraph(shipped.edges));
    const estates = attachUnits(network, shipped.units);
    const coverageMilliseconds = timeWarm(20, () => computeCoverage(network, estates, shipped.facilities, shipped.thresholds, { mode: 'network', speedMetresPerSecond: 1 }));
    print(`coverage of all ${shipped.thresholds.length} facility types, shipped data, warm`, coverageMilliseconds, 'ms', 30);
    const rebuildMilliseconds = timeWarm(10, () => attachUnits(prepareNetwork(buildWalkingGraph(shipped.edges)), shipped.units));
    console.log(`    graph rebuild after a network change (shipped data, ${network.graph.edgeCount} edges): ${rebuildMilliseconds.toFixed(1)} ms`);
  } else {
    console.log('coverage on the shipped data: SKIPPED, geodata/walking_network.geojson is missing');
  }
  const databaseUrl = process.env.DATABASE_URL;
  for (const edgeCount of [10_000, 100_000, 1_000_000]) {
    const problem = makeGridProblem(edgeCount, 50);
    const label = `${(problem.graph.edgeCount / 1000).toFixed(0)}k-edge grid`;
    const budgetMetres = 1000;
    const runs = edgeCount >= 1_000_000 ? 5 : 15;
    const shortestPaths = timeWarm(runs, () => walkFromSources(problem.graph, problem.sources, budgetMetres));
    const oneType = timeWarm(runs, () => computeOneType(problem));
    print(`one type, ${label}: coverage of ${problem.units.units.length} gates, warm`, oneType, 'ms', 250);
    print(`one type, ${label}: memory of the graph and its index`, problem.graphAndIndexMegabytes, 'MB', 200);
    console.log(`    of which the graph's typed arrays: ${graphMegabytes(problem.graph).toFixed(1)} MB`);
    console.log(`    graph build with gate attachment (after a network change): ${problem.buildMilliseconds.toFixed(0)} ms; multi-source walk alone (≤ ${budgetMetres} m): ${shortestPaths.toFixed(1)} ms`);
    if (databaseUrl) {
      const pgRouting = await timePgRouting(databaseUrl, problem, budgetMetres, edgeCount >= 1_000_000 ? 2 : 5);
      print(`one type, ${label}: pgr_drivingDistance multi-root vs ours`, pgRouting.milliseconds, 'ms', shortestPaths, 'ours    ');
      console.log(`    ours is ${(pgRouting.milliseconds / shortestPaths).toFixed(0)}× faster (target ≥ 10×); ${pgRouting.reachedNodes} nodes reached, ${pgRouting.differing} differ by more than 0.5 m`);
    } else {
      console.log(`    pgRouting comparison SKIPPED: DATABASE_URL is not set`);
    }
  }
}

if (wants('leaders')) {
  console.log("\n== leaders' view (issue 6)");
  const dataDirectory = mkdtempSync(join(tmpdir(), 'lifecircle-bench-leaders-'));
  try {
    const leaders = await measureLeadersSummary(dataDirectory);
    print(`whole view for a new date over HTTP, warm (median of ${leaders.warmMilliseconds.length} dates)`, median(leaders.warmMilliseconds), 'ms', 200);
    console.log(`    of which computed on the server: ${median(leaders.warmServerMilliseconds).toFixed(1)} ms; first answer after start (cold coverage cache): ${leaders.firstMilliseconds.toFixed(0)} ms`);
  } finally {
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}

if (wants('import')) {
  console.log('\n== import: offline address locator (issue 10)');
  // The bounds test/unit/import/locate-address.test.ts holds it to.
  const error = measureAddressLocator(geodataDirectory);
  print(`locator error, median (leave-one-out, ${error.count} addresses)`, error.medianMetres, 'm', 130, 'bound ');
  print('locator error, 90th percentile', error.percentile90Metres, 'm', 450, 'bound ');
  const { interpolated, street } = error.byQuality;
  console.log(`    interpolated ${interpolated?.count} (median ${interpolated?.medianMetres?.toFixed(0)} m), street only ${street?.count} (median ${street?.medianMetres?.toFixed(0)} m), not found ${error.byQuality['not-found']?.count}`);
}

if (wants('scenarios')) {
  console.log('\n== what-if scenarios and site suggestion (issue 11)');
  const scenario = prepareShippedScenario();
  const changes = timeFacilityChanges(scenario);
  console.log(`    elderly day care (300 m), shipped data: ${changes.existing} facilities; a full recompute of the type takes ${changes.full.toFixed(2)} ms`);
  print('add one facility, new coverage of its type (incremental)', changes.added, 'ms', 20);
  print('move one facility, new coverage of its type (incremental)', changes.moved, 'ms', 20);
  print('close one facility, new coverage of its type (incremental)', changes.closed, 'ms', 20);
  // The shipped graph has about 200 nodes: a full recompute of one type is a fraction of a
  // millisecond, so the copying an incremental change does weighs as much as the walk it saves.
  console.log(`    full recompute ÷ incremental: add ${(changes.full / changes.added).toFixed(1)}×, move ${(changes.full / changes.moved).toFixed(1)}×, close ${(changes.full / changes.closed).toFixed(1)}× (the shipped graph is small: the gain shows on the grid below)`);
  const grid = timeFacilityChangesOnGrid();
  console.log(`    on a ${grid.edges.toLocaleString('en')}-edge grid (${grid.facilities} facilities of one type), where a change touches a small part: add ${grid.added.toFixed(2)} ms, close ${grid.closed.toFixed(2)} ms, full recompute ${grid.full.toFixed(1)} ms (${(grid.full / grid.added).toFixed(0)}× and ${(grid.full / grid.closed).toFixed(0)}×)`);
  const link = timeWalkingLink(scenario);
  print(`a walking link opened, new coverage of all ${link.types} types`, link.incremental, 'ms', 100);
  console.log(`    full recompute of all types on the new network: ${link.full.toFixed(1)} ms (${(link.full / link.incremental).toFixed(1)}× the incremental update)`);

  const suggestion = prepareShippedSuggestion(scenario, 19);
  const greedy = timeGreedy(suggestion, 3);
  print(`greedy k = 3 over ${suggestion.candidates.length} candidates, reach included`, greedy.whole, 'ms', 1000);
  console.log(`    reach walked from the ${scenario.estates.units.length} estates: ${greedy.fromEstates.toFixed(1)} ms; from the candidates: ${greedy.fromCandidates.toFixed(1)} ms (${(greedy.fromCandidates / greedy.fromEstates).toFixed(1)}× slower)`);
  console.log(`    greedy gains (residents aged 60+ newly within ${suggestion.walkMetres} m): ${greedy.answer.picks.map((pick) => pick.gain).join(', ')}`);
  await solveMaximalCovering(makeSyntheticCovering(1), 1); // loads and compiles the WebAssembly solver before the timed solves
  for (let k = 1; k <= 5; k++) {
    const exact = await solveMaximalCovering(greedy.problem, k, { timeLimitSeconds: 10 });
    const greedyCovered = k <= 3 ? greedy.answer.picks.slice(0, k).reduce((total, pick) => total + pick.gain, 0) : null;
    print(`exact MILP k = ${k} over ${suggestion.candidates.length} candidates (HiGHS)`, exact.seconds, 's', 10);
    console.log(`    ${exact.status}, covers ${exact.covered}${greedyCovered === null ? '' : ` (greedy ${greedyCovered})`}, ${describeBound(exact)}; model after reduction: ${exact.model.candidates} candidates × ${exact.model.estates} estates`);
  }
  console.log('    exact solve on synthetic plan areas of 2 km subdistricts (32 estates, ~1,700 candidates each), k = 5, limit 60 s:');
  const growth: { size: number; seconds: number }[] = [];
  for (const subdistricts of [1, 4, 16, 36, 64, 100]) {
    const problem = makeSyntheticCovering(subdistricts);
    const exact = await solveMaximalCovering(problem, 5, { timeLimitSeconds: 60 });
    if (exact.status === 'optimal') growth.push({ size: exact.model.candidates + exact.model.estates, seconds: exact.seconds });
    console.log(`    ${String(subdistricts).padStart(3)} subdistricts: ${problem.reach.candidateCount} candidates, ${problem.reach.unitCount} estates → model ${exact.model.candidates} × ${exact.model.estates}: ${exact.seconds.toFixed(2)} s, ${exact.status}, covers ${exact.covered}, ${describeBound(exact)}`);
  }
  // The slope on a log-log scale between the second and the largest size solved to optimality.
  const [smaller, larger] = [growth[1], growth[growth.length - 1]];
  if (smaller && larger && larger !== smaller) console.log(`    exact solve time grows about as size^${(Math.log(larger.seconds / smaller.seconds) / Math.log(larger.size / smaller.size)).toFixed(1)} (size = candidates + estates after reduction), over the sizes solved to optimality`);
}

function describeBound(exact: { bestBound: number | null; gap: number | null }) {
  return exact.bestBound === null ? 'no bound yet when stopped' : `best bound ${exact.bestBound.toFixed(0)}, gap ${(exact.gap! * 100).toFixed(2)} %`;
}
