import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { Geometry, Position } from 'geojson';
import {
  collectionIdPattern, importLimits, isReservedCollectionId, previewFeatureLimit, type BadRow, type ColumnMapping, type ImportFormat, type ImportPreview, type ImportReport, type PreviewFeature,
} from '../contract/import.ts';
import type { ImportChannel } from '../contract/vocabulary/import.ts';
import { readConfig } from '../config.ts';
import type { Database, Queryable } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import { readCoordinateSystem, type SourceCoordinateSystem } from '../geo/coordinate-systems.ts';
import { convertToWgs84 } from '../geo/convert-coordinates.ts';
import { findInvalidGeometries } from '../queries/features.ts';
import { listFacilityStandards } from '../queries/facility-standards.ts';
import {
  checkGeometryValidity, createImportedCollection, deleteFeaturesNotIn, deleteImportRecord, findCollectionState,
  insertImportRecord, listGeometryTypes, markCollectionReplaced, recordImportCounts, upsertImportedFeatures,
} from '../queries/imports.ts';
import { checkFileLocation, type LocationCheck, type LocationReference } from './check-file-location.ts';
import { decodeText as decodeOfficeText } from './decode-text.ts';
import { locateAddress, type LocatedAddress, type MatchQuality } from './locate-address.ts';
import { applyColumnMapping, chooseColumnMapping, readColumnMapping } from './map-columns.ts';
import { readFacilityTypes } from './read-facility-types.ts';
import { parseCsvFile } from './parse-csv-file.ts';
import { parseExcelFile } from './parse-excel-file.ts';
import { parseGeojsonFile } from './parse-geojson-file.ts';
import { parseGeopackage } from './parse-geopackage.ts';
import { parseKmlFile } from './parse-kml-file.ts';
import { parseOsmFile } from './parse-osm-file.ts';
import { parseShapefile } from './parse-shapefile.ts';
import type { ParsedFile, ParsedRow } from './parsed-file.ts';
import { prepareFeatures, type PreparedRow } from './prepare-features.ts';
import { readImportPlaces, type ImportPlaces } from './read-import-places.ts';
import { placeInChinese, sayInChinese } from './say-in-chinese.ts';

export interface ImportRequest {
  collectionId: string;
  /** The file as it is on disk or in the request body. */
  bytes: Uint8Array;
  /** The file's name (its extension gives the format unless `format` is set). */
  fileName: string;
  contentType?: string;
  format?: ImportFormat;
  /** wgs84, gcj02, bd09, cgcs2000 or an EPSG code; default what the file says, else wgs84. */
  crs?: string;
  /** The layer of a zipped Shapefile or GeoPackage, or the sheet of a workbook. */
  layer?: string;
  /** Which column is which field (JSON text or an object); the rest is guessed from the header. */
  columns?: string | ColumnMapping;
  replace: boolean;
  keepGoodRows: boolean;
  /** Read and check everything, write nothing. */
  dryRun?: boolean;
  /** Title of the collection, if the import creates it. */
  title?: string;
  /** How the file came: the server's command line, a script with the admin token, or a signed-in editor's session. */
  importedBy: ImportChannel;
  /** The signed-in editor who sends the file (with importedBy 'session' only). */
  importedByUser?: string | null;
  /** Where the boundary and the address sources are (default: the server's geodata directory). */
  geodataDirectory?: string;
}

/** Formats whose columns are a person's own, so that 名称, 地址… are guessed from the header. */
const officeFormats = new Set<ImportFormat>(['csv', 'xlsx', 'shapefile-zip', 'gpkg', 'kml']);

/** Thrown out of a preview's transaction to roll it back, carrying what the write would have done. */
class RolledBack extends Error {
  constructor(readonly result: unknown) {
    super('preview: rolled back');
  }
}

interface CheckedFile {
  report: Omit<ImportReport, 'loaded' | 'complete' | 'collectionCreated' | 'replaced' | 'counts' | 'message' | 'messageZh' | 'dryRun'>;
  rows: PreparedRow[];
  good: PreparedRow[];
  /** Match quality of each row placed by its address, by the row's location in the file. */
  locatedQuality: Map<string, MatchQuality>;
  locationCheck?: LocationCheck;
  crs: SourceCoordinateSystem;
}

