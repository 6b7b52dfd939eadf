import ExcelJS from 'exceljs';
import type { CsvValue } from './write-csv.ts';

/**
 * An Excel workbook (.xlsx) for a leader who works in Excel: the table on one sheet with its Chinese
 * header row frozen and filterable, numbers as numbers, yes/no as 是/否, an empty cell for no value;
 * and a 说明 sheet saying what the file is, for which date and where its figures come from. Cells are
 * written as values, never as formulas, so a text starting with = stays text.
 */
export interface WorkbookDescription {
  /** The file's name in Chinese, e.g. 潍坊新村-小区改造-2024-12-31; the sheet is named after the dataset. */
  title: string;
  sheetName: string;
  asOf: string;
  generatedAt: Date;
  source: string;
}

export async function writeXlsx(header: string[], rows: CsvValue[][], description: WorkbookDescription): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'lifecircle 潍坊新村街道生活圈';
  workbook.created = description.generatedAt;
  const sheet = workbook.addWorksheet(description.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(cellValue));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, header.length) } };
  header.forEach((name, index) => {
    const widest = Math.max(displayWidth(name), ...rows.slice(0, 500).map((row) => displayWidth(String(cellValue(row[index]) ?? ''))));
    sheet.getColumn(index + 1).width = Math.min(60, Math.max(8, widest + 2));
  });
  const about = workbook.addWorksheet('说明');
  about.addRows([
    ['文件', description.title],
    ['日期', description.asOf],
    ['生成时间', description.generatedAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })],
    ['行数', rows.length],
    ['来源', description.source],
  ]);
  about.getColumn(1).font = { bold: true };
  about.getColumn(1).width = 12;
  about.getColumn(2).width = 80;
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function cellValue(value: CsvValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? '是' : '否';
  return value;
}

/** Columns wide enough for their text: a Chinese character takes about two Latin ones. */
function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += character.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return width;
}
