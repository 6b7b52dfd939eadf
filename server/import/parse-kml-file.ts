import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import type { Geometry } from 'geojson';
import { RequestError } from '../errors.ts';
import type { ParsedFile } from './parsed-file.ts';
import { readFeatureRows } from './read-feature-rows.ts';

// Drawing properties togeojson copies from KML styles: not the data a planner brings in.
const styleProperties = new Set([
  'styleUrl', 'styleHash', 'styleMapHash', 'stroke', 'stroke-opacity', 'stroke-width', 'fill', 'fill-opacity',
  'icon', 'icon-color', 'icon-opacity', 'icon-scale', 'icon-heading', 'icon-offset', 'icon-offset-units', 'label-color', 'label-opacity', 'label-scale', 'visibility',
]);

/**
 * Reads a KML file (Google Earth, 奥维 and most GIS programs export it), or a KMZ (a zip with the
 * KML inside), with togeojson: each Placemark is a row with its name, description and ExtendedData
 * as properties. KML is WGS 84 by definition; a Chinese tool that wrote GCJ-02 instead is caught by
 * the location check. Rows are located by their Placemark's order and name.
 */
export function parseKmlFile(bytes: Uint8Array): ParsedFile {
  const text = new TextDecoder().decode(isZip(bytes) ? readKmlFromKmz(bytes) : bytes);
  const errors: string[] = [];
  const document = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') errors.push(message.replace(/\s+/g, ' ').trim());
    },
  }).parseFromString(text, 'text/xml');
  if (errors.length > 0 || document.documentElement?.nodeName !== 'kml') {
    throw new RequestError(400, 'UnreadableFile', `The file is not a KML document${errors.length > 0 ? `: ${errors[0]}` : ` (its root element is <${document.documentElement?.nodeName ?? 'nothing'}>)`}`,
      '文件不是有效的 KML 文档');
  }
  const collection = kml(document as unknown as Document);
  const features = collection.features.map((feature) => ({
    geometry: feature.geometry as Geometry | null,
    properties: Object.fromEntries(Object.entries(feature.properties ?? {}).filter(([name]) => !styleProperties.has(name))),
  }));
  const { rows, columns } = readFeatureRows(features, (index, feature) => {
    const name = feature.properties?.name;
    return `placemark ${index + 1}${typeof name === 'string' && name.trim() !== '' ? ` (${JSON.stringify(name.trim().slice(0, 40))})` : ''}`;
  }, 'utc');
  return { rows, columns, warnings: [] };
}

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;

function readKmlFromKmz(bytes: Uint8Array): Uint8Array {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (file) => /\.kml$/i.test(file.name) });
  } catch (error) {
    throw new RequestError(400, 'UnreadableFile', `The KMZ file is not a readable zip: ${(error as Error).message}`, 'KMZ 文件不是可读取的 zip 压缩包');
  }
  // By convention the main document is doc.kml; otherwise the first KML in the archive.
  const name = Object.keys(entries).find((path) => /(^|\/)doc\.kml$/i.test(path)) ?? Object.keys(entries).sort()[0];
  if (name === undefined) throw new RequestError(400, 'UnreadableFile', 'The KMZ file holds no .kml document', 'KMZ 文件中没有 .kml 文档');
  return entries[name];
}