/**
 * Imports one file into a collection: read (any office format) → map its columns → place rows
 * without coordinates by their address → convert to WGS 84 → check that the file lands where the
 * dashboard works, and every row (structure, range, size, PostGIS validity) → load the good rows in
 * one transaction, or nothing if any row is bad and the caller did not ask to keep the good ones,
 * or if the file as a whole lands elsewhere. Problems with the file as a whole (not readable, too
 * big, no coordinate columns) throw a RequestError; bad rows are in the report. With `dryRun`
 * nothing is written and the report says what would be.
 */
export async function importFile(database: Database, request: ImportRequest): Promise<ImportReport> {
  return (await runImport(database, request)).report;
}

/** The whole pipeline without writing: the report, and the rows as features with their problems in Chinese. */
export async function previewImport(database: Database, request: ImportRequest): Promise<ImportPreview> {
  const { report, checked } = await runImport(database, { ...request, dryRun: true });
  const features = checked.rows.slice(0, previewFeatureLimit).map((row) => previewFeature(row, checked));
  return { report, type: 'FeatureCollection', features, truncated: checked.rows.length > previewFeatureLimit };
}

async function runImport(database: Database, request: ImportRequest): Promise<{ report: ImportReport; checked: CheckedFile }> {
  const { collectionId, bytes } = request;
  const checked = await readAndCheck(database, request);
  const { good } = checked;
  const badRows = checked.report.badRows;
  const rowCount = checked.rows.length;
  const counts = { rows: rowCount, added: 0, changed: 0, unchanged: 0, removed: 0, bad: badRows.length };
  const base = { ...checked.report, dryRun: request.dryRun === true };

  const refused = checked.locationCheck?.verdict === 'refused';
  if (good.length === 0 || refused || (badRows.length > 0 && !request.keepGoodRows)) {
    const [message, messageZh] = refused
      ? [`Nothing was loaded: ${checked.locationCheck!.message}`, `未导入任何内容：${checked.locationCheck!.messageZh}`]
      : good.length === 0
        ? ['Nothing was loaded: every row of the file is bad', '未导入任何内容：文件中的每一行都有问题']
        : [`Nothing was loaded: ${badRows.length} of ${rowCount} row(s) are bad. Fix them, or import with keep-good-rows to load the ${good.length} good row(s) and leave the bad ones out`,
          `未导入任何内容：${rowCount} 行中有 ${badRows.length} 行有问题。请修正，或选择“保留正确的行”导入其余 ${good.length} 行`];
    return { report: { ...base, loaded: false, complete: false, collectionCreated: false, replaced: false, counts, message, messageZh }, checked };
  }

  const fileName = checked.report.fileName;
  const fileSha256 = createHash('sha256').update(bytes).digest('hex');
  const write = async (transaction: Queryable) => {
    const before = await findCollectionState(transaction, collectionId);
    const collectionCreated = before.exists
      ? false
      : await createImportedCollection(transaction, { id: collectionId, title: request.title?.trim() || collectionId, description: `Imported from ${fileName}` });
    const importId = await insertImportRecord(transaction, {
      collectionId, fileName, fileSha256, format: checked.report.format, sourceCrs: checked.crs, replace: request.replace, keepGoodRows: request.keepGoodRows, importedBy: request.importedBy, importedByUser: request.importedByUser ?? null,
    });
    const written = await upsertImportedFeatures(transaction, collectionId, importId, good.map((row) => row.prepared!));
    const added = written.filter((row) => row.inserted).length;
    const changed = written.length - added;
    let removed = 0;
    if (request.replace) {
      removed = await deleteFeaturesNotIn(transaction, collectionId, good.map((row) => row.key!));
      if (!before.replaced) await markCollectionReplaced(transaction, collectionId);
    }
    const importCounts = { added, changed, unchanged: good.length - written.length, removed, bad: badRows.length };
    const nothingChanged = added + changed + removed === 0 && !collectionCreated && !(request.replace && !before.replaced);
    await (nothingChanged ? deleteImportRecord(transaction, importId) : recordImportCounts(transaction, importId, importCounts));
    return { collectionCreated, importCounts, nothingChanged };
  };

  if (request.dryRun) {
    // The write itself, rolled back: the preview's counts (added, changed, removed) are the ones
    // the import would give, the database's own constraints included, and nothing is kept.
    let result: Awaited<ReturnType<typeof write>>;
    try {
      await database.transaction(async (transaction) => {
        throw new RolledBack(await write(transaction));
      });
      throw new Error('the preview transaction was not rolled back');
    } catch (error) {
      if (!(error instanceof RolledBack)) throw error;
      result = error.result as typeof result;
    }
    const { added, changed, unchanged, removed } = result.importCounts;
    const complete = badRows.length === 0;
    const summary = `${added} added, ${changed} changed, ${unchanged} unchanged${request.replace ? `, ${removed} removed` : ''}`;
    const summaryZh = `新增 ${added}，更新 ${changed}，未变 ${unchanged}${request.replace ? `，删除 ${removed}` : ''}`;
    const message = `Preview: ${good.length} feature(s) would be loaded into ${collectionId}${request.replace ? ', replacing its features' : ''} (${summary})${complete ? '' : `, ${badRows.length} bad row(s) left out`}; nothing was written`;
    const messageZh = `预览：将导入 ${good.length} 个要素到数据集 ${collectionId}${request.replace ? '（替换原有要素）' : ''}（${summaryZh}）${complete ? '' : `，${badRows.length} 行有问题将不导入`}；尚未写入任何内容`;
    return {
      report: {
        ...base, loaded: false, complete, collectionCreated: result.collectionCreated, replaced: request.replace,
        counts: { ...counts, added, changed, unchanged, removed }, message, messageZh,
      },
      checked,
    };
  }

  const result = await database.transaction(write);

  const { added, changed, unchanged, removed } = result.importCounts;
  const complete = badRows.length === 0;
  const summary = `${added} added, ${changed} changed, ${unchanged} unchanged${request.replace ? `, ${removed} removed` : ''}`;
  const summaryZh = `新增 ${added}，更新 ${changed}，未变 ${unchanged}${request.replace ? `，删除 ${removed}` : ''}`;
  let [message, messageZh] = result.nothingChanged
    ? [`Nothing changed: ${collectionId} already holds every feature of this file as it is`, `没有变化：数据集 ${collectionId} 已包含此文件的全部要素`]
    : [`Loaded ${good.length} feature(s) into ${collectionId}${request.replace ? ', replacing its features' : ''}: ${summary}`,
      `已导入 ${good.length} 个要素到数据集 ${collectionId}${request.replace ? '（替换原有要素）' : ''}：${summaryZh}`];
  if (!complete) {
    message += `; ${badRows.length} bad row(s) were left out`;
    messageZh += `；${badRows.length} 行有问题，未导入`;
  }
  return {
    report: {
      ...base,
      loaded: true,
      complete,
      collectionCreated: result.collectionCreated,
      replaced: request.replace,
      counts: { ...counts, added, changed, unchanged, removed },
      message,
      messageZh,
    },
    checked,
  };
}

