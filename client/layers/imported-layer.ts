import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection } from '../api/collections.ts';
import { importedLayerIdOf } from './catalogue.ts';
import { pickingProperties, type LayerOptions } from './layer-options.ts';
import { layerColours } from './palette.ts';

/**
 * A collection an import created, whatever its shapes: points as slate dots with a white ring,
 * lines as slate strokes, areas as a light slate wash with an outline. One plain style for every
 * such layer: the data says nothing about how it should look.
 */
export function createImportedLayer(collectionId: string, collection: PlaceCollection, { visible }: LayerOptions) {
  return new GeoJsonLayer({
    id: importedLayerIdOf(collectionId),
    data: collection,
    visible,
    pointType: 'circle',
    filled: true,
    stroked: true,
    // An area's fill is the wash; a point's fill is its dot.
    getFillColor: (feature) => (isPoint(feature.geometry.type) ? layerColours.importedPoint : layerColours.importedFill),
    getLineColor: (feature) => (isPoint(feature.geometry.type) ? [255, 255, 255, 240] : layerColours.importedOutline),
    getLineWidth: (feature) => (isPoint(feature.geometry.type) ? 1.5 : 2),
    lineWidthUnits: 'pixels',
    getPointRadius: 6,
    pointRadiusUnits: 'pixels',
    ...pickingProperties,
  });
}

const isPoint = (geometryType: string) => geometryType === 'Point' || geometryType === 'MultiPoint';
