import { z } from '@hono/zod-openapi';

/**
 * Request and report schemas of "bring your own data": a planning office loads a GeoJSON, CSV or
 * OpenStreetMap XML file into a collection, from the command line or through the API. Pure: the
 * client may import the limits and the report type.
 */

export const importFormats = ['geojson', 'csv', 'osm'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** WGS 84, GCJ-02 (Amap, Tencent: 火星坐标) and BD-09 (Baidu). Everything is stored as WGS 84. */
export const coordinateSystems = ['wgs84', 'gcj02', 'bd09'] as const;
export type CoordinateSystem = (typeof coordinateSystems)[number];

/** Bounds on one file, so that one upload cannot exhaust the server. */
export const importLimits = {
  fileBytes: 10 * 1024 * 1024,
  features: 100_000,
  verticesPerFeature: 100_000,
  vertices: 2_000_000,
} as const;

export const collectionIdPattern = /^[a-z][a-z0-9_]{0,62}$/;

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
    .enum(coordinateSystems, { message: `crs must be one of ${coordinateSystems.join(', ')}` })
    .optional()
    .openapi({ description: 'Coordinate system of the file (default wgs84, or what the CSV column names say, e.g. gcj02_lng)' }),
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
  })
  .openapi('ImportBadRow');
export type BadRow = z.infer<typeof BadRow>;

export const ImportReport = z
  .object({
    collectionId: z.string(),
    fileName: z.string(),
    format: z.enum(importFormats),
    crs: z.enum(coordinateSystems),
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
    message: z.string(),
    messageZh: z.string(),
  })
  .openapi('ImportReport');
export type ImportReport = z.infer<typeof ImportReport>;

/** The answer when a file has bad rows and nothing was loaded. */
export const ImportRejection = z
  .object({ code: z.string(), message: z.string(), messageZh: z.string().optional(), report: ImportReport })
  .openapi('ImportRejection');
