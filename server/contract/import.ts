import { z } from '@hono/zod-openapi';
import { collectionIdPattern, columnFields, coordinateSystemPattern, coordinateSystems, importFormats, matchQualities, previewFeatureLimit } from './vocabulary/import.ts';

/**
 * Request and report schemas of "bring your own data": a planning office loads the files it keeps
 * (Excel, CSV, zipped Shapefile, GeoPackage, KML, GeoJSON, OpenStreetMap XML) into a collection,
 * from the command line or through the API, after a preview if it likes. The terms without zod
 * (formats, fields, limits) are in vocabulary/import.ts, which the client imports at run time.
 */

export {
  collectionIdPattern, columnFields, coordinateSystemPattern, coordinateSystems, importFormats, importLimits, matchQualities, previewFeatureLimit,
  type ColumnField, type ColumnMapping, type CoordinateSystem, type ImportCoordinateSystem, type ImportFormat, type MatchQuality,
} from './vocabulary/import.ts';

/**
 * Ids an import may not take: PostgreSQL's own namespaces (`pg_…`, `information_schema`), the
 * names of the database's own tables (a collection named `app_user` or `user_session` would read,
 * in the API and in a backup, as if it were the accounts), words the API's paths use, and
 * `projects`, whose features mirror the projects table and change only through the project routes
 * (an import there would bypass their rules, versions and audit). The pattern of collectionId
 * already keeps out upper case, other scripts' letters, dots and slashes.
 */
const reservedCollectionIds = new Set([
  'projects', 'information_schema', 'public',
  'analysis_revision', 'app_user', 'collection', 'estate_renovation', 'estate_renovation_audit', 'facility_opening', 'facility_standard',
  'facility_standard_audit', 'feature', 'feature_import', 'project', 'project_action', 'project_audit', 'project_feature_link',
  'project_status_report', 'user_session', 'schema_migration',
  'api', 'collections', 'conformance', 'openapi', 'items', 'queryables', 'schema', 'tiles', 'import', 'preview', 'health', 'config',
  'session', 'users', 'admin',
]);

export function isReservedCollectionId(collectionId: string): boolean {
  return reservedCollectionIds.has(collectionId) || /^(pg|sql)_/.test(collectionId);
}

export const ImportParameters = z.object({
  collectionId: z
    .string()
    .regex(collectionIdPattern, 'collectionId must be lower_snake_case: a lower-case letter, then letters, digits or _ (at most 63)')
    .openapi({ param: { name: 'collectionId', in: 'path' }, example: 'surveyed_facilities' }),
});

const QueryFlag = (name: string, description: string) =>
  z
    .enum(['true', 'false', '1', '0'], { message: `${name} must be true or false` })
    .optional()
    .transform((value) => value === 'true' || value === '1')
    .openapi({ type: 'string', enum: ['true', 'false'], description });

export const ImportQuery = z.object({
  format: z
    .enum(importFormats, { message: `format must be one of ${importFormats.join(', ')}` })
    .optional()
    .openapi({ description: 'File format; by default from fileName\'s extension, else from Content-Type' }),
  crs: z
    .string()
    .regex(coordinateSystemPattern, `crs must be one of ${coordinateSystems.join(', ')}, or an EPSG code such as epsg:4549`)
    .optional()
    .openapi({
      description: 'Coordinate system of the file: wgs84, gcj02, bd09, cgcs2000 or an EPSG code (epsg:4549 = CGCS2000 Gauss–Krüger 3-degree CM 120°E, epsg:4528…4554, UTM, 3857). '
        + 'Default: what the file says (.prj, GeoPackage srs, CSV column names such as gcj02_lng), else wgs84',
      example: 'epsg:4549',
    }),
  layer: z
    .string()
    .max(200, 'layer must be at most 200 characters')
    .optional()
    .openapi({ description: 'The layer of a zipped Shapefile or a GeoPackage, or the sheet of an Excel workbook (alias: sheet); default the first' }),
  sheet: z.string().max(200, 'sheet must be at most 200 characters').optional().openapi({ description: 'The sheet of an Excel workbook (same as layer)' }),
  columns: z
    .string()
    .max(4000, 'columns must be at most 4000 characters')
    .optional()
    .openapi({
      description: `JSON object saying which column of the file is which field (${columnFields.join(', ')}), e.g. {"name":"设施名称","address":"地址"}. `
        + 'Fields left out are guessed from the header (名称/name, 类型/type, 地址/address, 经度/纬度, 容量/capacity, 开放日期…). A CSV file is placed by its addresses only when this names its address column',
      example: '{"name":"设施名称","facility_type":"设施类型","address":"地址"}',
    }),
  dryRun: QueryFlag('dryRun', 'Preview: read and check the whole file, answer the report and the rows as features, and write nothing'),
  replace: QueryFlag('replace', 'Replace every feature of the collection with the file\'s; the seed step then leaves the collection alone'),
  keepGoodRows: QueryFlag('keepGoodRows', 'Load the good rows of a file that has bad ones, and report the rest'),
  fileName: z
    .string()
    .max(200, 'fileName must be at most 200 characters')
    .optional()
    .openapi({ description: 'Name of the uploaded file: recorded in source_detail, and its extension gives the format', example: 'facilities_survey_2026.csv' }),
  title: z
    .string()
    .max(200, 'title must be at most 200 characters')
    .optional()
    .openapi({ description: 'Title of a collection the import creates (default: its id)', example: '实测设施' }),
});

