import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { readAddresses } from '../../geodata/build/read-source-files.ts';
import type { AddressGazetteer, KnownAddress, KnownStreet } from './locate-address.ts';

// Features whose position rests on their address; generated and estimated ones would place a new
// row at a guess.
const addressSources = new Set(['address-derived', 'official', 'surveyed', 'imported']);

/**
 * What the address locator knows, from the geodata the dashboard is seeded with: the geocoded
 * addresses of 浦东新区 (geodata/sources), the facilities and buildings that have an address and
 * a position taken from it, and the named street centrelines.
 */
export function readAddressGazetteer(geodataDirectory: string): AddressGazetteer {
  const read = (name: string) => JSON.parse(readFileSync(join(geodataDirectory, `${name}.geojson`), 'utf8')) as FeatureCollection;
  const addresses: KnownAddress[] = readAddresses().map((address) => ({ address: address.address, position: address.position, origin: 'geocoded address' }));
  for (const [collection, kind] of [['facilities', 'facility'], ['buildings', 'building']] as const) {
    for (const feature of read(collection).features) {
      const { address, source, name } = feature.properties ?? {};
      if (typeof address !== 'string' || !addressSources.has(source) || !feature.geometry) continue;
      addresses.push({ address, position: representativePosition(feature.geometry), origin: `${kind} ${name}` });
    }
  }
  const streets: KnownStreet[] = read('roads').features.flatMap((feature) => {
    const name = feature.properties?.name;
    const geometry = feature.geometry;
    if (typeof name !== 'string' || !geometry) return [];
    if (geometry.type === 'LineString') return [{ name, lines: [geometry.coordinates] }];
    if (geometry.type === 'MultiLineString') return [{ name, lines: geometry.coordinates }];
    return [];
  });
  return { addresses, streets };
}

/** A point's position, or the mean of a shape's outer vertices (the footprints here are small and convex). */
function representativePosition(geometry: Geometry): [number, number] {
  if (geometry.type === 'Point') return [geometry.coordinates[0], geometry.coordinates[1]];
  const ring: Position[] = geometry.type === 'Polygon' ? geometry.coordinates[0].slice(1)
    : geometry.type === 'MultiPolygon' ? geometry.coordinates[0][0].slice(1)
      : geometry.type === 'LineString' ? geometry.coordinates : [];
  if (ring.length === 0) throw new Error(`cannot place a ${geometry.type} by its address`);
  return [ring.reduce((sum, position) => sum + position[0], 0) / ring.length, ring.reduce((sum, position) => sum + position[1], 0) / ring.length];
}