async function readAndCheck(database: Database, request: ImportRequest): Promise<CheckedFile> {
  const { collectionId, bytes } = request;
  if (!collectionIdPattern.test(collectionId)) {
    throw new RequestError(400, 'InvalidCollectionId', `"${collectionId}" is not a collection id: use lower_snake_case (a lower-case letter, then letters, digits or _)`,
      `“${collectionId}”不是有效的数据集编号：请使用小写字母、数字和下划线`);
  }
  if (isReservedCollectionId(collectionId)) {
    throw new RequestError(400, 'ReservedCollectionId', `"${collectionId}" is reserved (a system name, a word of the API's paths, or the projects, which are edited in the dashboard): choose another id`,
      `“${collectionId}”是保留名称（系统名称、接口路径用词，或只能在项目面板中编辑的项目）：请换一个数据集编号`);
  }
  if (bytes.byteLength > importLimits.fileBytes) {
    throw new RequestError(413, 'PayloadTooLarge', `The file is larger than ${importLimits.fileBytes / 1024 / 1024} MB; split it into smaller files`,
      `文件超过 ${importLimits.fileBytes / 1024 / 1024} MB，请拆分后导入`);
  }
  const fileName = cleanFileName(request.fileName);
  const format = request.format ?? detectFormat(fileName, request.contentType, bytes);
  const requestedCrs = readRequestedCrs(request.crs);
  const givenMapping = readColumnMapping(request.columns);
  // Chinese for the sentences this pipeline writes itself (the parsers' are translated by pattern).
  const chinese = new Map<string, string>();

  const parsed = await parseFile(format, bytes, { crs: requestedCrs, layer: request.layer, mapping: givenMapping });
  if (parsed.rows.length === 0) throw new RequestError(400, 'EmptyFile', 'The file has no features to import', '文件中没有可导入的要素');
  if (parsed.rows.length > importLimits.features) {
    throw new RequestError(413, 'PayloadTooLarge', `The file has ${parsed.rows.length} features; at most ${importLimits.features} can be imported at once`,
      `文件中有 ${parsed.rows.length} 个要素，一次最多导入 ${importLimits.features} 个`);
  }
  const mapping = chooseColumnMapping(givenMapping, parsed.columns, officeFormats.has(format));
  applyColumnMapping(parsed.rows, mapping);
  const facilityTypes = readFacilityTypes(parsed.rows, await listFacilityStandards(database));
  const crs: SourceCoordinateSystem = requestedCrs ?? parsed.declaredCrs ?? 'wgs84';
  const places = readImportPlaces(request.geodataDirectory ?? readConfig().geodataDirectory);

  readMappedCoordinates(parsed.rows, mapping, chinese);
  const locatedQuality = placeByAddress(parsed.rows, mapping, places, format, fileName, chinese);
  const locationCheck = checkLocation(parsed.rows, crs, places, mapping, locatedQuality);

  const { rows: preparedRows, warnings } = prepareFeatures(parsed.rows, { crs, fileName });
  const rows = await checkValidity(database, preparedRows);
  const good = rows.filter((row) => row.problems.length === 0 && row.prepared);
  const badRows = rows.filter((row) => row.problems.length > 0).map((row) => describeBadRow(row, chinese));
  if (!request.replace) warnings.push(...(await compareGeometryKinds(database, collectionId, good.map((row) => row.prepared!.geometry.type))));

  const allWarnings = [...parsed.warnings, ...warnings];
  if (locationCheck?.message) {
    allWarnings.push(locationCheck.message);
    chinese.set(locationCheck.message, locationCheck.messageZh!);
  }
  if (locationCheck && locationCheck.verdict === 'inside' && locationCheck.rowsOutside.length > 0 && places.area) {
    const where = locationCheck.rowsOutside.slice(0, 10).map((index) => parsed.rows[index].location);
    const more = locationCheck.rowsOutside.length > 10 ? ` and ${locationCheck.rowsOutside.length - 10} more` : '';
    const warning = `${locationCheck.rowsOutside.length} row(s) lie outside ${places.area.name} and the 1.5 km around it: ${where.join(', ')}${more}. Check their coordinates`;
    allWarnings.push(warning);
    chinese.set(warning, `${locationCheck.rowsOutside.length} 行落在${places.area.name}及其周边 1.5 公里范围外：${where.map(placeInChinese).join('、')}${more ? ` 等` : ''}。请检查其坐标`);
  }
  if (facilityTypes.renamed.length > 0) {
    const warning = `Facility types read by their Chinese names: ${facilityTypes.renamed.map((entry) => `${entry.written} → ${entry.facilityType} (${entry.rows})`).join(', ')}`;
    allWarnings.push(warning);
    chinese.set(warning, `已按中文名称识别设施类型：${facilityTypes.renamed.map((entry) => `${entry.written} → ${entry.facilityType}（${entry.rows} 行）`).join('、')}`);
  }
  if (facilityTypes.unknown.length > 0) {
    const warning = `Facility types no life-circle standard knows, so these rows will not count in the coverage: ${facilityTypes.unknown.map((entry) => `${entry.written} (${entry.rows})`).join(', ')}. Use a type key or a standard's Chinese name`;
    allWarnings.push(warning);
    chinese.set(warning, `以下设施类型不在生活圈标准中，这些行不会计入覆盖率：${facilityTypes.unknown.map((entry) => `${entry.written}（${entry.rows} 行）`).join('、')}。请使用类型代码或标准中的中文名称`);
  }
  const located = summariseLocated(locatedQuality);
  if (located && located.exact + located.interpolated + located.street > 0) {
    const warning = `${located.exact + located.interpolated + located.street} row(s) had no coordinates and were placed by their address (exact ${located.exact}, interpolated ${located.interpolated}, street only ${located.street}); they are marked source address-located, not surveyed`;
    allWarnings.push(warning);
    chinese.set(warning, `${located.exact + located.interpolated + located.street} 行没有坐标，已按地址定位（完全匹配 ${located.exact}，插值 ${located.interpolated}，仅道路 ${located.street}），标注为“按地址定位”，并非实测位置`);
  }

  const report: CheckedFile['report'] = {
    collectionId,
    fileName,
    format,
    crs,
    ...(parsed.declaredCrs ? { declaredCrs: parsed.declaredCrs } : {}),
    ...(parsed.encoding ? { encoding: parsed.encoding } : {}),
    ...(parsed.layers ? { layers: parsed.layers } : {}),
    ...(parsed.layer ? { layer: parsed.layer } : {}),
    ...(parsed.columns ? { columns: parsed.columns } : {}),
    columnMapping: mapping as Record<string, string>,
    ...(located ? { located } : {}),
    ...(locationCheck ? {
      locationCheck: {
        verdict: locationCheck.verdict,
        ...(locationCheck.cause ? { cause: locationCheck.cause } : {}),
        ...(locationCheck.message ? { message: locationCheck.message, messageZh: locationCheck.messageZh } : {}),
        rowsOutside: locationCheck.rowsOutside.length,
      },
    } : {}),
    badRows,
    warnings: allWarnings,
    warningsZh: allWarnings.map((warning) => sayInChinese(warning, chinese)),
  };
  return { report, rows, good, locatedQuality, locationCheck, crs };
}

