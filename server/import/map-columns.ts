import { columnFields, type ColumnField, type ColumnMapping } from '../contract/import.ts';
import { RequestError } from '../errors.ts';
import type { ParsedRow } from './parsed-file.ts';

/**
 * Which column of an office's file is 名称, 类型, 地址, 经度/纬度, 容量, 开放日期: given by a person
 * (the `columns` parameter), else guessed from the header in Chinese or English. The mapped value
 * is copied to the field the dashboard reads (name, facility_type, address, capacity,
 * opening_date); the file's own column stays as it is, so that nothing of the file is lost.
 */

// Whole header names, after normalising (lower case, no spaces, no unit in brackets).
const exactNames: Record<ColumnField, string[]> = {
  id: ['id', '编号'],
  name: ['name', '名称', '名字', '设施名称', '单位名称', '机构名称', '小区名称', '项目名称', '地名'],
  facility_type: ['facility_type', 'facilitytype', 'type', 'category', '类型', '类别', '设施类型', '设施类别', '种类'],
  address: ['address', 'addr', '地址', '详细地址', '门牌地址', '所在地址', '单位地址', '地点'],
  longitude: ['lon', 'lng', 'long', 'longitude', 'x', '经度'],
  latitude: ['lat', 'latitude', 'y', '纬度'],
  capacity: ['capacity', '容量', '规模', '床位', '床位数', '座位数', '服务人数', '可容纳人数'],
  opening_date: ['opening_date', 'openingdate', 'opened', 'opening', 'open_date', '开放日期', '开业日期', '开办日期', '启用日期', '开放时间', '投用日期', '建成日期'],
};
// Chinese words a longer header contains ("设施名称（全称）", "开放日期（计划）").
const containedWords: Partial<Record<ColumnField, string[]>> = {
  name: ['名称'],
  facility_type: ['类型', '类别'],
  address: ['地址'],
  capacity: ['容量', '床位'],
  opening_date: ['开放日期', '开业日期', '启用日期'],
};

const normalise = (header: string) => header.trim().toLowerCase().replace(/[（(][^)）]*[)）]\s*$/, '').replace(/\s+/g, '');

/** The mapping a header suggests, each column used once, in the order of `columnFields`. */
export function guessColumnMapping(columns: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const matches of [(column: string, field: ColumnField) => exactNames[field].includes(normalise(column)),
    (column: string, field: ColumnField) => (containedWords[field] ?? []).some((word) => normalise(column).includes(word))]) {
    for (const field of columnFields) {
      if (mapping[field] !== undefined) continue;
      const column = columns.find((candidate) => !used.has(candidate) && matches(candidate, field));
      if (column !== undefined) {
        mapping[field] = column;
        used.add(column);
      }
    }
  }
  return mapping;
}

/** The `columns` parameter: a JSON object of field → column, checked against the fields and the file's columns. */
export function readColumnMapping(given: string | ColumnMapping | undefined): ColumnMapping {
  if (given === undefined || given === '') return {};
  let value: unknown = given;
  if (typeof given === 'string') {
    try {
      value = JSON.parse(given);
    } catch {
      throw invalid('columns must be a JSON object such as {"name":"设施名称","address":"地址"}', 'columns 必须是 JSON 对象，例如 {"name":"设施名称","address":"地址"}');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('columns must be a JSON object such as {"name":"设施名称","address":"地址"}', 'columns 必须是 JSON 对象，例如 {"name":"设施名称","address":"地址"}');
  }
  const mapping: ColumnMapping = {};
  for (const [field, column] of Object.entries(value)) {
    if (!(columnFields as readonly string[]).includes(field)) {
      throw invalid(`columns names the field "${field}"; the fields are ${columnFields.join(', ')}`, `columns 中的字段“${field}”无效，可用字段：${columnFields.join('、')}`);
    }
    // null: guess it from the header as if it were not given; "": no column is this field (the dialog's （无）).
    if (column === null) continue;
    if (typeof column !== 'string') throw invalid(`columns.${field} must be the name of a column`, `columns.${field} 必须是列名`);
    mapping[field as ColumnField] = column;
  }
  return mapping;
}

/**
 * The given mapping over the guessed one; a given column the file does not have is refused. A
 * field given as "" has no column: it is neither guessed nor copied.
 */
export function chooseColumnMapping(given: ColumnMapping, columns: string[] | undefined, guess: boolean): ColumnMapping {
  const none = new Set(Object.entries(given).filter(([, column]) => column === '').map(([field]) => field));
  const withoutNone = (mapping: ColumnMapping): ColumnMapping => Object.fromEntries(Object.entries(mapping).filter(([field]) => !none.has(field)));
  if (columns) {
    for (const [field, column] of Object.entries(given)) {
      if (column !== '' && !columns.includes(column)) {
        throw invalid(`columns.${field} names the column "${column}", which the file does not have; its columns are: ${columns.join(', ')}`,
          `columns.${field} 指定的列“${column}”在文件中不存在，文件中的列有：${columns.join('、')}`);
      }
    }
  }
  if (!guess || !columns) return withoutNone(given);
  const taken = new Set(Object.values(given));
  const guessed = guessColumnMapping(columns.filter((column) => !taken.has(column)));
  return withoutNone({ ...guessed, ...given });
}

/**
 * Copies each mapped column's value to its field (capacity as a number when it is one, an opening
 * date as an ISO date, with opening_year beside it), unless the row has the field already.
 * longitude and latitude are read by the pipeline, and id becomes the row's id.
 */
export function applyColumnMapping(rows: ParsedRow[], mapping: ColumnMapping): void {
  for (const row of rows) {
    const properties = row.feature?.properties;
    if (!properties) continue;
    if (mapping.id !== undefined && row.fileId === undefined) {
      const id = properties[mapping.id];
      if (id !== null && id !== undefined && String(id).trim() !== '') row.fileId = String(id).trim();
    }
    for (const field of ['name', 'facility_type', 'address', 'capacity', 'opening_date'] as const) {
      const column = mapping[field];
      if (column === undefined || column === field) continue;
      const value = properties[column];
      if (value === undefined || value === null || (properties[field] !== undefined && properties[field] !== null)) continue;
      properties[field] = field === 'capacity' ? readCapacity(value) : field === 'opening_date' ? readDate(value) : typeof value === 'string' ? value.trim() : value;
    }
    const opening = properties.opening_date;
    if (typeof opening === 'string' && /^\d{4}-\d{2}-\d{2}/.test(opening) && (properties.opening_year === undefined || properties.opening_year === null)) {
      properties.opening_year = Number(opening.slice(0, 4));
    }
  }
}

/** "120", "120人", "120 床" → 120; anything else as it is. */
function readCapacity(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(人|个|床|张|座|位|名|户)?\s*$/.exec(value);
  return match ? Number(match[1]) : value.trim();
}

/** 2024-05-01, 2024/5/1, 2024.5.1, 2024年5月1日 → 2024-05-01; a year alone → that year's 1 January; else as it is. */
function readDate(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1900 && value <= 2100) return `${value}-01-01`;
  if (typeof value !== 'string') return value;
  const text = value.trim();
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s].*)?$/.exec(text);
  if (match) return `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
  if (/^\d{4}\s*年?$/.test(text)) return `${text.slice(0, 4)}-01-01`;
  return text;
}

function invalid(message: string, messageZh: string): RequestError {
  return new RequestError(400, 'InvalidColumns', message, messageZh);
}
