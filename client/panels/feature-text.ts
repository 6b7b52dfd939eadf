import type { PlaceFeature } from '../api/collections.ts';
import type { Language } from '../i18n/messages.ts';
import { translate } from '../i18n/translate.ts';
import {
  buildingTypes, facilityTypes, kindValues, layerTitles, locationMethodValues, matchQualityValues, nameOfValue, roadClasses,
} from '../i18n/vocabulary.ts';
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

/** The properties whose values are codes with a name in each language. */
const namedValues: Record<string, Parameters<typeof nameOfValue>[0]> = {
  facility_type: facilityTypes,
  class: roadClasses,
  building_type: buildingTypes,
  kind: kindValues,
  match_quality: matchQualityValues,
  location_method: locationMethodValues,
};

/**
 * A property's value as a reader of the interface's language reads it: codes by their names,
 * decades and metro lines in words, booleans as yes/no, numbers in the language's digits. Names
 * of places and free text the data wrote in one language are shown as they are.
 */
export function describeAttributeValue(key: string, value: unknown, language: Language): string {
  const chinese = language === 'zh-CN';
  if (key === 'lines' && Array.isArray(value)) return value.map((line) => (chinese ? `${String(line)}号线` : `Line ${String(line)}`)).join(chinese ? '、' : ', ');
  if (Array.isArray(value)) {
    // Lists of names read as a list; lists of coordinates or records are summarised by their count.
    if (value.every((item) => typeof item === 'string' || typeof item === 'number')) return value.join(chinese ? '、' : ', ');
    return value.length.toLocaleString(language);
  }
  if (typeof value === 'number') return value.toLocaleString(language);
  if (typeof value === 'boolean') return value ? translate('yes') : translate('no');
  if (typeof value === 'string') {
    const table = namedValues[key];
    if (table) return nameOfValue(table, value, language);
    const decade = /^(\d{4})s$/.exec(value);
    if (key === 'build_era' && decade) return chinese ? `${decade[1]}年代` : value;
    return value;
  }
  if (value === null || value === undefined) return '—';
  return JSON.stringify(value);
}

/**
 * A feature's free-text property in the interface's language: `<key>_zh` in the Chinese
 * interface where the data has it, else the text as written; `lang` says which language the
 * returned text is in, for the page's markup.
 */
export function textInLanguage(properties: Record<string, unknown>, key: string, language: Language): { text: string; lang: 'zh-CN' | 'en' } | null {
  const english = properties[key];
  const chinese = properties[`${key}_zh`];
  const has = (text: unknown): text is string => typeof text === 'string' && text !== '';
  if (language === 'zh-CN' && has(chinese)) return { text: chinese, lang: 'zh-CN' };
  if (has(english)) return { text: english, lang: /[\u4e00-\u9fff]/.test(english) && !/[A-Za-z]{4}/.test(english) ? 'zh-CN' : 'en' };
  if (has(chinese)) return { text: chinese, lang: 'zh-CN' };
  return null;
}
