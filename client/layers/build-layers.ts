import type { Layer } from '@deck.gl/core';
import type { PathStyleExtension } from '@deck.gl/extensions';
import type { PlaceCollection, PlaceFeature } from '../api/collections.ts';
import { createBoundaryLayer } from './boundary-layer.ts';
import { createBuildingsLayer } from './buildings-layer.ts';
import { createCommercialZonesLayer } from './commercial-zones-layer.ts';
import { createCoverageEstatesLayer } from './coverage-estates-layer.ts';
import type { createHexGapLayer, HexCellOnMap } from './hex-gap-layer.ts';
import { createIsochronesLayer } from './isochrones-layer.ts';
import { createWalkOriginLayer } from './walk-origin-layer.ts';
import { createFacilitiesLayer } from './facilities-layer.ts';
import { createGreenSpacesLayer } from './green-spaces-layer.ts';
import { createImportPreviewLayer } from './import-preview-layer.ts';
import type { PreviewFeatureOnMap } from '../model/import-form.ts';
import { collectPlaceLabels, createLabelsLayer, type PlaceLabel } from './labels-layer.ts';
import { importedLayerIdOf, layerCatalogue } from './catalogue.ts';
import { createImportedLayer } from './imported-layer.ts';
import { createMetroStationsLayer } from './metro-stations-layer.ts';
import { createNeighbourhoodsLayer } from './neighbourhoods-layer.ts';
import { createResidentsCommitteesLayer } from './residents-committees-layer.ts';
import { createRoadsLayer } from './roads-layer.ts';
import { createSelectionLayer } from './selection-layer.ts';
import { createWalkingNetworkLayer } from './walking-network-layer.ts';
import { createWaterfrontLayer } from './waterfront-layer.ts';
import { createProjectHighlightLayer, createProjectsLayer, type ProjectOverlay } from './projects-layer.ts';
import { createDemonstrationLabelsLayer, createRenovationLayer, type RenovationOverlay } from './renovation-layer.ts';

export interface LayerInputs {
  featuresByCollection: Record<string, PlaceCollection>;
  visibleLayerIds: ReadonlySet<string>;
  /** The collections imports created, which the catalogue does not know: each is drawn as a layer of its own. */
  importedCollectionIds?: readonly string[];
  selected: PlaceFeature | null;
  threeDimensional: boolean;
  zoom: number;
  /** The life-circle analysis drawn over the estates while its panel is open; null otherwise. */
  coverage: CoverageOverlay | null;
  /** The action plan's projects (filtered, with their status on the as-of date) and the selected one's highlight. */
  projects?: ProjectOverlay | null;
  /** The extension dashing planned projects (loadProjectDashes); there is no projects layer until it is there. */
  projectDashes?: PathStyleExtension | null;
  /** The renovation choropleth drawn over the estates while the leaders' view is open; null otherwise. */
  renovation?: RenovationOverlay | null;
  /** Facilities (by feature id) not yet open on the dashboard's as-of date: not drawn. */
  facilitiesNotYetOpen?: ReadonlySet<string> | null;
  /** The rows of a file the 导入数据 dialog previews, drawn over everything; null when the dialog is closed or has no preview. */
  importPreview?: readonly PreviewFeatureOnMap[] | null;
}

export interface CoverageOverlay {
  minutesByEstate: Map<string, number | null>;
  /** False when the data knows no real site of the focused type: every estate is drawn as no data, not as unreachable. */
  hasData: boolean;
  /** Changes whenever the colours must (another answer or focused type). */
  colourKey: string;
  isochrones: PlaceCollection | null;
  walkOrigin: [number, number] | null;
  /** The areas within 5, 10 and 15 minutes of the clicked point; null with no point. */
  pointIsochrones?: PlaceCollection | null;
  /** The gap heat map's cells, drawn instead of the estates' colours (both would mix); null while it is off. */
  hexGrid?: { cells: readonly HexCellOnMap[]; colourKey: string } | null;
  /** The heat map's layer factory, fetched with @deck.gl/geo-layers and h3-js when the heat map is first turned on (deck-overlay.ts); until then the estates keep their colours. */
  createHexGapLayer?: typeof createHexGapLayer | null;
}

/** Makes a collection's layer; null when it cannot be drawn yet. */
type Factory = (collection: PlaceCollection, inputs: LayerInputs, visible: boolean) => Layer | null;
type LabelsFactory = (inputs: LayerInputs, visible: boolean) => Layer | null;

