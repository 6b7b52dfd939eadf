import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, Polygon } from 'geojson';
import { coveredAreaAround, type CoveredArea } from './check-file-location.ts';
import { buildAddressIndex, type AddressIndex } from './locate-address.ts';
import { readAddressGazetteer } from './read-address-gazetteer.ts';

/** What an import checks rows against: the area the dashboard covers, and the address locator's index. */
export interface ImportPlaces {
  area?: CoveredArea;
  addressIndex?: AddressIndex;
}

// The subdistrict the dashboard is about, and how far past its boundary a file's rows may lie
// (the walking network and the facilities are carried some 1.5 km beyond it).
const subdistrictId = 'subdistrict-weifang-xincun';
const subdistrictName = '潍坊新村街道';
const marginMetres = 1500;

const cache = new Map<string, ImportPlaces>();

/**
 * Read once per geodata directory (the index takes some 100 ms to build). A directory without
 * the boundary or the address sources gives an import without that check, not a failed import.
 */
export function readImportPlaces(geodataDirectory: string): ImportPlaces {
  let places = cache.get(geodataDirectory);
  if (places) return places;
  places = {};
  try {
    const boundary = (JSON.parse(readFileSync(join(geodataDirectory, 'boundary.geojson'), 'utf8')).features as Feature[])
      .find((feature) => feature.id === subdistrictId) as Feature<Polygon> | undefined;
    if (boundary) places.area = coveredAreaAround(boundary.geometry.coordinates[0], subdistrictName, marginMetres);
  } catch {
    // No boundary: the location check is skipped.
  }
  try {
    places.addressIndex = buildAddressIndex(readAddressGazetteer(geodataDirectory));
  } catch {
    // No gazetteer: rows without coordinates cannot be placed, and say so.
  }
  cache.set(geodataDirectory, places);
  return places;
}
