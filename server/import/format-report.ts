import type { ImportReport } from '../contract/import.ts';

/** The import report as the command line prints it: summary, counts, every bad row, warnings. */
export function formatReport(report: ImportReport): string {
  const { counts } = report;
  const lines = [
    `${report.fileName} → ${report.collectionId} (${report.format}, coordinates ${report.crs}${report.crs === 'wgs84' ? '' : ' converted to wgs84'})`,
    report.message,
    `  rows ${counts.rows}: added ${counts.added}, changed ${counts.changed}, unchanged ${counts.unchanged}, ` +
      `${report.replaced ? `removed ${counts.removed}, ` : ''}bad ${counts.bad}`,
  ];
  if (report.collectionCreated) lines.push(`  created the collection ${report.collectionId}`);
  if (report.badRows.length > 0) {
    lines.push(`bad rows (${report.badRows.length}):`);
    for (const row of report.badRows) lines.push(`  ${row.location}: ${row.reasons.join('; ')}`);
  }
  for (const warning of report.warnings) lines.push(`note: ${warning}`);
  return lines.join('\n');
}