const factories: Record<string, Factory | undefined> = {
  'green-spaces': (collection, _inputs, visible) => createGreenSpacesLayer(collection, { visible }),
  waterfront: (collection, _inputs, visible) => createWaterfrontLayer(collection, { visible }),
  neighbourhoods: (collection, _inputs, visible) => createNeighbourhoodsLayer(collection, { visible }),
  'commercial-zones': (collection, _inputs, visible) => createCommercialZonesLayer(collection, { visible }),
  'walking-network': (collection, _inputs, visible) => createWalkingNetworkLayer(collection, { visible }),
  roads: (collection, _inputs, visible) => createRoadsLayer(collection, { visible }),
  buildings: (collection, inputs, visible) => createBuildingsLayer(collection, { visible, threeDimensional: inputs.threeDimensional }),
  boundary: (collection, _inputs, visible) => createBoundaryLayer(collection, { visible }),
  'residents-committees': (collection, _inputs, visible) => createResidentsCommitteesLayer(collection, { visible }),
  facilities: (collection, inputs, visible) => createFacilitiesLayer(collection, { visible, notYetOpen: inputs.facilitiesNotYetOpen ?? null }),
  'metro-stations': (collection, _inputs, visible) => createMetroStationsLayer(collection, { visible }),
  // Made only once the dash extension is there: an extension given to a layer deck.gl has already
  // made rebuilds its models before the dash attribute exists, and luma.gl warns about
  // `instanceDashArrays` missing from the buffer layout.
  projects: (collection, inputs, visible) => (inputs.projectDashes
    ? createProjectsLayer(inputs.projects?.features ?? collection.features, { visible: visible || Boolean(inputs.projects?.panelOpen), dashes: inputs.projectDashes })
    : null),
};

// Labels take names from several collections, so they are built from all the data, not one
// collection. The list is kept until the data or the zoom changes: a new array would make deck.gl
// lay out every label again.
let lastLabels: { featuresByCollection: Record<string, PlaceCollection>; zoom: number; labels: PlaceLabel[] } | null = null;
const createLabels: LabelsFactory = (inputs, visible) => {
  if (lastLabels?.featuresByCollection !== inputs.featuresByCollection || lastLabels.zoom !== inputs.zoom) {
    lastLabels = { featuresByCollection: inputs.featuresByCollection, zoom: inputs.zoom, labels: collectPlaceLabels(inputs.featuresByCollection, inputs.zoom) };
  }
  return lastLabels.labels.length > 0 ? createLabelsLayer(lastLabels.labels, { visible }) : null;
};

function buildImportedLayers(inputs: LayerInputs): Layer[] {
  return (inputs.importedCollectionIds ?? []).flatMap((collectionId) => {
    const collection = inputs.featuresByCollection[collectionId];
    if (!collection || collection.features.length === 0) return [];
    return [createImportedLayer(collectionId, collection, { visible: inputs.visibleLayerIds.has(importedLayerIdOf(collectionId)) })];
  });
}

/**
 * The whole deck.gl layer list for a state, rebuilt on every change: ids are stable, so deck.gl
 * only updates what changed. A collection the API does not have gives no layer.
 */
export function buildLayers(inputs: LayerInputs): Layer[] {
  const layers: Layer[] = [];
  for (const entry of layerCatalogue) {
    const visible = inputs.visibleLayerIds.has(entry.layerId);
    if (entry.collectionId === null) {
      // Imported layers go over every thematic layer, under the names, which stay readable.
      layers.push(...buildImportedLayers(inputs));
      const labels = createLabels(inputs, visible);
      if (labels) layers.push(labels);
      continue;
    }
    const collection = inputs.featuresByCollection[entry.collectionId];
    const factory = factories[entry.layerId];
    if (!factory || !collection || collection.features.length === 0) continue;
    const layer = factory(collection, inputs, visible);
    if (layer) layers.push(layer);
    // The analysis goes right over the estates: under roads, buildings and symbols, which stay readable.
    if (entry.layerId === 'neighbourhoods' && inputs.coverage) {
      const { hexGrid, createHexGapLayer } = inputs.coverage;
      if (hexGrid && createHexGapLayer) layers.push(createHexGapLayer(hexGrid.cells, { visible: true, colourKey: hexGrid.colourKey }));
      else layers.push(createCoverageEstatesLayer(collection, { visible: true, minutesByEstate: inputs.coverage.minutesByEstate, hasData: inputs.coverage.hasData, colourKey: inputs.coverage.colourKey }));
      // The heat map already shows the minutes everywhere: the type's isochrones over it would only blur its colours.
      if (inputs.coverage.isochrones && !(hexGrid && createHexGapLayer)) layers.push(createIsochronesLayer(inputs.coverage.isochrones, { visible: true }));
      if (inputs.coverage.pointIsochrones) layers.push(createIsochronesLayer(inputs.coverage.pointIsochrones, { visible: true, id: 'point-isochrones' }));
    }
    if (entry.layerId === 'neighbourhoods' && inputs.renovation) layers.push(createRenovationLayer(collection, inputs.renovation));
  }
  const neighbourhoods = inputs.featuresByCollection.neighbourhoods;
  if (inputs.renovation && neighbourhoods) layers.push(createDemonstrationLabelsLayer(neighbourhoods, inputs.renovation));
  layers.push(createSelectionLayer(inputs.selected));
  if (inputs.projects?.highlight) layers.push(createProjectHighlightLayer(inputs.projects.highlight));
  if (inputs.coverage) layers.push(createWalkOriginLayer(inputs.coverage.walkOrigin));
  if (inputs.importPreview) layers.push(createImportPreviewLayer(inputs.importPreview));
  return layers;
}
