import ExcelJS from 'exceljs';
import type { ProjectFeature } from '../../contract/projects.ts';
import { projectActions, projectItems, projectStatuses, projectStatusNames } from '../../contract/vocabulary/projects.ts';
import { scheduleColumns } from './plan-schedule-row.ts';

/**
 * The schedule workbook staff fill in: one row per project as it stands, the columns they may
 * change in white and the ones they may not in grey, 状态 as a drop-down, dates as Excel dates,
 * and a 填写说明 sheet. 版本 is the project's ETag: the row's If-Match when it comes back.
 */

export interface ScheduleProject {
  feature: ProjectFeature;
  /** The ETag without its quotes. */
  version: string;
}

const readOnlyFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEFF2' } };

const dateOf = (iso: string) => new Date(`${iso}T00:00:00Z`);

export async function writeScheduleTemplate(projects: ScheduleProject[], today: string, generatedAt = new Date()): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'lifecircle 潍坊新村街道生活圈';
  workbook.created = generatedAt;
  const sheet = workbook.addWorksheet('进度填报', { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  const c = scheduleColumns;
  sheet.columns = [
    { header: c.code, key: 'code', width: 10 },
    { header: c.titleZh, key: 'title', width: 40 },
    { header: c.action, key: 'action', width: 10 },
    { header: c.item, key: 'item', width: 22 },
    { header: c.status, key: 'status', width: 10 },
    { header: c.progress, key: 'progress', width: 10 },
    { header: c.startDate, key: 'start', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
    { header: c.endDate, key: 'end', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
    { header: c.leadUnit, key: 'leadUnit', width: 24 },
    { header: c.reportedOn, key: 'reportedOn', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
    { header: c.version, key: 'version', width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  const statusList = `"${projectStatuses.map((status) => projectStatusNames[status].zh).join(',')}"`;
  for (const { feature, version } of [...projects].sort((a, b) => a.feature.properties.code.localeCompare(b.feature.properties.code))) {
    const properties = feature.properties;
    const action = projectActions.find((candidate) => candidate.key === properties.action);
    const row = sheet.addRow({
      code: properties.code, title: properties.title_zh, action: action?.nameZh ?? properties.action,
      item: `${properties.item} ${projectItems[properties.item]?.nameZh ?? ''}`.trim(),
      status: projectStatusNames[properties.status].zh, progress: properties.progress_percent,
      start: dateOf(properties.start_date), end: dateOf(properties.end_date), leadUnit: properties.lead_unit, reportedOn: null, version,
    });
    for (const key of ['code', 'title', 'action', 'item', 'version']) row.getCell(key).fill = readOnlyFill;
    row.getCell('status').dataValidation = { type: 'list', allowBlank: true, formulae: [statusList], showErrorMessage: true, errorTitle: '状态', error: '请从列表中选择状态' };
    row.getCell('progress').dataValidation = { type: 'decimal', operator: 'between', allowBlank: true, formulae: [0, 100], showErrorMessage: true, errorTitle: '进度', error: '进度为 0—100 之间的数' };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  const notes = workbook.addWorksheet('填写说明');
  notes.addRows([
    ['文件', `潍坊新村街道行动计划项目进度填报表（导出于 ${today}）`],
    ['怎么填', '在“进度填报”表中修改白色的列：状态、进度（%）、开始日期、结束日期、牵头单位；灰色的列请勿修改。'],
    ['填报日期', '项目处于所填状况的日期。留空即导入当天。可填写过去的日期补录历史进度，例如 2023-12-31：看板“截至 2023 年”的进度即按此记录，不再按起止日期推算。'],
    ['留空', '留空的单元格保持看板中的原值。填写过的字段不再标为“假设”。'],
    ['状态', `可填：${projectStatuses.map((status) => projectStatusNames[status].zh).join('、')}。`],
    ['版本', '项目下载时的版本。若导入前有人修改了该项目，此行列为“冲突”，不会写入；请重新下载后再填。'],
    ['导入', '登录为编辑，在“项目”面板点“导入进度表”，先预览每一行将如何处理，确认后一次写入。'],
  ]);
  notes.getColumn(1).font = { bold: true };
  notes.getColumn(1).width = 12;
  notes.getColumn(2).width = 100;
  notes.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
