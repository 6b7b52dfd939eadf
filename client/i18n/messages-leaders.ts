/** Interface text of issue 6: the leaders' view, time slider, charts and report; merged into messages.ts. */
export const leadersChinese = {
} as const;

export const leadersEnglish: Record<keyof typeof leadersChinese, string> = {
};
