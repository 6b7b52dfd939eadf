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

/** The collection each feature layer draws, to tell a click which collection its feature came from. */
export const collectionIdOfLayer = new Map(
  layerCatalogue.flatMap((entry) => (entry.collectionId ? [[entry.layerId, entry.collectionId] as const] : [])),
);
