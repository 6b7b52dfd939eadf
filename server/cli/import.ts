import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { importFormats, importLimits, type ImportFormat } from '../contract/import.ts';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { RequestError } from '../errors.ts';
import { readCoordinateSystem } from '../geo/coordinate-systems.ts';
import { formatReport } from '../import/format-report.ts';
import { importFile } from '../import/import-file.ts';

const help = `Import a file into a collection of the lifecircle database: Excel (.xlsx), CSV (UTF-8 or
GBK), a zipped Shapefile (.zip with .shp .dbf .prj, .cpg honoured), GeoPackage (.gpkg), KML/KMZ,
GeoJSON or OpenStreetMap XML.

usage: npm run import -- <file> --as <collection> [options]

  --as <collection>      collection id, lower_snake_case; a new id creates the collection
  --crs <system>         coordinate system of the file: wgs84, gcj02, bd09, cgcs2000 or an EPSG
                         code such as epsg:4549 (CGCS2000 Gauss–Krüger CM 120°E). Default: what
                         the file says (.prj, GeoPackage, CSV column names such as gcj02_lng),
                         else wgs84. Everything is stored as WGS 84.
  --format ${importFormats.join('|')}
                         default: from the extension (.geojson/.json, .csv/.tsv/.txt, .osm/.xml,
                         .xlsx, .zip, .gpkg, .kml/.kmz)
  --layer <name>         the sheet of a workbook, or the layer of a zip or GeoPackage (default the first)
  --columns <json>       which column is which field, e.g. '{"name":"设施名称","address":"地址"}'
                         (default: guessed from the header); rows without coordinates are placed
                         by their address
  --dry-run              read and check everything, print the report, write nothing
  --replace              replace every feature of the collection with the file's; the seed
                         step will not bring the old features back
  --keep-good-rows       load the good rows of a file that has bad ones (default: load nothing)
  --title <text>         title of a collection the import creates
  -h, --help             this text

CSV: one point per row; longitude column lon/lng/longitude/x/经度 and latitude column
lat/latitude/y/纬度 (any case); an "id" or "编号" column gives stable ids; other columns become properties.
UTF-8 (with or without BOM) or GBK. See docs/import.md. At most ${importLimits.fileBytes / 1024 / 1024} MB and ${importLimits.features} features per file.

The database is the server's: DATABASE_URL, else the embedded database in DATA_DIR (default .data).
The embedded database (PGlite) can be open in one process only: stop the server first, or import
through the running server's API instead (POST /api/collections/<collection>/import, with
LIFECIRCLE_ADMIN_TOKEN set on the server).

Exit code: 0 every row loaded (or already there), 1 nothing loaded, 2 good rows loaded but some bad.`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        as: { type: 'string' },
        crs: { type: 'string' },
        format: { type: 'string' },
        replace: { type: 'boolean', default: false },
        'keep-good-rows': { type: 'boolean', default: false },
        title: { type: 'string' },
        layer: { type: 'string' },
        columns: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(help);
    return 0;
  }
  if (positionals.length !== 1) return usageError(positionals.length === 0 ? 'name the file to import' : `one file at a time (got ${positionals.join(', ')})`);
  if (!values.as) return usageError('say which collection to import into: --as <collection>');
  if (values.crs !== undefined && !readCoordinateSystem(values.crs)) return usageError('--crs must be one of wgs84, gcj02, bd09, cgcs2000, or an EPSG code such as epsg:4549');
  if (values.format !== undefined && !(importFormats as readonly string[]).includes(values.format)) return usageError(`--format must be one of ${importFormats.join(', ')}`);

  const [path] = positionals;
  let bytes: Uint8Array;
  try {
    // Refuse an oversized file before reading it into memory.
    if (statSync(path).size > importLimits.fileBytes) {
      console.error(`${path}: larger than ${importLimits.fileBytes / 1024 / 1024} MB; split it into smaller files`);
      return 1;
    }
    bytes = readFileSync(path);
  } catch (error) {
    console.error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    return 1;
  }

  const config = readConfig();
  // PGlite keeps a postmaster.pid in its data directory while a process has it open and removes it
  // on close: two processes writing the same directory would corrupt it.
  const lockFile = join(config.dataDirectory, 'postmaster.pid');
  if (!config.databaseUrl && existsSync(lockFile)) {
    console.error(`The embedded database in ${config.dataDirectory} is open in another process (a running server?).\n` +
      'Stop the server and run the import again, or import through its API (POST /api/collections/<collection>/import).\n' +
      `If no process has it open (a server was killed), delete ${lockFile} and run the import again.`);
    return 1;
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDirectory: config.dataDirectory });
  try {
    await migrateDatabase(database);
    const report = await importFile(database, {
      collectionId: values.as,
      bytes,
      fileName: basename(path),
      format: values.format as ImportFormat | undefined,
      crs: values.crs,
      layer: values.layer,
      columns: values.columns,
      dryRun: values['dry-run'],
      replace: values.replace,
      keepGoodRows: values['keep-good-rows'],
      title: values.title,
      importedBy: 'cli',
      geodataDirectory: config.geodataDirectory,
    });
    console.log(formatReport(report));
    if (report.dryRun) {
      // The exit code the import itself would give.
      const { bad, rows } = report.counts;
      if (report.locationCheck?.verdict === 'refused' || bad === rows || (bad > 0 && !values['keep-good-rows'])) return 1;
      return bad === 0 ? 0 : 2;
    }
    return !report.loaded ? 1 : report.complete ? 0 : 2;
  } catch (error) {
    if (error instanceof RequestError) {
      console.error(`${basename(path)}: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

function usageError(message: string): number {
  console.error(`${message}\n\nusage: npm run import -- <file> --as <collection> [--crs gcj02|bd09|wgs84|cgcs2000|epsg:NNNN] [--format ${importFormats.join('|')}] [--layer <name>] [--columns <json>] [--dry-run] [--replace] [--keep-good-rows]\n(npm run import -- --help for more)`);
  return 1;
}

process.exitCode = await main();
