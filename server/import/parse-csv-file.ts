import { parse } from 'csv-parse/sync';
import { RequestError } from '../errors.ts';
import type { SourceCoordinateSystem } from '../geo/coordinate-systems.ts';
import { decodeText } from './decode-text.ts';
import type { ParsedFile } from './parsed-file.ts';
import { readTable, type TableOptions, type TableRecord } from './read-table.ts';

/**
 * Reads a CSV file (see read-table.ts for how its columns are read). Rows are located by their
 * line in the file (the header is line 1). By default every row must be a point; with
 * `coordinates: 'optional'` a file of addresses without coordinates is read too.
 */
/** The longest row a CSV file may have, in characters (csv-parse's max_record_size). */
export const maximumRecordCharacters = 100_000;

export function parseCsvFile(text: string, requestedCrs?: SourceCoordinateSystem, options: { coordinates?: TableOptions['coordinates'] } = {}): ParsedFile {
  // One line ending everywhere, so that line numbers are those an editor shows.
  const normalised = text.replace(/\r\n?/g, '\n');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(normalised, {
      bom: true, info: true, relax_column_count: true, skip_empty_lines: true, delimiter: guessDelimiter(normalised),
      // One row of an office's table is a few hundred characters; a megabyte is a broken quote or an attack.
      max_record_size: maximumRecordCharacters,
    }) as unknown as typeof records;
  } catch (error) {
    const { message, lines, code } = error as Error & { lines?: number; code?: string };
    if (code === 'CSV_MAX_RECORD_SIZE') {
      throw new RequestError(400, 'RecordTooLarge',
        `The CSV file has a row${lines ? ` (line ${lines})` : ''} longer than ${maximumRecordCharacters} characters: a field holds too much text, or a quote (") is not closed`,
        `CSV 文件中有一行${lines ? `（第 ${lines} 行）` : ''}超过 ${maximumRecordCharacters} 个字符：某个字段内容过长，或引号（"）未闭合`);
    }
    throw new RequestError(400, 'UnreadableFile', `The CSV file cannot be read${lines ? ` (line ${lines})` : ''}: ${message}`, 'CSV 文件无法读取');
  }
  if (records.length === 0) throw new RequestError(400, 'EmptyFile', 'The CSV file is empty', 'CSV 文件是空的');

  const width = records[0].record.length;
  const tableRecords = records.slice(1).map(({ record, info }): TableRecord => ({
    cells: record,
    // info.lines is the line where the record ends; a quoted value may span lines.
    line: info.lines - record.reduce((count, value) => count + (value.match(/\n/g)?.length ?? 0), 0),
    problem: record.length === width ? undefined : `has ${record.length} field(s); the header has ${width}`,
  }));
  return readTable(records[0].record, tableRecords, { what: 'The CSV file', whatZh: 'CSV 文件', rowWord: 'line', crs: requestedCrs, coordinates: options.coordinates ?? 'required' });
}

/** A CSV file as uploaded: UTF-8, UTF-16 or GBK (see decode-text.ts), then as parseCsvFile. */
export function parseCsvBytes(bytes: Uint8Array, requestedCrs?: SourceCoordinateSystem, options: { coordinates?: TableOptions['coordinates'] } = {}): ParsedFile {
  const { text, encoding } = decodeText(bytes, 'The CSV file', 'CSV 文件');
  return { ...parseCsvFile(text, requestedCrs, options), encoding };
}

/** Comma unless the header line has more semicolons or tabs (as some spreadsheet exports write). */
function guessDelimiter(text: string): string {
  const headerLine = text.replace(/^\uFEFF/, '').split('\n', 1)[0];
  const counts = [',', ';', '\t'].map((delimiter) => [delimiter, headerLine.split(delimiter).length - 1] as const);
  return counts.reduce((best, candidate) => (candidate[1] > best[1] ? candidate : best))[0];
}
