// Places a house number on a road by interpolating between the two geocoded addresses of the
// same road whose numbers bracket it. Shanghai numbers odd on one side and even on the other,
// so same-parity neighbours are preferred: they are on the same side of the street.
import type { LonLat } from './local-projection.ts';
import { parseAddress } from './parse-address.ts';
import type { SourceAddress } from './read-source-files.ts';

export interface LocatedAddress {
  position: LonLat;
  basis: string;
}

interface NumberedPosition {
  houseNumber: number;
  position: LonLat;
  address: string;
}

function collectNumberedPositions(addresses: SourceAddress[], roadName: string): NumberedPosition[] {
  const list: NumberedPosition[] = [];
  for (const address of addresses) {
    const parsed = parseAddress(address.address);
    if (parsed && parsed.roadName === roadName) {
      list.push({ houseNumber: parsed.houseNumber, position: address.position, address: address.address });
    }
  }
  // Duplicates of one number (号 and 弄) are averaged away by sorting deterministically.
  return list.sort((a, b) => a.houseNumber - b.houseNumber || a.address.localeCompare(b.address));
}

function interpolate(lower: NumberedPosition, upper: NumberedPosition, houseNumber: number): LonLat {
  const span = upper.houseNumber - lower.houseNumber;
  const fraction = span === 0 ? 0 : (houseNumber - lower.houseNumber) / span;
  return [
    lower.position[0] + (upper.position[0] - lower.position[0]) * fraction,
    lower.position[1] + (upper.position[1] - lower.position[1]) * fraction,
  ];
}

export function locateHouseNumber(addresses: SourceAddress[], roadName: string, houseNumber: number): LocatedAddress {
  const all = collectNumberedPositions(addresses, roadName);
  if (all.length < 2) throw new Error(`${roadName}: fewer than two geocoded addresses, cannot place number ${houseNumber}`);
  const sameSide = all.filter((entry) => entry.houseNumber % 2 === houseNumber % 2);
  const exact = all.find((entry) => entry.houseNumber === houseNumber);
  if (exact) return { position: exact.position, basis: `geocoded address ${exact.address}` };
  // Bracketing numbers on the same side first, then on either side; numbering density changes
  // along a road, so a bracket is always better than a straight-line extrapolation.
  for (const candidates of [sameSide, all]) {
    const lower = candidates.filter((entry) => entry.houseNumber < houseNumber).at(-1);
    const upper = candidates.find((entry) => entry.houseNumber > houseNumber);
    if (lower && upper) {
      return {
        position: interpolate(lower, upper, houseNumber),
        basis: `interpolated by house number between geocoded ${lower.address} and ${upper.address}`,
      };
    }
  }
  // Outside the known range: extrapolate along the longest baseline, which is the least
  // sensitive to the scatter of single geocodes.
  const baseline = sameSide.length >= 2 ? sameSide : all;
  const first = baseline[0];
  const last = baseline.at(-1)!;
  return {
    position: interpolate(first, last, houseNumber),
    basis: `extrapolated by house number from geocoded ${first.address} and ${last.address}`,
  };
}
