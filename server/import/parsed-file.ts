import type { Feature, Geometry } from 'geojson';
import type { CoordinateSystem } from '../contract/import.ts';
import type { SourceCoordinateSystem } from '../geo/coordinate-systems.ts';

/**
 * Where a row is in its file: a CSV line or spreadsheet row, a feature's index (GeoJSON,
 * Shapefile, GeoPackage, KML) or an OpenStreetMap element.
 */
export interface RowLocation {
  /** In words: "line 12", "features[3]", "way/123". */
  location: string;
  line?: number;
  featureIndex?: number;
  osmElement?: string;
}

/** One row of a file as its parser read it, before conversion and validation. */
export interface ParsedRow extends RowLocation {
  /**
   * The feature in the file's own coordinate system; absent when the row could not be read. Its
   * geometry is null for a table row without coordinates, to be placed by its address.
   */
  feature?: Feature<Geometry | null>;
  /** The id the file gives the row (GeoJSON id, CSV id column, OSM type/id), if any. */
  fileId?: string;
  /** Why the row cannot be loaded, in words; empty when the parser found nothing wrong. */
  problems: string[];
  /** The coordinate system of this row's geometry when it is not the file's (a row placed by its address is WGS 84). */
  crs?: SourceCoordinateSystem;
}

/**
 * A file as its parser read it. `Crs` is the kind of coordinate system the parser can find in the
 * file: column names name wgs84, gcj02 or bd09; a .prj or a GeoPackage names any system known in
 * geo/coordinate-systems.ts.
 */
export interface ParsedFile<Crs extends SourceCoordinateSystem = CoordinateSystem> {
  rows: ParsedRow[];
  /** The coordinate system the file itself names (CSV columns gcj02_lng/gcj02_lat, a .prj). */
  declaredCrs?: Crs;
  warnings: string[];
  /** The attribute columns in the file's order, for the step where a person says which is 名称, 地址… */
  columns?: string[];
  /** The text encoding the file (or a Shapefile's .dbf) was read in, when it had to be guessed or was named. */
  encoding?: string;
  /** The sheets or layers the file holds, when it can hold several (Excel, zipped Shapefiles, GeoPackage). */
  layers?: string[];
  /** The one of them that was read. */
  layer?: string;
}

/** A file's id as it appears in a row's location, shortened if it is very long. */
export function quoteId(id: string): string {
  return JSON.stringify(id.length > 60 ? `${id.slice(0, 57)}…` : id);
}
