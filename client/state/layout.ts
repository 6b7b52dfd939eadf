import { signal } from '@preact/signals';

/**
 * How the page is laid out on a narrow screen: whether the top bar's menu (☰) is open, and
 * whether the side panel, a bottom sheet on a phone, is raised to half the screen or lowered
 * to its tabs. On a wide screen neither changes anything (styles.css decides by width).
 * Changed only by the actions below.
 */
export const topMenuOpen = signal(false);
export type SheetPosition = 'half' | 'collapsed';
export const sheetPosition = signal<SheetPosition>('half');

export function toggleTopMenu(): void {
  topMenuOpen.value = !topMenuOpen.value;
}

export function closeTopMenu(): void {
  topMenuOpen.value = false;
}

/** Raises the lowered sheet, or lowers the raised one. */
export function toggleSheet(): void {
  sheetPosition.value = sheetPosition.value === 'half' ? 'collapsed' : 'half';
}

/** A tab was chosen on a phone: its panel is shown, so the sheet is raised. */
export function raiseSheet(): void {
  sheetPosition.value = 'half';
}
