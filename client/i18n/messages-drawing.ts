/** Interface text of drawing and editing a project (issue 5); merged into messages.ts. */
export const drawingChinese = {
} as const;

export const drawingEnglish: Record<keyof typeof drawingChinese, string> = {
};
