import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { coveredAreaAround } from '../../server/import/check-file-location.ts';
import { readAddressGazetteer } from '../../server/import/read-address-gazetteer.ts';
import { measureLocatorError, type LocatorError } from '../helpers/measure-address-locator.ts';

/** The offline address locator's leave-one-out error on the shipped geodata, around 潍坊新村 (1.5 km margin). */
export function measureAddressLocator(geodataDirectory: string): LocatorError {
  const boundary = JSON.parse(readFileSync(join(geodataDirectory, 'boundary.geojson'), 'utf8')).features.find((feature: { id: string }) => feature.id === 'subdistrict-weifang-xincun');
  const area = coveredAreaAround(boundary.geometry.coordinates[0], '潍坊新村街道', 1500);
  return measureLocatorError(readAddressGazetteer(geodataDirectory), area);
}
