import type { SourceCoordinateSystem } from '../geo/coordinate-systems.ts';
import { convertPositionToWgs84 } from '../geo/convert-coordinates.ts';

/**
 * The properties the life-circle analysis reads from imported features: head counts and an
 * estate's gates. A file may leave them out, but when it gives them they must be usable, because
 * the analysis would otherwise count "约3000" residents as none, or walk from gates left in GCJ-02
 * (hundreds of metres off). Head counts written as digits ("3000") become numbers; gates are
 * converted to WGS 84 like the geometry.
 */

const headCounts = ['residents', 'residents_aged_60_plus', 'households'] as const;
const maximumGates = 50;
// Larger than any estate: a figure above this is a typo or the wrong column.
const maximumHeadCount = 1_000_000;

export function checkAnalysisProperties(properties: Record<string, unknown>, crs: SourceCoordinateSystem): { properties: Record<string, unknown>; problems: string[] } {
  const problems: string[] = [];
  const checked: Record<string, unknown> = { ...properties };
  for (const name of headCounts) {
    const value = properties[name];
    if (value === undefined || value === null || value === '') continue;
    const count = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > maximumHeadCount) {
      problems.push(`properties.${name} must be a whole number from 0 to ${maximumHeadCount.toLocaleString('en')}, not ${JSON.stringify(value)}`);
      continue;
    }
    checked[name] = count;
  }
  const residents = checked.residents;
  const older = checked.residents_aged_60_plus;
  if (typeof residents === 'number' && typeof older === 'number' && older > residents) {
    problems.push(`properties.residents_aged_60_plus (${older}) is more than properties.residents (${residents})`);
  }
  if (properties.gates !== undefined && properties.gates !== null) {
    const gates = readGates(properties.gates);
    if (typeof gates === 'string') problems.push(`properties.gates ${gates}`);
    else checked.gates = gates.map((gate) => convertPositionToWgs84(gate, crs));
  }
  return { properties: checked, problems };
}

/** Gates as [longitude, latitude] pairs, or what is wrong with them. A CSV cell may hold them as JSON. */
function readGates(value: unknown): [number, number][] | string {
  let gates = value;
  if (typeof value === 'string') {
    try {
      gates = JSON.parse(value);
    } catch {
      return 'must be a list of [longitude, latitude] pairs, e.g. [[121.52, 31.22]]';
    }
  }
  if (!Array.isArray(gates)) return 'must be a list of [longitude, latitude] pairs, e.g. [[121.52, 31.22]]';
  if (gates.length > maximumGates) return `has ${gates.length} gates; at most ${maximumGates} are allowed`;
  for (const [index, gate] of gates.entries()) {
    const valid = Array.isArray(gate) && (gate.length === 2 || gate.length === 3) && gate.every((number) => typeof number === 'number' && Number.isFinite(number))
      && Math.abs(gate[0]) <= 180 && Math.abs(gate[1]) <= 90;
    if (!valid) return `[${index}] must be [longitude, latitude] with longitude in -180..180 and latitude in -90..90, not ${JSON.stringify(gate)}`;
  }
  return (gates as number[][]).map((gate) => [gate[0], gate[1]]);
}
