import pg from 'pg';
import type { Attachment } from '../../server/analysis/attach-points.ts';
import { buildWalkingGraph, type WalkingGraph } from '../../server/analysis/build-walking-graph.ts';
import { attachUnits, computeCoverage, prepareNetwork, type FacilityPoint, type ResidentialUnit } from '../../server/analysis/compute-coverage.ts';
import type { FacilityThreshold } from '../../server/analysis/facility-thresholds.ts';
import { walkFromSources } from '../../server/analysis/walk-from-sources.ts';
import { fixtureProjection, makeGridEdges } from '../fixtures/metre-networks.ts';
import { createFreshDatabase } from '../helpers/fresh-database.ts';

/** Median wall time of `runs` calls after one warm-up call, in milliseconds. */
export function timeWarm(runs: number, work: () => unknown): number {
  work();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const startedAt = performance.now();
    work();
    times.push(performance.now() - startedAt);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export function graphMegabytes(graph: WalkingGraph): number {
  const arrays = [graph.nodeX, graph.nodeY, graph.edgeFrom, graph.edgeTo, graph.edgeLengthMetres, graph.adjacencyStart,
    graph.adjacencyNode, graph.adjacencyEdge, graph.edgeVertexStart, graph.vertexX, graph.vertexY];
  return arrays.reduce((total, array) => total + array.byteLength, 0) / 1024 / 1024;
}

/** A square-ish grid of about `edgeCount` edges, with `facilityCount` facilities at nodes and a gate every 10 edges. */
export function makeGridProblem(edgeCount: number, facilityCount: number) {
  const side = Math.round(Math.sqrt(edgeCount / 2));
  const edges = makeGridEdges(side, side, 80);
  const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});
  collectGarbage();
  const before = process.memoryUsage();
  const startedAt = performance.now();
  const graph = buildWalkingGraph(edges, fixtureProjection);
  const network = prepareNetwork(graph);
  collectGarbage();
  const after = process.memoryUsage();
  // Typed arrays live outside the JavaScript heap, so both are counted; the input edges are alive
  // before and after, so they are not.
  const graphAndIndexMegabytes = (after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers) / 1024 / 1024;
  const step = Math.max(1, Math.floor(graph.nodeCount / facilityCount));
  // Facilities at nodes (offset 0 on an edge that starts there), so pgRouting's multi-root
  // driving distance, which starts from vertices, answers the same question.
  const firstEdgeFrom = new Int32Array(graph.nodeCount).fill(-1);
  for (let edge = graph.edgeCount - 1; edge >= 0; edge--) firstEdgeFrom[graph.edgeFrom[edge]] = edge;
  const sourceNodes: number[] = [];
  for (let node = 0; node < graph.nodeCount && sourceNodes.length < facilityCount; node += step) if (firstEdgeFrom[node] >= 0) sourceNodes.push(node);
  const sources: Attachment[] = sourceNodes.map((node) => ({ edge: firstEdgeFrom[node], offsetMetres: 0, accessMetres: 0 }));
  const facilities: FacilityPoint[] = sourceNodes.map((node, index) => ({
    id: `facility-${index}`, name: `${index}`, facilityType: 'wet_market',
    longitude: graph.projection.toLongitude(graph.nodeX[node]), latitude: graph.projection.toLatitude(graph.nodeY[node]),
  }));
  const units: ResidentialUnit[] = [];
  for (let edge = 5; edge < graph.edgeCount; edge += 10) {
    const middle = graph.edgeVertexStart[edge];
    units.push({ id: `unit-${edge}`, name: '', residents: 100, residentsAged60Plus: 30,
      gates: [[graph.projection.toLongitude((graph.vertexX[middle] + graph.vertexX[middle + 1]) / 2), graph.projection.toLatitude((graph.vertexY[middle] + graph.vertexY[middle + 1]) / 2 + 5)]] });
  }
  const attachedUnits = attachUnits(network, units);
  return { graph, network, sources, sourceNodes, facilities, units: attachedUnits, buildMilliseconds: performance.now() - startedAt, graphAndIndexMegabytes };
}

/**
 * The same multi-source question through pgRouting on the real server: the graph loaded into a
 * table, then pgr_drivingDistance from all facility nodes at once. Returns its time and how many
 * reached nodes differ from ours by more than 0.5 m.
 */
export async function timePgRouting(databaseUrl: string, problem: ReturnType<typeof makeGridProblem>, budgetMetres: number, runs: number) {
  const client = new pg.Client({ connectionString: await createFreshDatabase(databaseUrl, 'bench') });
  await client.connect();
  try {
    const { graph } = problem;
    await client.query('create table edge (id bigint, source bigint, target bigint, cost float8, reverse_cost float8)');
    const chunk = 200_000;
    for (let start = 0; start < graph.edgeCount; start += chunk) {
      const end = Math.min(graph.edgeCount, start + chunk);
      await client.query(
        `insert into edge select id, source + 1, target + 1, cost, cost from unnest($1::int[], $2::int[], $3::int[], $4::float8[]) as t(id, source, target, cost)`,
        [Array.from({ length: end - start }, (_value, index) => start + index + 1), Array.from(graph.edgeFrom.subarray(start, end)), Array.from(graph.edgeTo.subarray(start, end)), Array.from(graph.edgeLengthMetres.subarray(start, end))],
      );
    }
    const query = `select node, min(agg_cost) as agg_cost from pgr_drivingDistance('select id, source, target, cost, reverse_cost from edge', $1::bigint[], $2::float8, directed => false) group by node`;
    const roots = problem.sourceNodes.map((node) => node + 1);
    const times: number[] = [];
    let rows: { node: string; agg_cost: number }[] = [];
    for (let run = 0; run < runs; run++) {
      const startedAt = performance.now();
      rows = (await client.query(query, [roots, budgetMetres])).rows;
      times.push(performance.now() - startedAt);
    }
    times.sort((a, b) => a - b);
    const ours = walkFromSources(graph, problem.sources, budgetMetres);
    let differing = 0;
    const theirs = new Map(rows.map((row) => [Number(row.node) - 1, Number(row.agg_cost)]));
    for (const [node, cost] of theirs) if (!(Math.abs(ours.nodeDistanceMetres[node] - cost) <= 0.5)) differing += 1;
    for (let node = 0; node < graph.nodeCount; node++) if (Number.isFinite(ours.nodeDistanceMetres[node]) && !theirs.has(node)) differing += 1;
    return { milliseconds: times[Math.floor(times.length / 2)], reachedNodes: theirs.size, differing };
  } finally {
    await client.end();
  }
}

export function computeOneType(problem: ReturnType<typeof makeGridProblem>) {
  const threshold: FacilityThreshold = { facilityType: 'wet_market', nameZh: '菜市场', level: '10', walkMetres: 500, basis: 'standard' };
  return computeCoverage(problem.network, problem.units, problem.facilities, [threshold], { mode: 'network', speedMetresPerSecond: 1 });
}
