// OpenStreetMap (ODbL 1.0) in the build: finding ways and nodes by id, chaining ways into one
// line, the attribution the licence asks for, and the sentence every OSM-derived feature carries.
import type { LineString, Point, Polygon, MultiPolygon } from 'geojson';
import type { Dataset } from './feature-types.ts';
import { projectToMetres, type LonLat, type Metres } from './local-projection.ts';
import type { OsmElement, OsmExtract } from './read-source-files.ts';

export const osmAttribution = { attribution: '© OpenStreetMap contributors', attributionUrl: 'https://www.openstreetmap.org/copyright' };

/** "OpenStreetMap way 12618613" and the attribution, for a source_detail. */
export function describeOsm(kind: 'way' | 'node', ids: string[]): string {
  return `OpenStreetMap ${kind}${ids.length > 1 ? 's' : ''} ${ids.join(', ')} (© OpenStreetMap contributors, ODbL 1.0)`;
}

/** describeOsm in Chinese: "OpenStreetMap 路径 12618613"; the attribution stays as the licence words it. */
export function describeOsmZh(kind: 'way' | 'node', ids: string[]): string {
  return `OpenStreetMap ${kind === 'way' ? '路径' : '节点'} ${ids.join('、')}（© OpenStreetMap contributors，ODbL 1.0）`;
}

function findElement(elements: OsmElement[], osmId: string): OsmElement {
  const element = elements.find((candidate) => candidate.osmId === osmId);
  if (!element) throw new Error(`OpenStreetMap element ${osmId} is not in the extract: the source changed`);
  return element;
}

export const findOsmWay = (extract: OsmExtract, wayId: string): OsmElement =>
  findElement([...extract.highways, ...extract.lines, ...extract.areas, ...extract.parks], wayId);

export const findOsmNode = (extract: OsmExtract, nodeId: string): LonLat =>
  (findElement(extract.points, nodeId).geometry as Point).coordinates as LonLat;

/** The outer ring of an OSM area as a polygon (GDAL writes areas as one-part multipolygons). */
export function osmAreaPolygon(extract: OsmExtract, wayId: string): Polygon {
  const geometry = findOsmWay(extract, wayId).geometry as Polygon | MultiPolygon;
  return { type: 'Polygon', coordinates: geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates[0] };
}

const distanceBetween = (a: Metres, b: Metres) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** Ways that follow one another (in any direction) joined into one line in local metres. */
export function chainOsmWays(extract: OsmExtract, wayIds: string[]): Metres[] {
  const lines = wayIds.map((wayId) => ((findOsmWay(extract, wayId).geometry as LineString).coordinates as LonLat[]).map(projectToMetres));
  let chain = lines[0];
  for (const next of lines.slice(1)) {
    // Orient both so the chain's end meets the next way's start, whichever ends are closest.
    const options = [
      { chain, next },
      { chain, next: [...next].reverse() },
      { chain: [...chain].reverse(), next },
      { chain: [...chain].reverse(), next: [...next].reverse() },
    ];
    const best = options.reduce((a, b) => (distanceBetween(a.chain.at(-1)!, a.next[0]) <= distanceBetween(b.chain.at(-1)!, b.next[0]) ? a : b));
    chain = [...best.chain, ...(distanceBetween(best.chain.at(-1)!, best.next[0]) < 0.5 ? best.next.slice(1) : best.next)];
  }
  return chain;
}

/** Adds the attribution to the header of every collection that holds OpenStreetMap features. */
export function attributeOsm(dataset: Dataset): Dataset {
  const usesOsm = dataset.features.some((feature) => feature.properties.source === 'osm' || Array.isArray(feature.properties.osm_way_ids));
  return usesOsm ? { ...dataset, header: { ...dataset.header, ...osmAttribution } } : dataset;
}
