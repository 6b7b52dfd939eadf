/** Interface text of issue 6: the leaders' view, time slider, charts and report; merged into messages.ts. */
export const leadersChinese = {
  asOfLabel: '年份',
  asOfDate: '截至 {date}',
  asOfPlay: '逐年播放 2022–2026',
  asOfStop: '停止播放',
} as const;

export const leadersEnglish: Record<keyof typeof leadersChinese, string> = {
  asOfLabel: 'Year',
  asOfDate: 'as of {date}',
  asOfPlay: 'Play through 2022–2026',
  asOfStop: 'Stop',
};
