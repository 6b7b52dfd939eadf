/**
 * The only functions that change the drawing and editing state (issue 5): filled in by the
 * drawing work. The projects panel calls these two.
 */

/** Opens drawing of a new project area and its attribute form. */
export function startNewProject(): void {}

/** Opens the project `code` for editing: its geometry in the drawing tools, its attributes in the form. */
export function startEditingProject(_code: string): void {}
