import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection, PlaceFeature } from '../api/collections.ts';
import { pickingProperties, type LayerOptions } from './layer-options.ts';
import { roadClassColours, roadColourFallback, roadWidthMetresByClass, muteOutside } from './palette.ts';

function widthMetresOf(feature: PlaceFeature): number {
  const width = Number(feature.properties?.width_metres);
  if (Number.isFinite(width) && width > 0) return width;
  return roadWidthMetresByClass[String(feature.properties?.class)] ?? 8;
}

/**
 * Roads coloured by class and drawn at their real width in metres (width_metres, or the typical
 * width of their class), with a pixel minimum so lanes stay visible when zoomed out.
 */
export function createRoadsLayer(roads: PlaceCollection, { visible }: LayerOptions) {
  return new GeoJsonLayer({
    id: 'roads',
    data: roads,
    visible,
    stroked: true,
    filled: false,
    getLineColor: (feature: PlaceFeature) => muteOutside(roadClassColours[String(feature.properties?.class)] ?? roadColourFallback, feature),
    getLineWidth: widthMetresOf,
    lineWidthUnits: 'meters',
    lineWidthMinPixels: 1.5,
    lineCapRounded: true,
    lineJointRounded: true,
    ...pickingProperties,
  });
}
