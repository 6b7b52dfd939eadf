import { describe, expect, it } from 'vitest';
import type { CoverageYear, LeadersSummary, RenovationYearRow } from '../../../server/contract/summary.ts';
import { buildCoverageByYearOption, buildProjectsByActionOption, buildRenovationByYearOption, chartFontFamily, describeCoverageYear } from '../../../client/charts/chart-options.ts';
import { chunk } from '../../../client/report/paginate.ts';

const counts = (estates: number) => ({ estates, households: estates * 100, residents: estates * 240 });
const yearRow = (year: number | 'after2025', done: number, expected: number, cumulative: number, share: number): RenovationYearRow => ({
  year, label: year === 'after2025' ? '2025年以后' : `${year}年`, doneInYear: counts(done), expectedInYear: counts(expected),
  cumulative: counts(cumulative), cumulativeWithExpected: counts(cumulative + expected), cumulativeResidentsShare: share,
} as RenovationYearRow);

type Series = { name: string; type: string; data: number[]; stack?: string; markLine?: { data: { yAxis: number }[] } };

describe('the leaders\' chart options', () => {
  it('renovation by year: done and expected bars stacked per year, the residents share in percent, the target at 100 %', () => {
    const rows = [yearRow(2022, 1, 0, 1, 0.05), yearRow(2023, 2, 0, 3, 0.1234), yearRow(2025, 4, 2, 7, 0.5), yearRow('after2025', 0, 5, 7, 0.5)];
    const option = buildRenovationByYearOption(rows, 2025, { doneInYear: '当年完成', expectedInYear: '预计当年完成', cumulativeShare: '累计覆盖居民', target: '目标', estatesUnit: '个小区' });
    expect((option.xAxis as { data: string[] }).data).toEqual(['2022年', '2023年', '2025年', '2025年以后']);
    const series = option.series as Series[];
    expect(series.map((entry) => [entry.name, entry.type, entry.stack])).toEqual([['当年完成', 'bar', 'estates'], ['预计当年完成', 'bar', 'estates'], ['累计覆盖居民', 'line', undefined]]);
    expect(series[0].data).toEqual([1, 2, 4, 0]);
    expect(series[1].data).toEqual([0, 0, 2, 5]);
    expect(series[2].data).toEqual([5, 12.3, 50, 50]);
    expect(series[2].markLine?.data).toEqual([{ yAxis: 100 }]);
    expect((option.textStyle as { fontFamily: string }).fontFamily).toBe(chartFontFamily);
    expect(chartFontFamily).toContain('Noto Sans CJK SC');
  });

  it('renovation by year: no target line when the target year is not among the rows', () => {
    const option = buildRenovationByYearOption([yearRow(2022, 1, 0, 1, 0.1)], 2025, { doneInYear: 'a', expectedInYear: 'b', cumulativeShare: 'c', target: 'd', estatesUnit: 'e' });
    expect((option.series as Series[])[2].markLine).toBeUndefined();
  });

  const coverageYears: CoverageYear[] = [
    { year: 2022, date: '2022-12-31', groups: [{ key: 'health', nameZh: '卫生', nameEn: 'Health', residentsShare: 0.4, elderlyShare: 0.5, hasData: true }, { key: 'park', nameZh: '公园', nameEn: 'Park', residentsShare: 0.2, elderlyShare: 0.1, hasData: true }], allEssentials: { residentsShare: 0, elderlyShare: 0, hasData: true }, openedProjects: [], openedFacilityKeys: [] },
    { year: 2023, date: '2023-12-31', groups: [{ key: 'health', nameZh: '卫生', nameEn: 'Health', residentsShare: 0.55, elderlyShare: 0.5, hasData: true }, { key: 'park', nameZh: '公园', nameEn: 'Park', residentsShare: 0.2, elderlyShare: 0.1, hasData: true }], allEssentials: { residentsShare: 0, elderlyShare: 0, hasData: true }, openedProjects: [{ code: 'P09-01', titleZh: '养老院改造', facilityKeys: ['facility-a'] }], openedFacilityKeys: [] },
  ];

  it('coverage by year: one line per group in the interface\'s language, shares in percent', () => {
    const option = buildCoverageByYearOption(coverageYears, { language: 'zh-CN', openedProjects: '当年开放设施的项目', noneOpened: '当年无新开放设施', noData: '无数据' });
    expect((option.xAxis as { data: string[] }).data).toEqual(['2022', '2023']);
    const series = option.series as Series[];
    expect(series.map((entry) => entry.name)).toEqual(['卫生', '公园']);
    expect(series[0].data).toEqual([40, 55]);
    const english = buildCoverageByYearOption(coverageYears, { language: 'en', openedProjects: 'Opened', noneOpened: 'None', noData: 'no data' });
    expect((english.series as Series[]).map((entry) => entry.name)).toEqual(['Health', 'Park']);
  });

  it('coverage by year: a group with no data is a gap in its line and 无数据 in the tooltip, not 0 %', () => {
    const withoutMarket: CoverageYear[] = coverageYears.map((year) => ({ ...year, groups: [...year.groups, { key: 'market', nameZh: '菜场', nameEn: 'Market', residentsShare: 0, elderlyShare: 0, hasData: false }] }));
    const labels = { language: 'zh-CN' as const, openedProjects: '当年开放设施的项目', noneOpened: '当年无新开放设施', noData: '无数据' };
    const series = buildCoverageByYearOption(withoutMarket, labels).series as Series[];
    expect(series[2].data).toEqual([null, null]);
    expect(series[0].data).toEqual([40, 55]);
    expect(describeCoverageYear(withoutMarket[0], labels)).toContain('菜场: 无数据');
    expect(describeCoverageYear(withoutMarket[0], labels)).not.toContain('菜场: 0%');
  });

  it('coverage by year: the tooltip names the projects that opened facilities that year', () => {
    const labels = { language: 'zh-CN' as const, openedProjects: '当年开放设施的项目', noneOpened: '当年无新开放设施', noData: '无数据' };
    expect(describeCoverageYear(coverageYears[1], labels)).toBe('2023 (2023-12-31)<br/>卫生: 55%<br/>公园: 20%<br/>当年开放设施的项目:<br/>· P09-01 养老院改造');
    expect(describeCoverageYear(coverageYears[0], labels)).toContain('当年无新开放设施');
    const typed = { ...coverageYears[1], openedProjects: [{ code: 'P99-01', titleZh: '<img src=x onerror=alert(1)>', facilityKeys: [] }] };
    expect(describeCoverageYear(typed, labels)).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(describeCoverageYear(typed, labels)).not.toContain('<img');
    const option = buildCoverageByYearOption(coverageYears, labels);
    const formatter = (option.tooltip as { formatter: (points: Array<{ dataIndex: number }>) => string }).formatter;
    expect(formatter([{ dataIndex: 1 }])).toContain('P09-01');
  });

  it('projects by action: bars stacked by status, one category per action', () => {
    const figures = (completed: number, inProgress: number, planned: number, onHold: number) => ({
      total: completed + inProgress + planned + onHold, codes: [],
      byStatus: { completed: { count: completed, codes: [] }, in_progress: { count: inProgress, codes: [] }, planned: { count: planned, codes: [] }, on_hold: { count: onHold, codes: [] } },
      averageProgressPercent: 0, overdue: { count: 0, codes: [] }, unverified: { count: 0, codes: [] }, recorded: { count: 0, codes: [] },
    });
    const byAction = [
      { action: 'party_building', nameZh: '党建引领', nameEn: 'Party-building leads', items: [], ...figures(1, 2, 3, 0) },
      { action: 'safety', nameZh: '平安底线', nameEn: 'Safety', items: [], ...figures(0, 1, 0, 1) },
    ] as unknown as LeadersSummary['projects']['byAction'];
    const option = buildProjectsByActionOption(byAction, { language: 'zh-CN', statuses: { planned: '计划中', in_progress: '实施中', completed: '已完成', on_hold: '暂缓' } });
    expect((option.yAxis as { data: string[] }).data).toEqual(['党建引领', '平安底线']);
    const series = option.series as Series[];
    expect(series.map((entry) => [entry.name, entry.stack])).toEqual([['已完成', 'status'], ['实施中', 'status'], ['计划中', 'status'], ['暂缓', 'status']]);
    expect(series.map((entry) => entry.data)).toEqual([[1, 0], [2, 1], [3, 0], [0, 1]]);
  });
});

describe('the report\'s pages', () => {
  it('splits rows into pages of a size, and gives an empty table one page', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([1, 2], 40)).toEqual([[1, 2]]);
    expect(chunk([], 40)).toEqual([[]]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});
