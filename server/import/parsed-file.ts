import type { Feature } from 'geojson';
import type { CoordinateSystem } from '../contract/import.ts';

/** Where a row is in its file: a CSV line, a GeoJSON feature index or an OpenStreetMap element. */
export interface RowLocation {
  /** In words: "line 12", "features[3]", "way/123". */
  location: string;
  line?: number;
  featureIndex?: number;
  osmElement?: string;
}

/** One row of a file as its parser read it, before conversion and validation. */
export interface ParsedRow extends RowLocation {
  /** The feature in the file's own coordinate system; absent when the row could not be read. */
  feature?: Feature;
  /** The id the file gives the row (GeoJSON id, CSV id column, OSM type/id), if any. */
  fileId?: string;
  /** Why the row cannot be loaded, in words; empty when the parser found nothing wrong. */
  problems: string[];
}

export interface ParsedFile {
  rows: ParsedRow[];
  /** The coordinate system the file itself names (e.g. CSV columns gcj02_lng/gcj02_lat). */
  declaredCrs?: CoordinateSystem;
  warnings: string[];
}

/** A file's id as it appears in a row's location, shortened if it is very long. */
export function quoteId(id: string): string {
  return JSON.stringify(id.length > 60 ? `${id.slice(0, 57)}…` : id);
}
