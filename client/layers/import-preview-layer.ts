import { GeoJsonLayer } from '@deck.gl/layers';
import type { PreviewFeatureOnMap } from '../model/import-form.ts';
import { drawnOverBuildings } from './layer-options.ts';
import type { Colour } from './palette.ts';

/**
 * The rows of a file being imported, as the 导入数据 dialog previews them, drawn over everything
 * else: a row placed by its exact address or its coordinates in deep violet (a hue no facility
 * group uses), an interpolated or street-only one in lighter violets (a rougher place), a row with
 * a problem in red. Nothing is
 * written yet: the layer goes when the dialog closes.
 */
const placementColours: Record<PreviewFeatureOnMap['properties']['placement'], Colour> = {
  coordinates: [109, 40, 217, 240],
  exact: [109, 40, 217, 240],
  interpolated: [167, 139, 250, 240],
  street: [196, 181, 253, 240],
  'not-found': [220, 38, 38, 235],
  none: [220, 38, 38, 235],
};
const problemColour: Colour = [220, 38, 38, 235];

const colourOf = (feature: PreviewFeatureOnMap): Colour => (feature.properties.hasProblem ? problemColour : placementColours[feature.properties.placement]);

export function createImportPreviewLayer(features: readonly PreviewFeatureOnMap[]) {
  return new GeoJsonLayer<PreviewFeatureOnMap['properties']>({
    id: 'import-preview',
    data: features as PreviewFeatureOnMap[],
    filled: true,
    stroked: true,
    // Points: a dot of 9 px radius with a dark ring, larger than the facilities' symbols, so the rows stand out among them.
    pointType: 'circle',
    getPointRadius: 9,
    pointRadiusUnits: 'pixels',
    // Polygons are filled faintly (alpha 70), so the estates under them show through.
    getFillColor: (feature) => (feature.geometry.type === 'Point' ? colourOf(feature) : [...colourOf(feature).slice(0, 3), 70] as Colour),
    getLineColor: (feature) => (feature.geometry.type === 'Point' ? [30, 27, 46, 255] : colourOf(feature)),
    // Point rings, lines and outlines 2 px wide.
    getLineWidth: 2,
    lineWidthUnits: 'pixels',
    pickable: false,
    ...drawnOverBuildings,
  });
}
