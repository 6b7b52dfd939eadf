import { unzipSync } from 'fflate';
import type { Geometry } from 'geojson';
import { open } from 'shapefile';
import { RequestError } from '../errors.ts';
import type { SourceCoordinateSystem } from '../geo/coordinate-systems.ts';
import { recogniseWkt } from '../geo/recognise-coordinate-system.ts';
import { readCodePage } from './decode-text.ts';
import type { ParsedFile } from './parsed-file.ts';
import { readFeatureRows, type FileFeature } from './read-feature-rows.ts';

export interface ShapefileOptions {
  /** The layer (the .shp's base name) to read when the zip holds several; default the first. */
  layer?: string;
  /** The coordinate system a person chose; it wins over the .prj. */
  crs?: SourceCoordinateSystem;
}

interface Layer {
  name: string;
  shp: Uint8Array;
  dbf?: Uint8Array;
  prj?: Uint8Array;
  cpg?: Uint8Array;
}

// The .dbf's language driver byte (offset 29) for the Chinese code page 936, which ArcGIS writes
// when it has no .cpg to write.
const chineseLanguageDriver = 0x4d;

/**
 * Reads a zipped Shapefile: the .shp's shapes, the .dbf's attributes in the encoding its .cpg names
 * (else its language driver byte, else UTF-8 when the text is valid UTF-8, else GBK), and the
 * coordinate system its .prj describes (see recognise-coordinate-system.ts). Rows are located by
 * their record number, from 1 as GIS programs show them.
 */
export async function parseShapefile(bytes: Uint8Array, options: ShapefileOptions = {}): Promise<ParsedFile<SourceCoordinateSystem>> {
  const layers = findLayers(bytes);
  const layer = options.layer === undefined ? layers[0] : layers.find((candidate) => candidate.name === options.layer);
  if (!layer) {
    throw new RequestError(400, 'LayerNotFound', `The zip has no layer "${options.layer}"; its layers are: ${layers.map((candidate) => candidate.name).join(', ')}`,
      `压缩包中没有图层“${options.layer}”，其中的图层有：${layers.map((candidate) => candidate.name).join('、')}`);
  }
  const warnings: string[] = [];
  if (layers.length > 1 && options.layer === undefined) warnings.push(`the zip holds ${layers.length} layers (${layers.map((candidate) => candidate.name).join(', ')}); ${layer.name} was read`);

  const encoding = layer.dbf ? chooseEncoding(layer, warnings) : undefined;
  const features: FileFeature[] = [];
  try {
    const source = await open(layer.shp, layer.dbf, { encoding });
    for (let result = await source.read(); !result.done; result = await source.read()) {
      features.push({ geometry: result.value.geometry as Geometry | null, properties: result.value.properties });
    }
  } catch (error) {
    throw new RequestError(400, 'UnreadableFile', `The Shapefile ${layer.name} cannot be read: ${(error as Error).message}`, `Shapefile ${layer.name} 无法读取`);
  }
  if (!layer.dbf) warnings.push(`${layer.name} has no .dbf: its features have no attributes`);

  let declaredCrs: SourceCoordinateSystem | undefined;
  if (layer.prj && !options.crs) {
    const recognised = recogniseWkt(new TextDecoder().decode(layer.prj));
    if ('problem' in recognised) throw new RequestError(400, 'UnsupportedCrs', recognised.problem, recognised.problemZh);
    declaredCrs = recognised.crs;
  }
  if (!layer.prj && !options.crs) warnings.push(`${layer.name} has no .prj: its coordinate system is not known`);
  const { rows, columns } = readFeatureRows(features, (index) => `record ${index + 1}`, 'local');
  return { rows, columns, declaredCrs, warnings, encoding, layers: layers.map((candidate) => candidate.name), layer: layer.name };
}

function findLayers(bytes: Uint8Array): Layer[] {
  let entries: Record<string, Uint8Array>;
  try {
    // Only the parts of a shapefile are inflated; anything else in the zip is skipped unread.
    entries = unzipSync(bytes, { filter: (file) => /\.(shp|dbf|prj|cpg)$/i.test(file.name) && !file.name.startsWith('__MACOSX/') });
  } catch (error) {
    throw new RequestError(400, 'UnreadableFile', `The file is not a readable zip: ${(error as Error).message}`, '文件不是可读取的 zip 压缩包');
  }
  const layers = new Map<string, Partial<Layer> & { name: string }>();
  for (const [path, content] of Object.entries(entries)) {
    const match = /^(.*?)\.(shp|dbf|prj|cpg)$/i.exec(path)!;
    const name = match[1].split('/').pop()!;
    const layer = layers.get(match[1]) ?? { name };
    layer[match[2].toLowerCase() as 'shp' | 'dbf' | 'prj' | 'cpg'] = content;
    layers.set(match[1], layer);
  }
  const complete = [...layers.values()].filter((layer): layer is Layer => layer.shp !== undefined).sort((a, b) => a.name.localeCompare(b.name));
  if (complete.length === 0) {
    throw new RequestError(400, 'UnreadableFile', 'The zip holds no Shapefile (.shp with its .dbf and .prj)', '压缩包中没有 Shapefile（.shp 及其 .dbf、.prj）');
  }
  return complete;
}

function chooseEncoding(layer: Layer, warnings: string[]): string {
  if (layer.cpg) {
    const named = new TextDecoder().decode(layer.cpg).trim();
    const encoding = readCodePage(named);
    if (encoding) return encoding;
    warnings.push(`${layer.name}.cpg names the encoding "${named}", which is not known here; the attributes were read by guessing`);
  }
  if (layer.dbf![29] === chineseLanguageDriver) return 'gb18030';
  // The records start after the header, whose length is at bytes 8–9.
  const headerLength = layer.dbf![8] | (layer.dbf![9] << 8);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(layer.dbf!.subarray(headerLength));
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}
