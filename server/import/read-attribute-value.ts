import type { TableCell } from './read-table.ts';

/**
 * An attribute value from a spreadsheet cell, a .dbf field or a GeoPackage column as a property:
 * dates become ISO dates (2024-03-01, or 2024-03-01T08:30:00 when they have a time of day), text is
 * trimmed and empty text is null; what JSON cannot hold (binary blobs) is undefined and left out.
 * `clock` says how the reader built its Date: Excel serials come as UTC, .dbf dates in local time.
 */
export function readAttributeValue(value: unknown, clock: 'utc' | 'local'): TableCell | undefined {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : formatIsoDate(value, clock);
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  return undefined;
}

function formatIsoDate(date: Date, clock: 'utc' | 'local'): string {
  const parts = clock === 'utc'
    ? [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()]
    : [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds()];
  const [year, month, day, hours, minutes, seconds] = parts.map((part) => String(part).padStart(2, '0'));
  const isoDate = `${year.padStart(4, '0')}-${month}-${day}`;
  return hours === '00' && minutes === '00' && seconds === '00' ? isoDate : `${isoDate}T${hours}:${minutes}:${seconds}`;
}
