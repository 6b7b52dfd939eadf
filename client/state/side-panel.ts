import { computed, signal } from '@preact/signals';
import { followSidePanel } from './coverage-actions.ts';

/**
 * Which side panel is open: the layers, the life circle, the projects or the leaders' view.
 * The dashboard's, not the coverage's: the map draws each panel's overlay while it is open.
 * Changed only by openSidePanel.
 */
export type SidePanel = 'layers' | 'coverage' | 'projects' | 'leaders';
export const sidePanel = signal<SidePanel>('layers');

export const coverageActive = computed(() => sidePanel.value === 'coverage');

/** Opens a side panel; the life circle is computed the first time its panel opens. */
export function openSidePanel(panel: SidePanel): void {
  sidePanel.value = panel;
  followSidePanel(panel);
}
