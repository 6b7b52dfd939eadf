import type { Position } from 'geojson';
import { metresBetween, projectToMetres, unprojectFromMetres } from '../geo/measure-metres.ts';
import { placeHouseNumber, sortNumberedPositions, type NumberedPosition } from '../geo/place-house-number.ts';
import { parseShanghaiAddress, type ParsedShanghaiAddress } from './parse-shanghai-address.ts';

/**
 * The offline address locator: places a row that has an address and no coordinates from what the
 * dashboard already knows (geocoded addresses, its facilities and buildings with addresses, its
 * streets), with no outside service. In order: the exact address (or estate name) → the house
 * number interpolated between known numbers of its street, same side first → the street alone
 * (the corner with the street it is near, else the street's middle) → not found. Every answer
 * says which, and why, and carries `source: 'address-located'`.
 */

export type MatchQuality = 'exact' | 'interpolated' | 'street' | 'not-found';

export interface KnownAddress {
  address: string;
  position: [number, number];
  /** Where the dashboard has it from, in words ("geocoded address", "facility 潍坊社区卫生服务中心"). */
  origin: string;
}

export interface KnownStreet {
  name: string;
  /** The street's centreline(s), WGS 84. */
  lines: Position[][];
}

export interface AddressGazetteer {
  addresses: KnownAddress[];
  streets: KnownStreet[];
}

export interface LocatedAddress {
  quality: MatchQuality;
  /** WGS 84; absent when not found. */
  position?: [number, number];
  basis: string;
  basisZh: string;
  source: 'address-located';
  parsed: ParsedShanghaiAddress;
}

export interface AddressIndex {
  streetNames: string[];
  exact: Map<string, KnownAddress>;
  numbered: Map<string, NumberedPosition[]>;
  streetLines: Map<string, Position[][]>;
}

// The district whose addresses the dashboard knows; an address in another is not guessed at.
const knownDistrict = '浦东新区';
// Two streets "near" each other whose lines come no closer than this do not meet: no corner.
const cornerMetres = 150;

const exactKey = (parsed: ParsedShanghaiAddress) =>
  parsed.street !== undefined && parsed.houseNumber !== undefined ? `${parsed.street}${parsed.houseNumber}${parsed.kind}` : parsed.place !== undefined && parsed.street === undefined ? `place:${parsed.place}` : undefined;

export function buildAddressIndex(gazetteer: AddressGazetteer): AddressIndex {
  // Street names from the centrelines, then from the addresses, so that every address is read
  // with the longest name it starts with (南泉北路, not 南泉路).
  const streetNames = [...new Set(gazetteer.streets.map((street) => street.name))];
  const firstPass = gazetteer.addresses.map((known) => parseShanghaiAddress(known.address, streetNames));
  for (const parsed of firstPass) if (parsed.street && !streetNames.includes(parsed.street)) streetNames.push(parsed.street);

  const exact = new Map<string, KnownAddress>();
  const numbered = new Map<string, NumberedPosition[]>();
  gazetteer.addresses.forEach((known, index) => {
    const parsed = parseShanghaiAddress(known.address, streetNames);
    const key = exactKey(parsed);
    if (key !== undefined && !exact.has(key)) exact.set(key, known);
    if (parsed.street !== undefined && parsed.houseNumber !== undefined) {
      const list = numbered.get(parsed.street) ?? [];
      list.push({ houseNumber: parsed.houseNumber, position: known.position, address: firstPass[index].normalised });
      numbered.set(parsed.street, list);
    }
  });
  for (const [street, list] of numbered) numbered.set(street, sortNumberedPositions(list));
  const streetLines = new Map(gazetteer.streets.map((street) => [street.name, street.lines]));
  return { streetNames, exact, numbered, streetLines };
}

export function locateAddress(index: AddressIndex, text: string): LocatedAddress {
  const parsed = parseShanghaiAddress(text, index.streetNames);
  const answer = (quality: MatchQuality, position: [number, number] | undefined, basis: string, basisZh: string): LocatedAddress =>
    ({ quality, ...(position ? { position } : {}), basis, basisZh, source: 'address-located', parsed });

  if (parsed.normalised === '') return answer('not-found', undefined, 'the address is empty', '地址为空');
  if (parsed.district !== undefined && parsed.district !== knownDistrict) {
    return answer('not-found', undefined, `the address is in ${parsed.district}; only addresses in ${knownDistrict} are known here`, `地址位于${parsed.district}，此处只收录${knownDistrict}的地址`);
  }
  const key = exactKey(parsed);
  const known = key === undefined ? undefined : index.exact.get(key);
  if (known) return answer('exact', known.position, `exact address: ${known.origin} ${known.address}`, `地址完全匹配：${known.origin} ${known.address}`);

  if (parsed.street === undefined) {
    return answer('not-found', undefined, `no street (路, 街, 大道) and no known place in "${parsed.normalised}"`, `“${parsed.normalised}”中没有可识别的道路或已知地名`);
  }
  const list = index.numbered.get(parsed.street) ?? [];
  if (parsed.houseNumber !== undefined && list.length >= 2) {
    const placed = placeHouseNumber(list, parsed.houseNumber);
    const [lower, upper] = placed.neighbours;
    if (placed.method === 'exact') return answer('interpolated', placed.position, `same number as ${lower.address}`, `与${lower.address}门牌号相同`);
    if (placed.method === 'interpolated') return answer('interpolated', placed.position, placed.basis, `按门牌号在${lower.address}与${upper.address}之间插值`);
    // Beyond the known numbers a straight line runs off the street (measured: errors of kilometres
    // on streets with two known numbers close together); the nearest known number is the honest
    // answer, and only the street is known.
    const nearest = list.reduce((best, entry) => (Math.abs(entry.houseNumber - parsed.houseNumber!) < Math.abs(best.houseNumber - parsed.houseNumber!) ? entry : best));
    return answer('street', nearest.position, `street only: ${parsed.houseNumber} is beyond the known numbers of ${parsed.street}; placed at the nearest, ${nearest.address}`,
      `仅道路：${parsed.houseNumber} 号超出${parsed.street}已知门牌范围，置于最近的 ${nearest.address}`);
  }
  return locateStreet(index, parsed, answer);
}

