import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import {
  collectionIdPattern, importLimits, type BadRow, type CoordinateSystem, type ImportFormat, type ImportReport,
} from '../contract/import.ts';
import type { Database, Queryable } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import { findInvalidGeometries } from '../queries/features.ts';
import {
  checkGeometryValidity, createImportedCollection, deleteFeaturesNotIn, deleteImportRecord, findCollectionState,
  insertImportRecord, listGeometryTypes, markCollectionReplaced, recordImportCounts, upsertImportedFeatures,
} from '../queries/imports.ts';
import { parseCsvFile } from './parse-csv-file.ts';
import { parseGeojsonFile } from './parse-geojson-file.ts';
import { parseOsmFile } from './parse-osm-file.ts';
import type { ParsedFile } from './parsed-file.ts';
import { prepareFeatures, type PreparedRow } from './prepare-features.ts';

export interface ImportRequest {
  collectionId: string;
  /** The file as it is on disk or in the request body. */
  bytes: Uint8Array;
  /** The file's name (its extension gives the format unless `format` is set). */
  fileName: string;
  contentType?: string;
  format?: ImportFormat;
  crs?: CoordinateSystem;
  replace: boolean;
  keepGoodRows: boolean;
  /** Title of the collection, if the import creates it. */
  title?: string;
  importedBy: 'cli' | 'api';
}

/**
 * Imports one file into a collection: read → convert to WGS 84 → check every row (structure,
 * range, size, PostGIS validity) → load the good rows in one transaction, or nothing if any row is
 * bad and the caller did not ask to keep the good ones. Problems with the file as a whole (not
 * readable, too big, no coordinate columns) throw a RequestError; bad rows are in the report.
 */
export async function importFile(database: Database, request: ImportRequest): Promise<ImportReport> {
  const { collectionId, bytes } = request;
  if (!collectionIdPattern.test(collectionId)) {
    throw new RequestError(400, 'InvalidCollectionId', `"${collectionId}" is not a collection id: use lower_snake_case (a lower-case letter, then letters, digits or _)`,
      `“${collectionId}”不是有效的数据集编号：请使用小写字母、数字和下划线`);
  }
  if (bytes.byteLength > importLimits.fileBytes) {
    throw new RequestError(413, 'PayloadTooLarge', `The file is larger than ${importLimits.fileBytes / 1024 / 1024} MB; split it into smaller files`,
      `文件超过 ${importLimits.fileBytes / 1024 / 1024} MB，请拆分后导入`);
  }
  const fileName = cleanFileName(request.fileName);
  const format = request.format ?? detectFormat(fileName, request.contentType);
  const text = decodeText(bytes);

  const parsed: ParsedFile = format === 'csv' ? parseCsvFile(text, request.crs) : format === 'osm' ? parseOsmFile(text) : parseGeojsonFile(text);
  if (parsed.rows.length === 0) throw new RequestError(400, 'EmptyFile', 'The file has no features to import', '文件中没有可导入的要素');
  if (parsed.rows.length > importLimits.features) {
    throw new RequestError(413, 'PayloadTooLarge', `The file has ${parsed.rows.length} features; at most ${importLimits.features} can be imported at once`,
      `文件中有 ${parsed.rows.length} 个要素，一次最多导入 ${importLimits.features} 个`);
  }
  const crs = request.crs ?? parsed.declaredCrs ?? 'wgs84';
  const { rows: preparedRows, warnings } = prepareFeatures(parsed.rows, { crs, fileName });
  const rows = await checkValidity(database, preparedRows);

  const good = rows.filter((row) => row.problems.length === 0 && row.prepared);
  const badRows = rows.filter((row) => row.problems.length > 0).map(describeBadRow);
  if (!request.replace) warnings.push(...(await compareGeometryKinds(database, collectionId, good.map((row) => row.prepared!.geometry.type))));
  const base = { collectionId, fileName, format, crs, badRows, warnings: [...parsed.warnings, ...warnings] };
  const counts = { rows: rows.length, added: 0, changed: 0, unchanged: 0, removed: 0, bad: badRows.length };

  if (good.length === 0 || (badRows.length > 0 && !request.keepGoodRows)) {
    const [message, messageZh] = good.length === 0
      ? ['Nothing was loaded: every row of the file is bad', '未导入任何内容：文件中的每一行都有问题']
      : [`Nothing was loaded: ${badRows.length} of ${rows.length} row(s) are bad. Fix them, or import with keep-good-rows to load the ${good.length} good row(s) and leave the bad ones out`,
        `未导入任何内容：${rows.length} 行中有 ${badRows.length} 行有问题。请修正，或选择“保留正确的行”导入其余 ${good.length} 行`];
    return { ...base, loaded: false, complete: false, collectionCreated: false, replaced: false, counts, message, messageZh };
  }

  const fileSha256 = createHash('sha256').update(bytes).digest('hex');
  const result = await database.transaction(async (transaction) => {
    const before = await findCollectionState(transaction, collectionId);
    const collectionCreated = before.exists
      ? false
      : await createImportedCollection(transaction, { id: collectionId, title: request.title?.trim() || collectionId, description: `Imported from ${fileName}` });
    const importId = await insertImportRecord(transaction, {
      collectionId, fileName, fileSha256, format, sourceCrs: crs, replace: request.replace, keepGoodRows: request.keepGoodRows, importedBy: request.importedBy,
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
  });

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
    ...base,
    loaded: true,
    complete,
    collectionCreated: result.collectionCreated,
    replaced: request.replace,
    counts: { ...counts, added, changed, unchanged, removed },
    message,
    messageZh,
  };
}

/** The format from the file name's extension, else from the Content-Type. */
export function detectFormat(fileName: string, contentType?: string): ImportFormat {
  const extension = extname(fileName).toLowerCase();
  if (extension === '.geojson' || extension === '.json') return 'geojson';
  if (extension === '.csv' || extension === '.tsv' || extension === '.txt') return 'csv';
  if (extension === '.osm' || extension === '.xml') return 'osm';
  const type = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  if (type === 'application/geo+json' || type === 'application/json') return 'geojson';
  if (type === 'text/csv' || type === 'text/tab-separated-values') return 'csv';
  if (type === 'application/xml' || type === 'text/xml' || type === 'application/vnd.openstreetmap.data+xml' || type === 'application/osm3s+xml') return 'osm';
  throw new RequestError(400, 'UnknownFormat',
    `Cannot tell the format of "${fileName}": give the format (geojson, csv or osm), or use a file name ending in .geojson, .json, .csv, .osm or .xml`,
    `无法判断“${fileName}”的格式：请指定 format（geojson、csv 或 osm）`);
}

/** UTF-8 with or without a byte-order mark; anything else is refused with advice. */
function decodeText(bytes: Uint8Array): string {
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

function describeBadRow(row: PreparedRow): BadRow {
  const badRow: BadRow = { location: row.location, reasons: row.problems };
  if (row.line !== undefined) badRow.line = row.line;
  if (row.featureIndex !== undefined) badRow.featureIndex = row.featureIndex;
  if (row.osmElement !== undefined) badRow.osmElement = row.osmElement;
  return badRow;
}
