import { ScatterplotLayer } from '@deck.gl/layers';

/** The point the planner clicked to ask "how far from here?": a ringed dot. */
export function createWalkOriginLayer(origin: [number, number] | null) {
  return new ScatterplotLayer<[number, number]>({
    id: 'walk-origin',
    data: origin ? [origin] : [],
    getPosition: (position) => position,
    getRadius: 7,
    radiusUnits: 'pixels',
    stroked: true,
    getFillColor: [33, 102, 172, 230],
    getLineColor: [255, 255, 255, 255],
    getLineWidth: 2,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}