interface ParseOptions {
  crs?: SourceCoordinateSystem;
  layer?: string;
  mapping: ColumnMapping;
}

/**
 * The parser of the format. A parser of a binary format (a workbook, a zip, an SQLite file) may
 * fail inside its library on a damaged file in ways it does not foresee: that is the file's
 * fault, a 400 that says which format it was read as, never a 500.
 */
async function parseFile(format: ImportFormat, bytes: Uint8Array, options: ParseOptions): Promise<ParsedFile<SourceCoordinateSystem>> {
  try {
    return await parseFileAs(format, bytes, options);
  } catch (error) {
    if (error instanceof RequestError || !['xlsx', 'shapefile-zip', 'gpkg', 'kml'].includes(format)) throw error;
    throw new RequestError(400, 'UnreadableFile', `The file cannot be read as ${format}: ${(error as Error).message}`, `文件无法按 ${format} 格式读取`);
  }
}

async function parseFileAs(format: ImportFormat, bytes: Uint8Array, options: ParseOptions): Promise<ParsedFile<SourceCoordinateSystem>> {
  switch (format) {
    case 'geojson':
      return parseGeojsonFile(decodeUtf8(bytes));
    case 'osm':
      return parseOsmFile(decodeUtf8(bytes));
    case 'csv': {
      const { text, encoding } = decodeOfficeText(bytes, 'The CSV file', 'CSV 文件');
      // A CSV file has always needed coordinate columns; it is placed by address when the
      // request names the address (or coordinate) columns, as the import dialog does.
      const coordinates = options.mapping.address || options.mapping.longitude || options.mapping.latitude ? 'optional' : 'required';
      try {
        return { ...parseCsvFile(text, options.crs, { coordinates }), encoding };
      } catch (error) {
        throw encoding === 'utf-8' ? error : sayEncoding(error, encoding);
      }
    }
    case 'xlsx':
      return parseExcelFile(bytes, { sheet: options.layer, crs: options.crs });
    case 'shapefile-zip':
      return parseShapefile(bytes, { layer: options.layer, crs: options.crs });
    case 'gpkg':
      return parseGeopackage(bytes, { layer: options.layer, crs: options.crs });
    case 'kml':
      return parseKmlFile(bytes);
  }
}