export const BadRow = z
  .object({
    /** Where the row is, in words: "line 12", "features[3]", "way/123". */
    location: z.string(),
    line: z.number().optional().openapi({ description: 'CSV: line number in the file, counting the header as line 1' }),
    featureIndex: z.number().optional().openapi({ description: 'GeoJSON: index in the features array, from 0' }),
    osmElement: z.string().optional().openapi({ description: 'OpenStreetMap: type/id of the element' }),
    reasons: z.array(z.string()),
    reasonsZh: z.array(z.string()).openapi({ description: 'The reasons in Chinese, in the same order' }),
  })
  .openapi('ImportBadRow');
export type BadRow = z.infer<typeof BadRow>;

export const ImportReport = z
  .object({
    collectionId: z.string(),
    fileName: z.string(),
    format: z.enum(importFormats),
    crs: z.string().openapi({ description: 'The coordinate system the file was read in (wgs84, gcj02, bd09, cgcs2000 or epsg:NNNN)' }),
    declaredCrs: z.string().optional().openapi({ description: 'The coordinate system the file itself names (.prj, GeoPackage srs, CSV column names), if any' }),
    encoding: z.string().optional().openapi({ description: 'The text encoding the file (or a Shapefile\'s .dbf) was read in: utf-8, gb18030 (GBK)…' }),
    layers: z.array(z.string()).optional().openapi({ description: 'The sheets or layers the file holds (Excel, zipped Shapefile, GeoPackage)' }),
    layer: z.string().optional().openapi({ description: 'The one of them that was read' }),
    columns: z.array(z.string()).optional().openapi({ description: 'The file\'s attribute columns, in its order' }),
    columnMapping: z.record(z.string(), z.string()).openapi({ description: 'Which column was read as which field (given, or guessed from the header)' }),
    located: z
      .object({ exact: z.number(), interpolated: z.number(), street: z.number(), notFound: z.number() })
      .optional()
      .openapi({ description: 'Rows without coordinates placed by their address, by match quality' }),
    locationCheck: z
      .object({
        verdict: z.enum(['inside', 'refused']),
        cause: z.string().optional(),
        message: z.string().optional(),
        messageZh: z.string().optional(),
        rowsOutside: z.number(),
      })
      .optional()
      .openapi({ description: 'Whether the rows land in the area the dashboard covers, and if not the likely cause (GCJ-02 read as WGS 84, axes swapped…)' }),
    dryRun: z.boolean().openapi({ description: 'A preview: nothing was written' }),
    /** True when the file's good rows are in the database (false: nothing was written). */
    loaded: z.boolean(),
    /** True when every row of the file is in the database. */
    complete: z.boolean(),
    collectionCreated: z.boolean(),
    replaced: z.boolean(),
    counts: z.object({
      rows: z.number(),
      added: z.number(),
      changed: z.number(),
      unchanged: z.number(),
      removed: z.number().openapi({ description: 'Features the collection had and the file does not (replace only)' }),
      bad: z.number(),
    }),
    badRows: z.array(BadRow),
    warnings: z.array(z.string()),
    warningsZh: z.array(z.string()).openapi({ description: 'The warnings in Chinese, in the same order' }),
    message: z.string(),
    messageZh: z.string(),
  })
  .openapi('ImportReport');
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportProblem = z.object({ message: z.string(), messageZh: z.string() }).openapi('ImportProblem');

/** One row of a previewed file: its feature in WGS 84 (geometry null when it could not be placed), with where it is in the file and what is wrong with it. */
export const PreviewFeature = z
  .object({
    type: z.literal('Feature'),
    id: z.string().optional(),
    geometry: z.record(z.string(), z.unknown()).nullable().openapi({ description: 'GeoJSON geometry in WGS 84, or null' }),
    properties: z.record(z.string(), z.unknown()).nullable(),
    row: z.object({
      location: z.string(),
      line: z.number().optional(),
      featureIndex: z.number().optional(),
      osmElement: z.string().optional(),
      problems: z.array(ImportProblem),
      matchQuality: z.enum(matchQualities).optional().openapi({ description: 'For a row placed by its address: how well the address matched' }),
    }),
  })
  .openapi('ImportPreviewFeature');
export type PreviewFeature = z.infer<typeof PreviewFeature>;

export const ImportPreview = z
  .object({
    report: ImportReport,
    type: z.literal('FeatureCollection'),
    features: z.array(PreviewFeature),
    truncated: z.boolean().openapi({ description: `True when the file has more than ${previewFeatureLimit} rows and only the first are given` }),
  })
  .openapi('ImportPreview');
export type ImportPreview = z.infer<typeof ImportPreview>;
