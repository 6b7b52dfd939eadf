// Places a house number on a street by interpolating between the two known addresses of that
// street whose numbers bracket it. Shanghai numbers odd on one side and even on the other, so
// same-parity neighbours are preferred: they are on the same side of the street. Used by the
// geodata build (geodata/build/locate-house-number.ts) and by the import's address locator.

export interface NumberedPosition {
  houseNumber: number;
  position: [number, number];
  address: string;
}

export interface PlacedHouseNumber {
  position: [number, number];
  /** exact: a known address has this number; interpolated: between two; extrapolated: beyond them. */
  method: 'exact' | 'interpolated' | 'extrapolated';
  basis: string;
  /** The known addresses the position rests on. */
  neighbours: NumberedPosition[];
}

/** Sorts by number; duplicates of one number (号 and 弄) in a fixed order, so results are deterministic. */
export function sortNumberedPositions(list: NumberedPosition[]): NumberedPosition[] {
  return [...list].sort((a, b) => a.houseNumber - b.houseNumber || a.address.localeCompare(b.address));
}

function interpolate(lower: NumberedPosition, upper: NumberedPosition, houseNumber: number): [number, number] {
  const span = upper.houseNumber - lower.houseNumber;
  const fraction = span === 0 ? 0 : (houseNumber - lower.houseNumber) / span;
  return [
    lower.position[0] + (upper.position[0] - lower.position[0]) * fraction,
    lower.position[1] + (upper.position[1] - lower.position[1]) * fraction,
  ];
}

/** `sorted` from sortNumberedPositions, with at least two entries. */
export function placeHouseNumber(sorted: NumberedPosition[], houseNumber: number): PlacedHouseNumber {
  const sameSide = sorted.filter((entry) => entry.houseNumber % 2 === houseNumber % 2);
  const exact = sorted.find((entry) => entry.houseNumber === houseNumber);
  if (exact) return { position: exact.position, method: 'exact', basis: `geocoded address ${exact.address}`, neighbours: [exact] };
  // Bracketing numbers on the same side first, then on either side; numbering density changes
  // along a road, so a bracket is always better than a straight-line extrapolation.
  for (const candidates of [sameSide, sorted]) {
    const lower = candidates.filter((entry) => entry.houseNumber < houseNumber).at(-1);
    const upper = candidates.find((entry) => entry.houseNumber > houseNumber);
    if (lower && upper) {
      return {
        position: interpolate(lower, upper, houseNumber),
        method: 'interpolated',
        basis: `interpolated by house number between geocoded ${lower.address} and ${upper.address}`,
        neighbours: [lower, upper],
      };
    }
  }
  // Outside the known range: extrapolate along the longest baseline, which is the least
  // sensitive to the scatter of single geocodes.
  const baseline = sameSide.length >= 2 ? sameSide : sorted;
  const first = baseline[0];
  const last = baseline.at(-1)!;
  return {
    position: interpolate(first, last, houseNumber),
    method: 'extrapolated',
    basis: `extrapolated by house number from geocoded ${first.address} and ${last.address}`,
    neighbours: [first, last],
  };
}
