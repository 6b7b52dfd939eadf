import type { Geometry } from 'geojson';
import type { ParsedRow } from './parsed-file.ts';
import { readAttributeValue } from './read-attribute-value.ts';

export interface FileFeature {
  geometry: Geometry | null;
  properties: Record<string, unknown> | null;
  /** Why the reader could not read the feature's geometry, if it could not. */
  problem?: string;
}

/**
 * Rows of a GIS file's features (Shapefile, GeoPackage, KML), each located by `describe(index)`
 * ("feature 3"), with its attributes as properties (see readAttributeValue) and the attribute
 * columns in first-seen order. A feature without a geometry is a bad row, as in GeoJSON.
 */
export function readFeatureRows(features: FileFeature[], describe: (index: number, feature: FileFeature) => string, clock: 'utc' | 'local'): { rows: ParsedRow[]; columns: string[] } {
  const columns = new Set<string>();
  const rows = features.map((feature, index): ParsedRow => {
    const properties: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(feature.properties ?? {})) {
      const property = readAttributeValue(value, clock);
      if (property === undefined) continue;
      properties[name] = property;
      columns.add(name);
    }
    const row: ParsedRow = { location: describe(index, feature), featureIndex: index, problems: [] };
    if (feature.problem) row.problems.push(feature.problem);
    else if (!feature.geometry) row.problems.push('has no geometry');
    row.feature = { type: 'Feature', properties, geometry: feature.geometry };
    return row;
  });
  return { rows, columns: [...columns] };
}