/** A file that was not UTF-8 and could not be read: say how it was read, since the guess may be what went wrong. */
function sayEncoding(error: unknown, encoding: string): unknown {
  if (!(error instanceof RequestError)) return error;
  const named = encoding === 'gb18030' ? 'GBK (GB18030)' : encoding.toUpperCase();
  return new RequestError(error.status, error.code, `The file is not UTF-8 text; it was read as ${named}. ${error.message}`,
    `文件不是 UTF-8 编码，已按 ${named} 读取。${error.messageZh}`, error.details);
}

function readRequestedCrs(name: string | undefined): SourceCoordinateSystem | undefined {
  if (name === undefined || name === '') return undefined;
  const crs = readCoordinateSystem(name);
  if (!crs) {
    throw new RequestError(400, 'UnsupportedCrs', `crs must be one of wgs84, gcj02, bd09, cgcs2000, or an EPSG code known here (e.g. epsg:4549, epsg:4528…4554, UTM 326NN, 3857), not "${name}"`,
      `坐标系“${name}”无法识别：请使用 wgs84、gcj02、bd09、cgcs2000 或已知的 EPSG 代码（如 epsg:4549）`);
  }
  return crs;
}

/**
 * Rows of a table whose coordinate columns the reader did not recognise by name, but a person
 * mapped: their longitude and latitude become a point.
 */
