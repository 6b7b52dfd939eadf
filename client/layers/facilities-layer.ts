import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection, PlaceFeature } from '../api/collections.ts';
import { drawnOverBuildings, pickingProperties, type LayerOptions } from './layer-options.ts';
import { facilityGroupOf, type Colour, muteOutside } from './palette.ts';

const white: Colour = [255, 255, 255, 255];
// Bus stops and charging points are many and small; drawn smaller so the service facilities stand out.
const minorFacilityTypes = new Set(['bus_stop', 'ebike_charging']);

/** A position the data generated as a placeholder, not a known site: drawn hollow, and said so in the legend. */
export const isPlaceholderPosition = (feature: PlaceFeature) => feature.properties?.source === 'generated';

// deck.gl recomputes a layer's attributes whenever its data is a new array; one filtered array per
// collection (and set of facilities not yet open) keeps a toggle or a selection elsewhere from redoing this layer.
const drawnFacilitiesByCollection = new WeakMap<PlaceCollection, { notYetOpen: ReadonlySet<string> | null; drawn: PlaceFeature[] }>();
function drawnFacilitiesOf(facilities: PlaceCollection, notYetOpen: ReadonlySet<string> | null): PlaceFeature[] {
  let cached = drawnFacilitiesByCollection.get(facilities);
  if (!cached || cached.notYetOpen !== notYetOpen) {
    const drawn = facilities.features.filter((feature) => feature.properties?.facility_type !== 'metro_station' && !notYetOpen?.has(String(feature.id)));
    cached = { notYetOpen, drawn };
    drawnFacilitiesByCollection.set(facilities, cached);
  }
  return cached.drawn;
}

/**
 * Public service facilities as dots coloured by their life-circle group (education, health,
 * elderly care…). Placeholder positions are hollow rings. Facilities of type metro_station are
 * copies of the metro stations layer (kept in the data for coverage analysis) and are not drawn twice.
 * Facilities not yet open on the dashboard's as-of date (`notYetOpen`, by feature id) are left out.
 */
export function createFacilitiesLayer(facilities: PlaceCollection, { visible, notYetOpen = null }: LayerOptions & { notYetOpen?: ReadonlySet<string> | null }) {
  return new GeoJsonLayer({
    id: 'facilities',
    data: drawnFacilitiesOf(facilities, notYetOpen),
    visible,
    pointType: 'circle',
    filled: true,
    stroked: true,
    getFillColor: (feature: PlaceFeature) => muteOutside(isPlaceholderPosition(feature) ? white : facilityGroupOf(feature.properties?.facility_type).colour, feature),
    getLineColor: (feature: PlaceFeature) => muteOutside(isPlaceholderPosition(feature) ? facilityGroupOf(feature.properties?.facility_type).colour : white, feature),
    getPointRadius: (feature: PlaceFeature) => (minorFacilityTypes.has(String(feature.properties?.facility_type)) ? 4 : 6),
    pointRadiusUnits: 'pixels',
    getLineWidth: (feature: PlaceFeature) => (isPlaceholderPosition(feature) ? 2.5 : 1.5),
    lineWidthUnits: 'pixels',
    ...pickingProperties,
    ...drawnOverBuildings,
  });
}
