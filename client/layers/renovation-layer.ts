import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import type { PlaceCollection, PlaceFeature } from '../api/collections.ts';
import { anchorOfGeometry } from '../geometry/geometry-bounds.ts';
import { drawnOverBuildings, haloTextStyle } from './layer-options.ts';
import { colourOfRenovation, demonstrationOutline, type RenovationClass } from './renovation-colours.ts';

export interface RenovationOverlay {
  /** Each estate's renovation class on the as-of date, keyed by estate id. */
  classByEstate: Map<string, RenovationClass>;
  /** Ids of the demonstration-area estates, outlined and named. */
  demonstrationEstateIds: ReadonlySet<string>;
  /** Changes whenever the colours must (another as-of date or another answer). */
  colourKey: string;
  /** What follows a demonstration area's name on the map, in the interface's language. */
  demonstrationLabel: string;
}


// One label list per collection and set of ids, so deck.gl does not lay the labels out again on every change.
let lastLabels: { neighbourhoods: PlaceCollection; ids: ReadonlySet<string>; suffix: string; labels: { text: string; position: [number, number] }[] } | null = null;
function demonstrationLabels(neighbourhoods: PlaceCollection, ids: ReadonlySet<string>, suffix: string) {
  if (lastLabels?.neighbourhoods !== neighbourhoods || lastLabels.ids !== ids || lastLabels.suffix !== suffix) {
    const labels = neighbourhoods.features.flatMap((feature) => {
      const anchor = ids.has(String(feature.id)) ? anchorOfGeometry(feature.geometry) : null;
      // The estate's own name is already on the map (labels layer); this says what it is, just above.
      return anchor ? [{ text: `★ ${suffix}`, position: anchor }] : [];
    });
    lastLabels = { neighbourhoods, ids, suffix, labels };
  }
  return lastLabels.labels;
}

/**
 * Estates coloured by 综合整新 on the as-of date (done / in progress / planned / not planned),
 * with the plan's demonstration areas outlined and named. Not pickable: a click goes through to
 * the estate underneath, which opens its details.
 */
export function createRenovationLayer(neighbourhoods: PlaceCollection, overlay: RenovationOverlay) {
  const { classByEstate, demonstrationEstateIds, colourKey } = overlay;
  return new GeoJsonLayer({
    id: 'renovation-estates',
    data: neighbourhoods,
    filled: true,
    stroked: true,
    pickable: false,
    getFillColor: (feature: PlaceFeature) => colourOfRenovation(classByEstate.get(String(feature.id))),
    getLineColor: (feature: PlaceFeature) => (demonstrationEstateIds.has(String(feature.id)) ? demonstrationOutline : [80, 80, 80, 140]),
    getLineWidth: (feature: PlaceFeature) => (demonstrationEstateIds.has(String(feature.id)) ? 3.5 : 1),
    lineWidthUnits: 'pixels',
    updateTriggers: { getFillColor: colourKey, getLineColor: [...demonstrationEstateIds].join(), getLineWidth: [...demonstrationEstateIds].join() },
  });
}

/** The demonstration areas' names, drawn over everything else so roads and buildings never hide them. */
export function createDemonstrationLabelsLayer(neighbourhoods: PlaceCollection, overlay: RenovationOverlay) {
  return new TextLayer<{ text: string; position: [number, number] }>({
    id: 'renovation-demonstration-labels',
    data: demonstrationLabels(neighbourhoods, overlay.demonstrationEstateIds, overlay.demonstrationLabel),
    getText: (label) => label.text,
    getPosition: (label) => label.position,
    getSize: 13,
    getColor: demonstrationOutline,
    getPixelOffset: [0, -17],
    ...haloTextStyle,
    fontWeight: 600,
    ...drawnOverBuildings,
  });
}
