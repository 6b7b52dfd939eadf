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
  if (report.encoding) lines.push(`  read as ${report.encoding}`);
  if (report.layer) lines.push(`  layer ${report.layer}${report.layers && report.layers.length > 1 ? ` of ${report.layers.join(', ')}` : ''}`);
  const mapped = Object.entries(report.columnMapping).filter(([field, column]) => field !== column);
  if (mapped.length > 0) lines.push(`  columns: ${mapped.map(([field, column]) => `${column} → ${field}`).join(', ')}`);
  if (report.located) lines.push(`  placed by address: exact ${report.located.exact}, interpolated ${report.located.interpolated}, street only ${report.located.street}, not found ${report.located.notFound}`);
  if (report.collectionCreated && !report.dryRun) lines.push(`  created the collection ${report.collectionId}`);
  if (report.badRows.length > 0) {
    lines.push(`bad rows (${report.badRows.length}):`);
    for (const row of report.badRows) lines.push(`  ${row.location}: ${row.reasons.join('; ')}`);
  }
  for (const warning of report.warnings) lines.push(`note: ${warning}`);
  return lines.join('\n');
}
