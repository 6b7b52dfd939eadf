import { ScatterplotLayer } from '@deck.gl/layers';

/** The clicked point's blue, also the outline of its isochrones. */
export const walkOriginColour: [number, number, number, number] = [33, 102, 172, 230];

/** The point the planner clicked to ask "how far from here?": a ringed dot. */
export function createWalkOriginLayer(origin: [number, number] | null) {
  return new ScatterplotLayer<[number, number]>({
    id: 'walk-origin',
    data: origin ? [origin] : [],
    getPosition: (position) => position,
    getRadius: 7,
    radiusUnits: 'pixels',
    stroked: true,
    getFillColor: walkOriginColour,
    getLineColor: [255, 255, 255, 255],
    getLineWidth: 2,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}
