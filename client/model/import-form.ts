import type { Feature, Geometry } from 'geojson';
import {
  collectionIdPattern, importLimits, type ColumnField, type ColumnMapping, type MatchQuality,
} from '../../server/contract/vocabulary/import.ts';
import type { ImportOptions, ImportPreviewAnswer, ImportPreviewRow, ImportReportAnswer } from '../api/imports.ts';
import { boundsOfGeometry, unionOfBounds, type Bounds } from '../geometry/geometry-bounds.ts';

/**
 * The 导入数据 dialog's form as plain data, and what follows from it: the route's query, the
 * column selects, the preview's table rows and the bounds the camera fits. Pure: the actions
 * in state/import-actions.ts keep the form in a signal and call these.
 */

export interface ImportForm {
  /** An existing collection, or a new one the import creates. */
  target: 'existing' | 'new';
  /** The existing collection chosen (default 设施 facilities). */
  collectionId: string;
  /** lower_snake_case id of the new collection. */
  newCollectionId: string;
  newCollectionTitle: string;
  /** '' for what the file says (its .prj, GeoPackage srs or column names), else WGS 84. */
  coordinateSystem: string;
  /** The sheet of a workbook or the layer of a zip or GeoPackage; '' for the first. */
  layer: string;
  /** Only the columns a person chose: field → column, '' for （无） (no column). The rest is the server's guess. */
  columns: ColumnMapping;
  /** 替换: the collection becomes exactly the file's features. */
  replace: boolean;
  /** Write the good rows of a file that has bad ones, and leave the bad ones out. */
  keepGoodRows: boolean;
}

export const defaultImportCollectionId = 'facilities';

export function emptyImportForm(): ImportForm {
  return {
    target: 'existing', collectionId: defaultImportCollectionId, newCollectionId: '', newCollectionTitle: '',
    coordinateSystem: '', layer: '', columns: {}, replace: false, keepGoodRows: false,
  };
}

/**
 * The coordinate systems the dialog offers: the file's own first, then those a 街道 office meets
 * (Amap and Tencent's GCJ-02, Baidu's BD-09, CGCS2000 and its Gauss–Krüger zone for 120°E).
 */
export const coordinateSystemChoices = ['', 'wgs84', 'gcj02', 'bd09', 'cgcs2000', 'epsg:4549', 'epsg:4528', 'epsg:32651', 'epsg:3857'] as const;

/** The fields offered as column selects: every field of the contract, in the order a person reads a facility list. */
export const mappedFields: readonly ColumnField[] = ['name', 'facility_type', 'address', 'longitude', 'latitude', 'capacity', 'opening_date', 'id'];

/** The collection the import goes into. */
export function targetCollectionOf(form: ImportForm): string {
  return form.target === 'new' ? form.newCollectionId.trim() : form.collectionId;
}

export type ImportFormProblem = 'noFile' | 'fileTooLarge' | 'newCollectionId';

/** What keeps the form from being sent, or null. */
export function problemOfForm(form: ImportForm, file: { size: number } | null): ImportFormProblem | null {
  if (!file) return 'noFile';
  if (file.size > importLimits.fileBytes) return 'fileTooLarge';
  if (form.target === 'new' && !collectionIdPattern.test(targetCollectionOf(form))) return 'newCollectionId';
  return null;
}

/** The route's query for the form and the file's name: only what differs from the server's defaults. */
export function importOptionsOf(form: ImportForm, fileName: string): ImportOptions {
  const options: ImportOptions = { fileName };
  if (form.coordinateSystem) options.crs = form.coordinateSystem;
  if (form.layer) options.layer = form.layer;
  if (Object.keys(form.columns).length > 0) options.columns = JSON.stringify(form.columns);
  if (form.replace) options.replace = 'true';
  if (form.keepGoodRows) options.keepGoodRows = 'true';
  if (form.target === 'new' && form.newCollectionTitle.trim()) options.title = form.newCollectionTitle.trim();
  return options;
}

/** A person's choice for one field ('' is （无）); the preview is asked again with it. */
export function chooseColumn(form: ImportForm, field: ColumnField, column: string): ImportForm {
  return { ...form, columns: { ...form.columns, [field]: column } };
}

/** Another file: its columns and sheets are its own, so the choices made for the last one go. */
export function formForAnotherFile(form: ImportForm): ImportForm {
  return { ...form, columns: {}, layer: '' };
}

export interface ColumnSelect {
  field: ColumnField;
  /** The column read as this field ('' for none): the person's choice, else the server's guess. */
  column: string;
  /** The file's columns, in its order. */
  columns: string[];
}

/** One select per field, showing what the preview read as it. */
export function columnSelectsOf(report: ImportReportAnswer): ColumnSelect[] {
  const columns = report.columns ?? [];
  if (columns.length === 0) return [];
  return mappedFields.map((field) => ({ field, column: report.columnMapping[field] ?? '', columns }));
}

/** How a row got its position: from its coordinates, or by its address with this quality. */
export type RowPlacement = MatchQuality | 'coordinates' | 'none';

export interface PreviewTableRow {
  location: string;
  name: string;
  type: string;
  address: string;
  placement: RowPlacement;
  problems: { message: string; messageZh: string }[];
}

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** The preview's rows as the table shows them: the fields the dashboard reads, how each was placed, its problems. */
export function previewTableRows(preview: ImportPreviewAnswer): PreviewTableRow[] {
  return preview.features.map((feature) => {
    const properties = feature.properties ?? {};
    return {
      location: feature.row.location,
      name: text(properties.name),
      type: text(properties.facility_type),
      address: text(properties.address),
      placement: placementOf(feature),
      problems: feature.row.problems,
    };
  });
}

function placementOf(feature: ImportPreviewRow): RowPlacement {
  if (feature.row.matchQuality) return feature.row.matchQuality;
  return feature.geometry ? 'coordinates' : 'none';
}

/** A previewed row on the map: its name, how it was placed, and whether it has a problem. */
export type PreviewFeatureOnMap = Feature<Geometry, { name: string; placement: RowPlacement; hasProblem: boolean }>;

/** The previewed rows that have a place, as features for the map's preview layer. */
export function previewFeaturesOnMap(preview: ImportPreviewAnswer): PreviewFeatureOnMap[] {
  return preview.features.flatMap((feature, index): PreviewFeatureOnMap[] => (feature.geometry
    ? [{
      type: 'Feature',
      id: feature.id ?? `row-${index}`,
      geometry: feature.geometry as unknown as Geometry,
      properties: { name: text(feature.properties?.name), placement: placementOf(feature), hasProblem: feature.row.problems.length > 0 },
    }]
    : []));
}

// The latitudes a web map can show (Web Mercator): a row beyond them (latitude and longitude
// swapped puts 121 in the latitude) cannot be framed.
const mapLatitudeLimit = 85;
const canBeFramed = ([west, south, east, north]: Bounds) => west >= -180 && east <= 180 && south >= -mapLatitudeLimit && north <= mapLatitudeLimit;

/** The box around every previewed row with a place a map can show: where the camera goes; null when there is none. */
export function boundsOfPreview(features: readonly PreviewFeatureOnMap[]): Bounds | null {
  let bounds: Bounds | null = null;
  for (const feature of features) {
    const box = boundsOfGeometry(feature.geometry);
    if (box && canBeFramed(box)) bounds = bounds ? unionOfBounds(bounds, box) : box;
  }
  return bounds;
}

/** How many rows the import wrote: added, changed and (替换) removed. */
export function writtenCount(report: ImportReportAnswer): number {
  return report.counts.added + report.counts.changed + report.counts.removed;
}
