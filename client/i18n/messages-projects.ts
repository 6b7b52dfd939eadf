/** Interface text of issue 5: the projects panel, sign-in, drawing and editing; merged into messages.ts. */
export const projectsChinese = {
} as const;

export const projectsEnglish: Record<keyof typeof projectsChinese, string> = {
};
