import { fetchAllFeatures } from '../api.ts';
import { featuresByCollection } from './dashboard-state.ts';

/** The only functions that change the projects' state (the list, filters, selection). */

/** Reads the projects collection again after a write, so the panel and the map show it. */
export async function reloadProjects(): Promise<void> {
  const projects = await fetchAllFeatures('projects');
  featuresByCollection.value = { ...featuresByCollection.value, projects };
}
