/**
 * The terms of "bring your own data" both sides use: the formats, coordinate systems, column
 * fields, match qualities and limits of an import. Zod-free, so the 导入数据 dialog imports them
 * at run time; server/contract/import.ts re-exports them beside its schemas.
 */

/**
 * xlsx: Excel workbook; shapefile-zip: a .zip holding a Shapefile's .shp/.dbf/.prj(/.cpg);
 * gpkg: GeoPackage; kml: KML or KMZ.
 */
export const importFormats = ['geojson', 'csv', 'osm', 'xlsx', 'shapefile-zip', 'gpkg', 'kml'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** WGS 84, GCJ-02 (Amap, Tencent: 火星坐标), BD-09 (Baidu), CGCS2000 (EPSG:4490). Everything is stored as WGS 84. */
export const coordinateSystems = ['wgs84', 'gcj02', 'bd09', 'cgcs2000'] as const;
export type CoordinateSystem = (typeof coordinateSystems)[number];
/** A named system, or a projected one by its EPSG code ("epsg:4549": CGCS2000 Gauss–Krüger, UTM, Web Mercator). */
export type ImportCoordinateSystem = CoordinateSystem | `epsg:${number}`;
export const coordinateSystemPattern = /^(wgs84|gcj02|bd09|cgcs2000|(epsg:?)?\d{4,5})$/i;

/**
 * The fields a file's columns can be mapped to, as the dashboard stores them. A person (or the
 * guess from the header) says which column is which; the other columns are kept as they are.
 */
export const columnFields = ['id', 'name', 'facility_type', 'address', 'longitude', 'latitude', 'capacity', 'opening_date'] as const;
export type ColumnField = (typeof columnFields)[number];
export type ColumnMapping = Partial<Record<ColumnField, string>>;

/** How many rows a preview returns as features; the report counts every row. */
export const previewFeatureLimit = 2000;

/** How an address-located row's position was found (see server/import/locate-address.ts). */
export const matchQualities = ['exact', 'interpolated', 'street', 'not-found'] as const;
export type MatchQuality = (typeof matchQualities)[number];

/** Bounds on one file, so that one upload cannot exhaust the server. */
export const importLimits = {
  fileBytes: 10 * 1024 * 1024,
  features: 100_000,
  verticesPerFeature: 100_000,
  vertices: 2_000_000,
} as const;

/** A collection's id: lower_snake_case, a lower-case letter first, at most 63 characters. */
export const collectionIdPattern = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * How an import came: `cli` (npm run import on the server), `token` (a script with the admin
 * token), `session` (a signed-in editor, named in importedByUser). `api` is an import through the
 * API recorded before the difference was kept: whether a person or a script sent it is not known.
 */
export const importChannels = ['cli', 'token', 'session', 'api'] as const;
export type ImportChannel = Exclude<(typeof importChannels)[number], 'api'>;
