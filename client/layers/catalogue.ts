/**
 * The thematic layers the dashboard offers, in drawing order (first is drawn lowest). Each entry
 * names its stable deck.gl layer id and the API collection it draws; the panel lists them and
 * the map builds them. Kept free of deck.gl imports so the panel does not load it.
 */
export interface LayerEntry {
  layerId: string;
  /** null for the labels, which take names from several collections. */
  collectionId: string | null;
  /** Whether the layer is on when the dashboard opens. */
  visibleAtStart: boolean;
}

export const layerCatalogue: LayerEntry[] = [
  { layerId: 'green-spaces', collectionId: 'green_spaces', visibleAtStart: true },
  { layerId: 'waterfront', collectionId: 'waterways', visibleAtStart: true },
  { layerId: 'neighbourhoods', collectionId: 'neighbourhoods', visibleAtStart: true },
  { layerId: 'commercial-zones', collectionId: 'commercial_zones', visibleAtStart: true },
  { layerId: 'roads', collectionId: 'roads', visibleAtStart: true },
  { layerId: 'walking-network', collectionId: 'walking_network', visibleAtStart: false },
  { layerId: 'buildings', collectionId: 'buildings', visibleAtStart: true },
  { layerId: 'boundary', collectionId: 'boundary', visibleAtStart: true },
  // The action plan's projects: shown while the projects panel is open, or when switched on here.
  { layerId: 'projects', collectionId: 'projects', visibleAtStart: false },
  { layerId: 'residents-committees', collectionId: 'residents_committees', visibleAtStart: false },
  { layerId: 'facilities', collectionId: 'facilities', visibleAtStart: true },
  { layerId: 'metro-stations', collectionId: 'metro_stations', visibleAtStart: true },
  { layerId: 'labels', collectionId: null, visibleAtStart: true },
];

/** The collection each catalogued feature layer draws. */
const collectionIdOfCatalogueLayer = new Map(
  layerCatalogue.flatMap((entry) => (entry.collectionId ? [[entry.layerId, entry.collectionId] as const] : [])),
);

/**
 * A collection an import created (any the API lists that the catalogue does not draw) gets a
 * layer of its own, `imported-<collection id>`. Collection ids are lower_snake_case, so these
 * ids can never be a catalogue layer's (hyphenated words).
 */
const importedLayerPrefix = 'imported-';

/** Projects change only in the projects panel and are drawn by their own catalogue layer, never as an import. */
export function isImportedCollection(collectionId: string): boolean {
  return collectionId !== 'projects' && !layerCatalogue.some((entry) => entry.collectionId === collectionId);
}

export function importedLayerIdOf(collectionId: string): string {
  return `${importedLayerPrefix}${collectionId}`;
}

/** The collection a feature layer draws, to tell a click which collection its feature came from; undefined for other layers. */
export function collectionIdOfLayer(layerId: string): string | undefined {
  const catalogued = collectionIdOfCatalogueLayer.get(layerId);
  if (catalogued) return catalogued;
  return layerId.startsWith(importedLayerPrefix) ? layerId.slice(importedLayerPrefix.length) : undefined;
}