function readMappedCoordinates(rows: ParsedRow[], mapping: ColumnMapping, chinese: Map<string, string>): void {
  const { longitude, latitude } = mapping;
  if (longitude === undefined || latitude === undefined) return;
  for (const row of rows) {
    const feature = row.feature;
    if (!feature || feature.geometry || row.problems.length > 0) continue;
    const properties = feature.properties ?? {};
    const cells = [properties[longitude], properties[latitude]];
    if (cells.every((cell) => cell === null || cell === undefined || String(cell).trim() === '')) continue;
    const values = cells.map((cell, index) => {
      const column = index === 0 ? longitude : latitude;
      const value = typeof cell === 'number' ? cell : Number(String(cell ?? '').trim());
      if (cell === null || cell === undefined || String(cell).trim() === '' || !Number.isFinite(value)) {
        const problem = `${column} "${String(cell ?? '')}" is not a number`;
        row.problems.push(problem);
        chinese.set(problem, `${column}“${String(cell ?? '')}”不是数字`);
      }
      return value;
    });
    if (row.problems.length === 0) feature.geometry = { type: 'Point', coordinates: [values[0], values[1]] };
  }
}

/**
 * Places each row that has no coordinates by its address (see locate-address.ts), in WGS 84,
 * saying so in its properties: source address-located, location_method address, match_quality,
 * the basis in source_detail, and a confidence below a surveyed position's. A row whose address is
 * not found, or that has none, is bad.
 */
function placeByAddress(rows: ParsedRow[], mapping: ColumnMapping, places: ImportPlaces, format: ImportFormat, fileName: string, chinese: Map<string, string>): Map<string, MatchQuality> {
  const quality = new Map<string, MatchQuality>();
  const addressColumn = mapping.address;
  for (const row of rows) {
    const feature = row.feature;
    if (!feature || feature.geometry) continue;
    // GIS files call a feature without a geometry bad; with an address it can still be placed.
    const onlyNoGeometry = row.problems.length === 1 && row.problems[0] === 'has no geometry';
    if (row.problems.length > 0 && !onlyNoGeometry) continue;
    const address = addressColumn === undefined ? undefined : feature.properties?.[addressColumn];
    const text = typeof address === 'string' || typeof address === 'number' ? String(address).trim() : '';
    if (text === '') {
      if (onlyNoGeometry) continue;
      const problem = addressColumn === undefined ? 'has no coordinates, and the file has no address column to place it by' : `has no coordinates and its ${addressColumn} is empty`;
      row.problems.push(problem);
      chinese.set(problem, addressColumn === undefined ? '没有坐标，文件中也没有可用于定位的地址列' : `没有坐标，且“${addressColumn}”为空`);
      continue;
    }
    if (!places.addressIndex) {
      const problem = 'has no coordinates, and the address locator has no addresses to place it by on this server';
      row.problems.splice(0, row.problems.length, problem);
      chinese.set(problem, '没有坐标，且本服务器的地址定位没有可用的地址库');
      continue;
    }
    const located: LocatedAddress = locateAddress(places.addressIndex, text);
    quality.set(row.location, located.quality);
    if (located.quality === 'not-found' || !located.position) {
      const problem = `has no coordinates and its address "${text}" was not found: ${located.basis}`;
      row.problems.splice(0, row.problems.length, problem);
      chinese.set(problem, `没有坐标，地址“${text}”未能定位：${located.basisZh}`);
      continue;
    }
    row.problems.length = 0;
    row.crs = 'wgs84';
    feature.geometry = { type: 'Point', coordinates: located.position };
    const properties = (feature.properties ??= {});
    Object.assign(properties, {
      source: 'address-located',
      source_detail: `located by its address "${text}" from ${fileName} (${format}): ${located.basis}`,
      source_detail_zh: `按地址“${text}”定位（${fileName}）：${located.basisZh}`,
      confidence: located.quality === 'exact' ? 'medium' : 'low',
      location_method: 'address',
      match_quality: located.quality,
    });
  }
  return quality;
}

/**
 * checkFileLocation on the rows that carry the file's own coordinates (not those placed by
 * address), with the rows whose address the locator finds exactly as references: a GCJ-02 file
 * read as WGS 84 is inside the area but some 500 m from its addresses.
 */
function checkLocation(rows: ParsedRow[], crs: SourceCoordinateSystem, places: ImportPlaces, mapping: ColumnMapping, located: Map<string, MatchQuality>): LocationCheck | undefined {
  if (!places.area) return undefined;
  const positions = rows.map((row) => (located.has(row.location) || row.problems.length > 0 ? undefined : firstPosition(row.feature?.geometry)));
  const references: LocationReference[] = [];
  if (places.addressIndex && mapping.address !== undefined) {
    for (const [index, row] of rows.entries()) {
      if (references.length >= 200) break;
      const address = row.feature?.properties?.[mapping.address];
      if (!positions[index] || typeof address !== 'string' || address.trim() === '') continue;
      const found = locateAddress(places.addressIndex, address);
      if (found.quality === 'exact' && found.position) references.push({ index, expected: found.position });
    }
  }
  try {
    return checkFileLocation(positions, crs, places.area, references);
  } catch {
    // A check that cannot run (a position no projection can read) leaves the rows' own checks to speak.
    return undefined;
  }
}

