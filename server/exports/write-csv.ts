/**
 * CSV as Excel and LibreOffice in Chinese locales read it: UTF-8 with a byte-order mark, CRLF
 * line ends, fields quoted per RFC 4180 when they hold a comma, quote, CR or LF (quotes doubled).
 * A field that starts with =, +, -, @, a tab or a CR (OWASP's list) is prefixed with an apostrophe so that a spreadsheet does
 * not run it as a formula (numbers are written as numbers and never prefixed). Pure.
 */
export type CsvValue = string | number | boolean | null | undefined;

export const byteOrderMark = '\uFEFF';

export function formatCsvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function writeCsv(header: string[], rows: CsvValue[][]): string {
  const lines = [header, ...rows].map((row) => row.map(formatCsvField).join(','));
  return `${byteOrderMark}${lines.join('\r\n')}\r\n`;
}

/**
 * Content-Disposition for a download: an ASCII filename for old clients and filename* (RFC 6266,
 * RFC 5987) with the Chinese name for the rest.
 */
export function attachmentDisposition(asciiName: string, unicodeName: string): string {
  const safeAscii = asciiName.replace(/[^A-Za-z0-9._-]/g, '_');
  const encoded = encodeURIComponent(unicodeName).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${safeAscii}"; filename*=UTF-8''${encoded}`;
}
