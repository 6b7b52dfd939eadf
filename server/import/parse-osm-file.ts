import { DOMParser } from '@xmldom/xmldom';
import type { Feature } from 'geojson';
import osmtogeojson from 'osmtogeojson';
import { RequestError } from '../errors.ts';
import type { ParsedFile, ParsedRow } from './parsed-file.ts';

/**
 * Reads an OpenStreetMap XML file (.osm, as JOSM or the Overpass API write it) with osmtogeojson:
 * tagged nodes become points, ways lines or polygons (by OSM's area rules), multipolygon relations
 * polygons. Untagged nodes that only shape a way are not features. Each row is located by its
 * element, `type/id`, which is also its stable id. Properties are the element's tags.
 */
export function parseOsmFile(text: string): ParsedFile {
  const errors: string[] = [];
  let document: ReturnType<DOMParser['parseFromString']>;
  try {
    document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') errors.push(message.replace(/\s+/g, ' ').trim());
      },
    }).parseFromString(text, 'text/xml');
  } catch (error) {
    errors.push((error as Error).message.replace(/\s+/g, ' ').trim());
  }
  if (errors.length > 0 || !document!) {
    throw new RequestError(400, 'UnreadableFile', `The file is not well-formed XML: ${errors[0] ?? 'no document'}`, '文件不是格式正确的 XML');
  }
  if (document.documentElement?.nodeName !== 'osm') {
    throw new RequestError(400, 'UnreadableFile', `An OpenStreetMap XML file has an <osm> root element; this one has <${document.documentElement?.nodeName ?? 'nothing'}>`,
      'OpenStreetMap XML 文件的根元素应为 <osm>');
  }
  const collection = osmtogeojson(document, { flatProperties: false });
  const rows = collection.features.map((feature): ParsedRow => {
    const element = String(feature.id);
    const properties = (feature.properties ?? {}) as { tags?: Record<string, string>; tainted?: boolean };
    const row: ParsedRow = { location: element, osmElement: element, fileId: element, problems: [] };
    if (properties.tainted) row.problems.push('refers to nodes or ways that are not in the file (export the area with everything it references)');
    row.feature = { type: 'Feature', properties: { ...properties.tags }, geometry: feature.geometry } satisfies Feature;
    return row;
  });
  rows.push(...findElementsLeftOut(document, new Set(rows.map((row) => row.osmElement!))));
  return { rows, warnings: [] };
}

type XmlElement = ReturnType<ReturnType<DOMParser['parseFromString']>['getElementsByTagName']>[number];

/**
 * osmtogeojson silently drops what it cannot draw: a way with fewer than two of its nodes in the
 * file, a relation whose members are missing. Every such element is a bad row, not a silent loss.
 */
function findElementsLeftOut(document: ReturnType<DOMParser['parseFromString']>, made: Set<string>): ParsedRow[] {
  const nodeIds = new Set(Array.from(document.getElementsByTagName('node'), (node) => node.getAttribute('id')));
  const relationMembers = new Set(Array.from(document.getElementsByTagName('member'), (member) => `${member.getAttribute('type')}/${member.getAttribute('ref')}`));
  const tagsOf = (element: XmlElement) => Array.from(element.getElementsByTagName('tag'), (tag) => tag.getAttribute('k'));
  const leftOut: ParsedRow[] = [];
  for (const way of Array.from(document.getElementsByTagName('way'))) {
    const element = `way/${way.getAttribute('id')}`;
    if (made.has(element) || relationMembers.has(element)) continue;
    const references = Array.from(way.getElementsByTagName('nd'), (reference) => reference.getAttribute('ref'));
    const present = references.filter((reference) => nodeIds.has(reference)).length;
    leftOut.push({ location: element, osmElement: element, fileId: element, problems: [`has ${present} of its ${references.length} node(s) in the file; a way needs at least two`] });
  }
  for (const relation of Array.from(document.getElementsByTagName('relation'))) {
    const element = `relation/${relation.getAttribute('id')}`;
    if (made.has(element) || relationMembers.has(element) || tagsOf(relation).every((key) => key === 'type')) continue;
    leftOut.push({ location: element, osmElement: element, fileId: element, problems: ['could not be made into a geometry: only multipolygon relations whose member ways are all in the file can be imported'] });
  }
  return leftOut;
}
