import { projectStatusReportOrder, type ProjectStatus } from '../../server/contract/vocabulary/projects.ts';
import type { CoverageYear, LeadersSummary, RenovationYearRow } from '../../server/contract/summary.ts';
import { chineseFontFamily } from '../layers/palette.ts';

/**
 * Pure builders of the leaders' charts' ECharts options (unit-tested without a browser). Every
 * text comes in through `labels`, so the charts follow the interface's language.
 */
export type ChartOption = Record<string, unknown>;

// Noto Sans CJK is on the test machine and most Linux desktops; the rest cover macOS and Windows.
export const chartFontFamily = chineseFontFamily;

const percentOf = (share: number) => Math.round(share * 1000) / 10;

const baseOption = (animate: boolean): ChartOption => ({
  animation: animate,
  textStyle: { fontFamily: chartFontFamily, fontSize: 11 },
  tooltip: { trigger: 'axis', confine: true, textStyle: { fontFamily: chartFontFamily, fontSize: 12 } },
  legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontFamily: chartFontFamily, fontSize: 11 } },
  grid: { left: 8, right: 8, top: 34, bottom: 4, containLabel: true },
});

export interface RenovationChartLabels {
  doneInYear: string;
  expectedInYear: string;
  cumulativeShare: string;
  target: string;
  estatesUnit: string;
  /** A row's year as the axis shows it; the server's Chinese label (2025年, 2025年以后) when not given. */
  yearLabel?: (row: RenovationYearRow) => string;
}

/**
 * Renovation year by year: stacked bars of the estates recorded as finished and those expected
 * in each year (and after 2025), a line of the share of residents covered by the end of each
 * year, and the target (every estate, 100 %).
 */
export function buildRenovationByYearOption(rows: RenovationYearRow[], targetYear: number, labels: RenovationChartLabels, animate = true): ChartOption {
  const categories = rows.map((row) => labels.yearLabel?.(row) ?? row.label);
  const targetIndex = rows.findIndex((row) => row.year === targetYear);
  return {
    ...baseOption(animate),
    xAxis: { type: 'category', data: categories, axisLabel: { fontFamily: chartFontFamily } },
    yAxis: [
      // Headroom above the tallest bar, so the share line's labels do not sit on it.
      { type: 'value', name: labels.estatesUnit, minInterval: 1, max: (extent: { max: number }) => Math.max(4, Math.ceil(extent.max * 2.5)), nameTextStyle: { fontFamily: chartFontFamily } },
      { type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false } },
    ],
    series: [
      {
        name: labels.doneInYear, type: 'bar', stack: 'estates', data: rows.map((row) => row.doneInYear.estates), itemStyle: { color: '#2e8b57' }, barMaxWidth: 28,
        label: { show: true, fontSize: 10, color: '#fff', formatter: (parameter: { value: number }) => (parameter.value > 0 ? String(parameter.value) : '') },
      },
      {
        name: labels.expectedInYear, type: 'bar', stack: 'estates', data: rows.map((row) => row.expectedInYear.estates), itemStyle: { color: '#568cc8' }, barMaxWidth: 28,
        label: { show: true, fontSize: 10, color: '#fff', formatter: (parameter: { value: number }) => (parameter.value > 0 ? String(parameter.value) : '') },
      },
      {
        name: labels.cumulativeShare, type: 'line', yAxisIndex: 1, data: rows.map((row) => percentOf(row.cumulativeResidentsShare)), itemStyle: { color: '#5d4e8c' },
        label: { show: true, position: 'top', formatter: '{c}%', fontSize: 10, color: '#5d4e8c' },
        markLine: targetIndex === -1 ? undefined : {
          symbol: 'none', lineStyle: { color: '#a8262f', type: 'dashed' }, label: { formatter: `${labels.target} 100%`, position: 'insideEndTop', fontFamily: chartFontFamily },
          data: [{ yAxis: 100 }],
        },
      },
    ],
  };
}

export interface CoverageChartLabels {
  openedProjects: string;
  noneOpened: string;
  /** Said for a group the data knows no real site of, instead of 0 %. */
  noData: string;
  language: 'zh-CN' | 'en';
}

// ECharts puts a tooltip formatter's answer in as HTML; project titles are typed by editors.
const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => htmlEscapes[character]);

/** The tooltip text of one year (HTML, every datum escaped): each group's share and the projects that opened facilities then. */
export function describeCoverageYear(year: CoverageYear, labels: CoverageChartLabels): string {
  const groups = year.groups.map((group) => `${escapeHtml(labels.language === 'zh-CN' ? group.nameZh : group.nameEn)}: ${group.hasData ? `${percentOf(group.residentsShare)}%` : escapeHtml(labels.noData)}`);
  const projects = year.openedProjects.length === 0
    ? [escapeHtml(labels.noneOpened)]
    : [`${escapeHtml(labels.openedProjects)}:`, ...year.openedProjects.map((project) => `· ${escapeHtml(project.code)} ${escapeHtml(project.titleZh)}`)];
  return [`${year.year} (${escapeHtml(year.date)})`, ...groups, ...projects].join('<br/>');
}

/**
 * Coverage by facility group year by year: one line per group of the share of residents within
 * the standard distance; the tooltip names the projects that opened facilities in that year.
 */
export function buildCoverageByYearOption(years: CoverageYear[], labels: CoverageChartLabels, animate = true): ChartOption {
  const groupKeys = years[0]?.groups.map((group) => group.key) ?? [];
  return {
    ...baseOption(animate),
    tooltip: {
      trigger: 'axis', confine: true, textStyle: { fontFamily: chartFontFamily, fontSize: 12 },
      formatter: (points: Array<{ dataIndex: number }>) => {
        const year = years[points[0]?.dataIndex ?? 0];
        return year ? describeCoverageYear(year, labels) : '';
      },
    },
    xAxis: { type: 'category', data: years.map((year) => String(year.year)) },
    yAxis: { type: 'value', name: '%', min: 0, max: 100 },
    series: groupKeys.map((key) => {
      const first = years[0].groups.find((group) => group.key === key)!;
      return {
        name: labels.language === 'zh-CN' ? first.nameZh : first.nameEn,
        type: 'line',
        // No data is a gap in the line, not a 0 on it.
        data: years.map((year) => {
          const group = year.groups.find((candidate) => candidate.key === key);
          return group?.hasData ? percentOf(group.residentsShare) : null;
        }),
        symbolSize: 6,
      };
    }),
  };
}

export interface ProjectsChartLabels {
  statuses: Record<ProjectStatus, string>;
  language: 'zh-CN' | 'en';
}

const statusColours = { completed: '#2e8b57', in_progress: '#e69f00', planned: '#568cc8', on_hold: '#9a9a9a' } as const;

/** Projects by action, stacked by their status on the date. */
export function buildProjectsByActionOption(byAction: LeadersSummary['projects']['byAction'], labels: ProjectsChartLabels, animate = true): ChartOption {
  const statuses = projectStatusReportOrder;
  return {
    ...baseOption(animate),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, textStyle: { fontFamily: chartFontFamily, fontSize: 12 } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: byAction.map((action) => (labels.language === 'zh-CN' ? action.nameZh : action.nameEn)) },
    series: statuses.map((status) => ({
      name: labels.statuses[status],
      type: 'bar',
      stack: 'status',
      itemStyle: { color: statusColours[status] },
      label: { show: true, fontSize: 10, formatter: (parameter: { value: number }) => (parameter.value > 0 ? String(parameter.value) : '') },
      data: byAction.map((action) => action.byStatus[status].count),
    })),
  };
}