function firstPosition(geometry: Geometry | null | undefined): Position | undefined {
  if (!geometry || typeof geometry !== 'object') return undefined;
  if (geometry.type === 'GeometryCollection') return geometry.geometries?.length ? firstPosition(geometry.geometries[0]) : undefined;
  let value: unknown = (geometry as { coordinates?: unknown }).coordinates;
  while (Array.isArray(value) && Array.isArray(value[0])) value = value[0];
  return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number' ? (value as Position) : undefined;
}

function summariseLocated(quality: Map<string, MatchQuality>): ImportReport['located'] {
  if (quality.size === 0) return undefined;
  const counts = { exact: 0, interpolated: 0, street: 0, notFound: 0 };
  for (const value of quality.values()) counts[value === 'not-found' ? 'notFound' : value] += 1;
  return counts;
}

function previewFeature(row: PreparedRow, checked: CheckedFile): PreviewFeature {
  let geometry: Geometry | null = row.prepared?.geometry ?? null;
  if (!geometry && row.feature?.geometry && row.problems.length > 0) {
    // A bad row is still shown where it would land, when its geometry can be converted at all.
    try {
      geometry = convertToWgs84(row.feature.geometry, row.crs ?? checked.crs);
    } catch {
      geometry = null;
    }
  }
  const badRow = row.problems.length > 0 ? checked.report.badRows.find((bad) => bad.location === row.location) : undefined;
  const quality = checked.locatedQuality.get(row.location);
  return {
    type: 'Feature',
    ...(row.key !== undefined ? { id: row.key } : {}),
    geometry: geometry as unknown as PreviewFeature['geometry'],
    properties: (row.prepared?.properties ?? row.feature?.properties ?? null) as PreviewFeature['properties'],
    row: {
      location: row.location,
      ...(row.line !== undefined ? { line: row.line } : {}),
      ...(row.featureIndex !== undefined ? { featureIndex: row.featureIndex } : {}),
      ...(row.osmElement !== undefined ? { osmElement: row.osmElement } : {}),
      problems: row.problems.map((message, index) => ({ message, messageZh: badRow?.reasonsZh[index] ?? sayInChinese(message) })),
      ...(quality ? { matchQuality: quality } : {}),
    },
  };
}

/** The format from the file name's extension, else from the Content-Type, else from the file's first bytes. */
export function detectFormat(fileName: string, contentType?: string, bytes?: Uint8Array): ImportFormat {
  const extension = extname(fileName).toLowerCase();
  if (extension === '.geojson' || extension === '.json') return 'geojson';
  if (extension === '.csv' || extension === '.tsv' || extension === '.txt') return 'csv';
  if (extension === '.osm' || extension === '.xml') return 'osm';
  if (extension === '.xlsx') return 'xlsx';
  if (extension === '.xls') {
    throw new RequestError(400, 'UnsupportedFormat', 'This is an old Excel 97–2003 file (.xls); open it in Excel and save it as .xlsx', '这是旧版 Excel 97–2003 文件（.xls），请在 Excel 中另存为 .xlsx');
  }
  if (extension === '.zip') return 'shapefile-zip';
  if (extension === '.gpkg') return 'gpkg';
  if (extension === '.kml' || extension === '.kmz') return 'kml';
  if (extension === '.shp' || extension === '.dbf') {
    throw new RequestError(400, 'UnsupportedFormat', 'A Shapefile is several files: put its .shp, .shx, .dbf, .prj (and .cpg) in one .zip and import that',
      'Shapefile 由多个文件组成：请将 .shp、.shx、.dbf、.prj（及 .cpg）打包为一个 .zip 后导入');
  }
  const type = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  if (type === 'application/geo+json' || type === 'application/json') return 'geojson';
  if (type === 'text/csv' || type === 'text/tab-separated-values') return 'csv';
  if (type === 'application/xml' || type === 'text/xml' || type === 'application/vnd.openstreetmap.data+xml' || type === 'application/osm3s+xml') return 'osm';
  if (type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') return 'xlsx';
  if (type === 'application/zip' || type === 'application/x-zip-compressed') return 'shapefile-zip';
  if (type === 'application/geopackage+sqlite3') return 'gpkg';
  if (type === 'application/vnd.google-earth.kml+xml' || type === 'application/vnd.google-earth.kmz') return 'kml';
  const sniffed = bytes ? sniffFormat(bytes) : undefined;
  if (sniffed) return sniffed;
  throw new RequestError(400, 'UnknownFormat',
    `Cannot tell the format of "${fileName}": give the format (geojson, csv, osm, xlsx, shapefile-zip, gpkg or kml), or use a file name ending in .geojson, .json, .csv, .osm, .xml, .xlsx, .zip, .gpkg, .kml or .kmz`,
    `无法判断“${fileName}”的格式：请指定 format（geojson、csv、osm、xlsx、shapefile-zip、gpkg 或 kml），或使用带扩展名的文件名`);
}

/** A zip (a workbook, a KMZ or a zipped Shapefile, told apart by the names inside) or an SQLite database (GeoPackage). */
function sniffFormat(bytes: Uint8Array): ImportFormat | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 16));
  if (head.startsWith('SQLite format 3')) return 'gpkg';
  if (!head.startsWith('PK')) return undefined;
  // The local file headers name the entries; the first few kilobytes say enough.
  const names = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.byteLength, 65_536)));
  if (names.includes('xl/workbook.xml') || names.includes('[Content_Types].xml')) return 'xlsx';
  if (/\.kml/i.test(names)) return 'kml';
  if (/\.(shp|dbf)/i.test(names)) return 'shapefile-zip';
  return undefined;
}

