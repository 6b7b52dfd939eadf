import type { PlaceFeature } from '../api/collections.ts';
import type { Language } from '../i18n/messages.ts';
import { buildingTypes, facilityTypes, layerTitles, nameOfValue, roadClasses } from '../i18n/vocabulary.ts';
import { layerCatalogue } from '../layers/catalogue.ts';
import { collections } from '../state/dashboard-state.ts';

/** The name people know a place by: the Chinese name in both languages. */
export function placeNameOf(feature: PlaceFeature): string {
  // A project has a title instead of a name.
  const name = feature.properties?.name ?? feature.properties?.title_zh;
  return typeof name === 'string' && name !== '' ? name : String(feature.id ?? '');
}

/**
 * The title of the layer that draws a collection, e.g. 公共服务设施 for facilities; for a layer an
 * import created, the title the editor gave it (in both languages: its English title is only its id).
 */
export function layerTitleOfCollection(collectionId: string, language: Language): string {
  const entry = layerCatalogue.find((candidate) => candidate.collectionId === collectionId);
  if (entry) return nameOfValue(layerTitles, entry.layerId, language);
  return collections.value.find((summary) => summary.id === collectionId)?.title ?? collectionId;
}

/** A short description of what a feature is: its facility type, road class or building type. */
export function kindOfFeature(feature: PlaceFeature, language: Language): string | null {
  const properties = feature.properties ?? {};
  if (typeof properties.facility_type === 'string') return nameOfValue(facilityTypes, properties.facility_type, language);
  if (typeof properties.class === 'string') return nameOfValue(roadClasses, properties.class, language);
  if (typeof properties.building_type === 'string') return nameOfValue(buildingTypes, properties.building_type, language);
  return null;
}
