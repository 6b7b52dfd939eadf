import type { Geometry } from 'geojson';
import initSqlJs, { type Database as SqliteDatabase, type SqlJsStatic } from 'sql.js';
import wkx from 'wkx';
import { RequestError } from '../errors.ts';
import type { SourceCoordinateSystem } from '../geo/coordinate-systems.ts';
import { recogniseGeopackageSystem } from '../geo/recognise-coordinate-system.ts';
import type { ParsedFile } from './parsed-file.ts';
import { readFeatureRows, type FileFeature } from './read-feature-rows.ts';

export interface GeopackageOptions {
  /** The feature table to read; default the first listed in gpkg_contents. */
  layer?: string;
  /** The coordinate system a person chose; it wins over the layer's srs_id. */
  crs?: SourceCoordinateSystem;
}

interface FeatureTable {
  name: string;
  geometryColumn: string;
  srsId: number;
}

// SQLite compiled to WebAssembly: no native module, nothing for a fresh machine to build.
let sqlite: Promise<SqlJsStatic> | undefined;

/**
 * Reads one feature table of a GeoPackage (OGC 12-128r18): its rows' attributes, and the geometry
 * blob of each (a GeoPackage header, then standard WKB), in the coordinate system its srs_id
 * names in gpkg_spatial_ref_sys. Rows are located by their feature id (fid).
 */
export async function parseGeopackage(bytes: Uint8Array, options: GeopackageOptions = {}): Promise<ParsedFile<SourceCoordinateSystem>> {
  sqlite ??= initSqlJs();
  let database: SqliteDatabase;
  try {
    database = new (await sqlite).Database(bytes);
    database.exec('select count(*) from gpkg_contents');
  } catch {
    throw new RequestError(400, 'UnreadableFile', 'The file is not a GeoPackage (an SQLite database with gpkg_contents)', '文件不是 GeoPackage');
  }
  try {
    const tables = selectRows(database,
      `select c.table_name as name, g.column_name as geometryColumn, g.srs_id as srsId from gpkg_contents c
         join gpkg_geometry_columns g on g.table_name = c.table_name where c.data_type = 'features' order by c.rowid`) as unknown as FeatureTable[];
    if (tables.length === 0) throw new RequestError(400, 'EmptyFile', 'The GeoPackage has no feature layers', 'GeoPackage 中没有要素图层');
    const table = options.layer === undefined ? tables[0] : tables.find((candidate) => candidate.name === options.layer);
    if (!table) {
      throw new RequestError(400, 'LayerNotFound', `The GeoPackage has no layer "${options.layer}"; its layers are: ${tables.map((candidate) => candidate.name).join(', ')}`,
        `GeoPackage 中没有图层“${options.layer}”，其中的图层有：${tables.map((candidate) => candidate.name).join('、')}`);
    }
    const warnings = tables.length > 1 && options.layer === undefined
      ? [`the GeoPackage holds ${tables.length} layers (${tables.map((candidate) => candidate.name).join(', ')}); ${table.name} was read`]
      : [];
    const declaredCrs = options.crs ? undefined : findCoordinateSystem(database, table.srsId);

    const primaryKey = (selectRows(database, `select name from pragma_table_info(?) where pk = 1`, [table.name])[0]?.name as string | undefined) ?? 'rowid';
    const records = selectRows(database, `select * from ${quoteIdentifier(table.name)}`);
    const features: (FileFeature & { id: unknown })[] = records.map((record) => {
      const { [table.geometryColumn]: blob, [primaryKey]: id, ...properties } = record;
      return { id, properties, ...(blob instanceof Uint8Array ? readGeometryBlob(blob) : { geometry: null }) };
    });
    const { rows, columns } = readFeatureRows(features, (index) => `feature ${String(features[index].id ?? index + 1)}`, 'utc');
    return { rows, columns, declaredCrs, warnings, layers: tables.map((candidate) => candidate.name), layer: table.name };
  } finally {
    database.close();
  }
}

function selectRows(database: SqliteDatabase, sql: string, parameters: (string | number)[] = []): Record<string, unknown>[] {
  const statement = database.prepare(sql, parameters);
  const rows: Record<string, unknown>[] = [];
  while (statement.step()) rows.push(statement.getAsObject());
  statement.free();
  return rows;
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function findCoordinateSystem(database: SqliteDatabase, srsId: number): SourceCoordinateSystem {
  const [system] = selectRows(database, 'select organization, organization_coordsys_id as code, definition from gpkg_spatial_ref_sys where srs_id = ?', [srsId]);
  const recognised = recogniseGeopackageSystem({
    srsId,
    organization: String(system?.organization ?? ''),
    organizationCode: Number(system?.code ?? srsId),
    definition: String(system?.definition ?? ''),
  });
  if ('problem' in recognised) throw new RequestError(400, 'UnsupportedCrs', recognised.problem, recognised.problemZh);
  return recognised.crs;
}

// Bytes of the envelope after the 8-byte header, by the envelope indicator (flags bits 1–3).
const envelopeBytes = [0, 32, 48, 48, 64];

/** A GeoPackage geometry blob: "GP", version, flags, srs_id, envelope, then WKB. Empty is null. */
function readGeometryBlob(blob: Uint8Array): { geometry: Geometry | null; problem?: string } {
  if (blob[0] !== 0x47 || blob[1] !== 0x50) return { geometry: null, problem: 'its geometry lacks the GeoPackage "GP" header' };
  const flags = blob[3];
  if (flags & 0b10_0000) return { geometry: null, problem: 'its geometry uses an extended GeoPackage geometry type, which cannot be read' };
  if (flags & 0b1_0000) return { geometry: null };
  const envelope = envelopeBytes[(flags >> 1) & 0b111];
  if (envelope === undefined) return { geometry: null, problem: 'its geometry has an invalid envelope indicator' };
  try {
    const wkb = Buffer.from(blob.buffer, blob.byteOffset + 8 + envelope, blob.byteLength - 8 - envelope);
    return { geometry: wkx.Geometry.parse(wkb).toGeoJSON() as Geometry };
  } catch (error) {
    return { geometry: null, problem: `its geometry cannot be read as WKB: ${(error as Error).message}` };
  }
}