function locateStreet(index: AddressIndex, parsed: ParsedShanghaiAddress, answer: (quality: MatchQuality, position: [number, number] | undefined, basis: string, basisZh: string) => LocatedAddress): LocatedAddress {
  const street = parsed.street!;
  const lines = index.streetLines.get(street);
  const nearLines = parsed.nearStreet ? index.streetLines.get(parsed.nearStreet) : undefined;
  if (lines && nearLines) {
    const corner = findCorner(lines, nearLines);
    if (corner) return answer('street', corner, `street only: the corner of ${street} and ${parsed.nearStreet}`, `仅道路：${street}与${parsed.nearStreet}路口`);
  }
  const list = index.numbered.get(street) ?? [];
  if (parsed.houseNumber !== undefined && list.length === 1) {
    return answer('street', list[0].position, `street only: ${street} has one known number, ${list[0].address}`, `仅道路：${street}只有一个已知门牌 ${list[0].address}`);
  }
  if (lines) return answer('street', middleOf(lines), `street only: the middle of ${street}`, `仅道路：${street}中段`);
  if (list.length > 0) {
    const middle = list[Math.floor(list.length / 2)];
    return answer('street', middle.position, `street only: the middle of ${street}'s known addresses (${middle.address})`, `仅道路：${street}已知地址的中间位置（${middle.address}）`);
  }
  return answer('not-found', undefined, `the street ${street} is not known here`, `未收录道路${street}`);
}

/** Where two streets cross, or come closest within cornerMetres (in metres, UTM 51N). */
function findCorner(first: Position[][], second: Position[][]): [number, number] | undefined {
  const segments = (lines: Position[][]) => lines.flatMap((line) => {
    const metres = line.map(projectToMetres);
    return metres.slice(1).map((end, index): [[number, number], [number, number]] => [metres[index], end]);
  });
  let best: { distance: number; point: [number, number] } | undefined;
  for (const [a, b] of segments(first)) {
    for (const [c, d] of segments(second)) {
      const crossing = intersectSegments(a, b, c, d);
      const candidates: { distance: number; point: [number, number] }[] = crossing
        ? [{ distance: 0, point: crossing }]
        : [[a, c, d], [b, c, d], [c, a, b], [d, a, b]].map(([point, start, end]) => {
          const closest = closestPointOnSegment(point, start, end);
          return { distance: Math.hypot(closest[0] - point[0], closest[1] - point[1]), point: [(closest[0] + point[0]) / 2, (closest[1] + point[1]) / 2] };
        });
      for (const candidate of candidates) if (!best || candidate.distance < best.distance) best = candidate;
    }
  }
  return best && best.distance <= cornerMetres ? unprojectFromMetres(best.point) : undefined;
}

function intersectSegments(a: [number, number], b: [number, number], c: [number, number], d: [number, number]): [number, number] | undefined {
  const denominator = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0]);
  if (denominator === 0) return undefined;
  const t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / denominator;
  const u = ((c[0] - a[0]) * (b[1] - a[1]) - (c[1] - a[1]) * (b[0] - a[0])) / denominator;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])] : undefined;
}

function closestPointOnSegment(point: [number, number], start: [number, number], end: [number, number]): [number, number] {
  const length = (end[0] - start[0]) ** 2 + (end[1] - start[1]) ** 2;
  const fraction = length === 0 ? 0 : Math.max(0, Math.min(1, ((point[0] - start[0]) * (end[0] - start[0]) + (point[1] - start[1]) * (end[1] - start[1])) / length));
  return [start[0] + fraction * (end[0] - start[0]), start[1] + fraction * (end[1] - start[1])];
}

/** The point halfway along the longest line of a street. */
function middleOf(lines: Position[][]): [number, number] {
  const lengthOf = (line: Position[]) => line.slice(1).reduce((sum, vertex, index) => sum + metresBetween(line[index], vertex), 0);
  const longest = lines.reduce((best, line) => (lengthOf(line) > lengthOf(best) ? line : best));
  let remaining = lengthOf(longest) / 2;
  for (let index = 1; index < longest.length; index++) {
    const segment = metresBetween(longest[index - 1], longest[index]);
    if (segment >= remaining && segment > 0) {
      const fraction = remaining / segment;
      return [longest[index - 1][0] + (longest[index][0] - longest[index - 1][0]) * fraction, longest[index - 1][1] + (longest[index][1] - longest[index - 1][1]) * fraction];
    }
    remaining -= segment;
  }
  return [longest[0][0], longest[0][1]];
}