/** UTF-8 with or without a byte-order mark; anything else is refused with advice. */
function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RequestError(400, 'NotUtf8',
      'The file is not UTF-8 text. Save it as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)"; files from Chinese Windows are often GBK)',
      '文件不是 UTF-8 编码。请另存为 UTF-8（Excel 中选择“CSV UTF-8（逗号分隔）”）；中文 Windows 导出的文件常为 GBK 编码');
  }
}

/** Only the base name is recorded, without control characters. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return cleaned || 'upload';
}

/** Adds PostGIS's verdict (ST_IsValid / ST_IsValidReason) to every row that is otherwise good. */
async function checkValidity(database: Queryable, rows: PreparedRow[]): Promise<PreparedRow[]> {
  const candidates = rows.filter((row) => row.problems.length === 0 && row.prepared);
  const reasons = new Map<string, string>();
  try {
    for (const invalid of await findInvalidGeometries(database, candidates.map((row) => row.prepared!))) reasons.set(invalid.id, invalid.reason);
  } catch {
    // PostGIS could not read one of them at all: ask row by row, to name it.
    for (const row of candidates) {
      try {
        const reason = await checkGeometryValidity(database, row.prepared!.geometry);
        if (reason) reasons.set(row.key!, reason);
      } catch (error) {
        reasons.set(row.key!, `PostGIS cannot read the geometry: ${(error as Error).message}`);
      }
    }
  }
  return rows.map((row) => {
    const reason = row.key !== undefined && row.prepared ? reasons.get(row.key) : undefined;
    return reason ? { ...row, problems: [`invalid geometry: ${reason}`] } : row;
  });
}

const geometryKind = (type: string) => type.replace(/^Multi/, '');

/**
 * A collection of lines that gets points (or the like) is probably the wrong collection, and the
 * analyses that read it expect its kind: say so, without refusing (a planner may mean it).
 */
async function compareGeometryKinds(database: Queryable, collectionId: string, fileTypes: string[]): Promise<string[]> {
  const present = new Set((await listGeometryTypes(database, collectionId)).map(geometryKind));
  if (present.size === 0) return [];
  const added = [...new Set(fileTypes.map(geometryKind))].filter((kind) => !present.has(kind));
  return added.length === 0 ? [] : [`${collectionId} holds ${[...present].join(', ')} geometries; this file adds ${added.join(', ')}: is it the right collection?`];
}

function describeBadRow(row: PreparedRow, chinese: ReadonlyMap<string, string>): BadRow {
  const badRow: BadRow = { location: row.location, reasons: row.problems, reasonsZh: row.problems.map((reason) => sayInChinese(reason, chinese)) };
  if (row.line !== undefined) badRow.line = row.line;
  if (row.featureIndex !== undefined) badRow.featureIndex = row.featureIndex;
  if (row.osmElement !== undefined) badRow.osmElement = row.osmElement;
  return badRow;
}
