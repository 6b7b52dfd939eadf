import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection } from '../api/collections.ts';
import { pickingProperties, type LayerOptions } from './layer-options.ts';
import { layerColours } from './palette.ts';

/** The offices of the residents committees (居委会), as small purple dots; off at start. */
export function createResidentsCommitteesLayer(residentsCommittees: PlaceCollection, { visible }: LayerOptions) {
  return new GeoJsonLayer({
    id: 'residents-committees',
    data: residentsCommittees,
    visible,
    pointType: 'circle',
    filled: true,
    stroked: true,
    getFillColor: layerColours.residentsCommittee,
    getLineColor: [255, 255, 255, 255],
    getPointRadius: 5,
    pointRadiusUnits: 'pixels',
    getLineWidth: 1,
    lineWidthUnits: 'pixels',
    ...pickingProperties,
  });
}
