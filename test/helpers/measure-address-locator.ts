import { metresBetween } from '../../server/geo/measure-metres.ts';
import type { CoveredArea } from '../../server/import/check-file-location.ts';
import { buildAddressIndex, locateAddress, type AddressGazetteer, type MatchQuality } from '../../server/import/locate-address.ts';
import { parseShanghaiAddress } from '../../server/import/parse-shanghai-address.ts';

export interface LocatorError {
  /** Addresses left out and placed again. */
  count: number;
  medianMetres: number;
  percentile90Metres: number;
  byQuality: Partial<Record<MatchQuality, { count: number; medianMetres?: number }>>;
}

const percentile = (sorted: number[], share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];

/**
 * Leave-one-out: every geocoded address with a street and a house number inside `area` is taken
 * out of the gazetteer (with every entry of the same street, number and kind, so that a 号 and its
 * copy from a facility do not give it away) and placed again from the rest; the error is the
 * distance to its geocoded position. Not found counts in byQuality only.
 */
export function measureLocatorError(gazetteer: AddressGazetteer, area: CoveredArea): LocatorError {
  const streetNames = gazetteer.streets.map((street) => street.name);
  const keyOf = (address: string) => {
    const parsed = parseShanghaiAddress(address, streetNames);
    return parsed.street !== undefined && parsed.houseNumber !== undefined ? `${parsed.street}${parsed.houseNumber}${parsed.kind}` : undefined;
  };
  const keys = gazetteer.addresses.map((known) => keyOf(known.address));
  const tested = new Set<string>();
  const errors: number[] = [];
  const byQuality: Record<MatchQuality, number[] | number> = { exact: [], interpolated: [], street: [], 'not-found': 0 };
  gazetteer.addresses.forEach((known, index) => {
    const key = keys[index];
    const [longitude, latitude] = known.position;
    if (known.origin !== 'geocoded address' || key === undefined || tested.has(key)) return;
    if (longitude < area.west || longitude > area.east || latitude < area.south || latitude > area.north) return;
    tested.add(key);
    const rest = { ...gazetteer, addresses: gazetteer.addresses.filter((_, other) => keys[other] !== key) };
    const located = locateAddress(buildAddressIndex(rest), known.address);
    if (!located.position) {
      (byQuality['not-found'] as number) += 1;
      return;
    }
    const error = metresBetween(located.position, known.position);
    errors.push(error);
    (byQuality[located.quality] as number[]).push(error);
  });
  const sorted = errors.sort((a, b) => a - b);
  const summarise = (values: number[]) => ({ count: values.length, medianMetres: values.length > 0 ? percentile([...values].sort((a, b) => a - b), 0.5) : undefined });
  return {
    count: sorted.length,
    medianMetres: percentile(sorted, 0.5),
    percentile90Metres: percentile(sorted, 0.9),
    byQuality: {
      exact: summarise(byQuality.exact as number[]),
      interpolated: summarise(byQuality.interpolated as number[]),
      street: summarise(byQuality.street as number[]),
      'not-found': { count: byQuality['not-found'] as number },
    },
  };
}
