import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';

/**
 * For the screenshot of the 导入进度表 dialog: the signed-in editor's page downloads the schedule,
 * fills three rows as an office would (progress and status today, a report dated 2023, a status
 * nobody can read) and previews it in the dialog. Nothing is written.
 */
export async function previewScheduleForScreenshot(page: Page, dashboardUrl: string): Promise<void> {
  await page.click('[data-testid="tab-projects"]');
  await page.waitForSelector('[data-testid="schedule-download"]');
  const download = await page.request.get(new URL('/api/projects/schedule/template.xlsx', dashboardUrl).href);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await download.body()).buffer);
  const sheet = workbook.getWorksheet('进度填报')!;
  const header = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ''));
  const cell = (rowNumber: number, column: string) => sheet.getRow(rowNumber).getCell(header.indexOf(column));
  cell(2, '状态').value = '实施中';
  cell(2, '进度（%）').value = 60;
  cell(3, '状态').value = '已完成';
  cell(3, '进度（%）').value = 100;
  cell(3, '结束日期').value = '2023-11-30';
  cell(3, '填报日期').value = '2023-12-31';
  cell(4, '状态').value = '基本完成';
  await page.click('[data-testid="schedule-open"]');
  await page.setInputFiles('[data-testid="schedule-file-input"]', {
    name: '潍坊新村-项目进度填报表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
  });
  await page.waitForSelector('[data-testid="schedule-dialog"][data-status="previewed"]');
}
