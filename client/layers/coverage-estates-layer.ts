import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection } from '../api/collections.ts';
import { colourOfMinutes, noDataColour } from './coverage-colours.ts';

/**
 * Estates coloured by the walk from their nearest gate to the nearest facility of the focused
 * type (minutes; grey where none is reachable; pale and plain where the data knows no real site of
 * the type, since "no data" is not "unreachable"). Not pickable: a click goes through to the estate
 * underneath, which opens its details.
 */
export function createCoverageEstatesLayer(
  neighbourhoods: PlaceCollection,
  { visible, minutesByEstate, hasData, colourKey }: { visible: boolean; minutesByEstate: Map<string, number | null>; hasData: boolean; colourKey: string },
) {
  return new GeoJsonLayer({
    id: 'coverage-estates',
    data: neighbourhoods,
    visible,
    filled: true,
    stroked: true,
    pickable: false,
    getFillColor: (feature) => (hasData ? colourOfMinutes(minutesByEstate.get(String(feature.id))) : noDataColour.colour),
    getLineColor: [80, 80, 80, 160],
    getLineWidth: 1,
    lineWidthUnits: 'pixels',
    // The colours depend on the answer and the focused type, not on the data array.
    updateTriggers: { getFillColor: colourKey },
  });
}
