// Places a house number on a road from the geocoded addresses of the same road; the
// interpolation itself (odd and even sides) is server/geo/place-house-number.ts, which the
// import's address locator shares.
import { placeHouseNumber, sortNumberedPositions, type NumberedPosition } from '../../server/geo/place-house-number.ts';
import type { LonLat } from './local-projection.ts';
import { parseAddress } from './parse-address.ts';
import type { SourceAddress } from './read-source-files.ts';

export interface LocatedAddress {
  position: LonLat;
  basis: string;
  basisZh: string;
}

function collectNumberedPositions(addresses: SourceAddress[], roadName: string): NumberedPosition[] {
  const list: NumberedPosition[] = [];
  for (const address of addresses) {
    const parsed = parseAddress(address.address);
    if (parsed && parsed.roadName === roadName) {
      list.push({ houseNumber: parsed.houseNumber, position: address.position, address: address.address });
    }
  }
  return sortNumberedPositions(list);
}

export function locateHouseNumber(addresses: SourceAddress[], roadName: string, houseNumber: number): LocatedAddress {
  const all = collectNumberedPositions(addresses, roadName);
  if (all.length < 2) throw new Error(`${roadName}: fewer than two geocoded addresses, cannot place number ${houseNumber}`);
  const { position, basis, method, neighbours } = placeHouseNumber(all, houseNumber);
  // The server's placer words its basis in English only; the Chinese is said here from the same facts.
  const [first, second] = neighbours.map((neighbour) => neighbour.address);
  const basisZh = method === 'exact' ? `地理编码地址${first}`
    : method === 'interpolated' ? `按门牌号在地理编码地址${first}与${second}之间插值`
    : `按门牌号由地理编码地址${first}与${second}外推`;
  return { position, basis, basisZh };
}
