import ExcelJS from 'exceljs';
import { RequestError } from '../errors.ts';
import type { SourceCoordinateSystem } from '../geo/coordinate-systems.ts';
import type { ParsedFile } from './parsed-file.ts';
import { readAttributeValue } from './read-attribute-value.ts';
import { readTable, type TableCell, type TableRecord } from './read-table.ts';

export interface ExcelOptions {
  /** The sheet to read; default the first visible one. */
  sheet?: string;
  crs?: SourceCoordinateSystem;
}

// A title row and a note or two may come before the header; it is looked for in the first rows.
const headerSearchRows = 10;

/**
 * Reads one sheet of an Excel workbook (.xlsx) as a table (see read-table.ts): the header is the
 * first of the top rows that looks like one (text in at least two cells and in at least half as
 * many cells as the widest of those rows), so that a merged title row above it is skipped. Dates
 * become ISO dates, formulas their results, rich text its plain text. Rows are located by their
 * row number as Excel shows it. Rows need no coordinates: a list of addresses is read too.
 */
export async function parseExcelFile(bytes: Uint8Array, options: ExcelOptions = {}): Promise<ParsedFile> {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) {
    throw new RequestError(400, 'UnsupportedFormat', 'This is an old Excel 97–2003 file (.xls); open it in Excel and save it as .xlsx', '这是旧版 Excel 97–2003 文件（.xls），请在 Excel 中另存为 .xlsx');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as never);
  } catch (error) {
    throw new RequestError(400, 'UnreadableFile', `The file is not a readable Excel workbook (.xlsx): ${(error as Error).message}`, '文件不是可读取的 Excel 工作簿（.xlsx）');
  }
  const sheets = workbook.worksheets.filter((sheet) => sheet.state === 'visible');
  const sheet = options.sheet === undefined ? sheets[0] : sheets.find((candidate) => candidate.name === options.sheet);
  if (!sheet) {
    if (options.sheet === undefined) throw new RequestError(400, 'EmptyFile', 'The workbook has no visible sheet', '工作簿中没有可见的工作表');
    throw new RequestError(400, 'LayerNotFound', `The workbook has no sheet "${options.sheet}"; its sheets are: ${sheets.map((candidate) => candidate.name).join(', ')}`,
      `工作簿中没有工作表“${options.sheet}”，其中的工作表有：${sheets.map((candidate) => candidate.name).join('、')}`);
  }

  const records: TableRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: TableCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      // A merged range holds its value in its first cell only; the others would repeat it.
      cells[columnNumber - 1] = cell.isMerged && cell.master !== cell ? null : readCell(cell.value);
    });
    if (cells.some((cell) => cell !== null && cell !== undefined)) records.push({ cells: Array.from(cells, (cell) => cell ?? null), line: rowNumber });
  });
  const what = `The sheet "${sheet.name}"`;
  const whatZh = `工作表“${sheet.name}”`;
  if (records.length === 0) throw new RequestError(400, 'EmptyFile', `${what} is empty`, `${whatZh}是空的`);
  const headerIndex = findHeader(records);
  const parsed = readTable(records[headerIndex].cells, records.slice(headerIndex + 1), { what, whatZh, rowWord: 'row', crs: options.crs, coordinates: 'optional' });
  const warnings = [...parsed.warnings];
  if (headerIndex > 0) warnings.push(`the header was read from row ${records[headerIndex].line}; the rows above it were taken as a title`);
  if (sheets.length > 1 && options.sheet === undefined) warnings.push(`the workbook has ${sheets.length} sheets (${sheets.map((candidate) => candidate.name).join(', ')}); ${sheet.name} was read`);
  return { ...parsed, warnings, layers: sheets.map((candidate) => candidate.name), layer: sheet.name };
}

function findHeader(records: TableRecord[]): number {
  const candidates = records.slice(0, headerSearchRows);
  const filled = (record: TableRecord) => record.cells.filter((cell) => cell !== null).length;
  const widest = Math.max(...candidates.map(filled));
  const index = candidates.findIndex((record) => {
    const texts = record.cells.filter((cell) => typeof cell === 'string').length;
    return texts >= 2 && texts === filled(record) && texts * 2 >= widest;
  });
  return index === -1 ? 0 : index;
}

/** A cell's value as a table cell: formula results, rich and hyperlink text, errors as null. */
function readCell(value: ExcelJS.CellValue): TableCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && !(value instanceof Date)) {
    if ('result' in value) return readCell(value.result as ExcelJS.CellValue);
    if ('richText' in value) return readCell(value.richText.map((run) => run.text).join(''));
    if ('text' in value) return readCell(value.text as ExcelJS.CellValue);
    return null;
  }
  return readAttributeValue(value, 'utc') ?? null;
}
