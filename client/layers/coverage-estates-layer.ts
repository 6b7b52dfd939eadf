import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection } from '../api/collections.ts';
import { colourOfMinutes } from './coverage-colours.ts';

/**
 * Estates coloured by the walk from their nearest gate to the nearest facility of the focused
 * type (minutes; grey where none is reachable). Not pickable: a click goes through to the estate
 * underneath, which opens its details.
 */
export function createCoverageEstatesLayer(
  neighbourhoods: PlaceCollection,
  { visible, minutesByEstate, colourKey }: { visible: boolean; minutesByEstate: Map<string, number | null>; colourKey: string },
) {
  return new GeoJsonLayer({
    id: 'coverage-estates',
    data: neighbourhoods,
    visible,
    filled: true,
    stroked: true,
    pickable: false,
    getFillColor: (feature) => colourOfMinutes(minutesByEstate.get(String(feature.id))),
    getLineColor: [80, 80, 80, 160],
    getLineWidth: 1,
    lineWidthUnits: 'pixels',
    // The colours depend on the answer and the focused type, not on the data array.
    updateTriggers: { getFillColor: colourKey },
  });
}
