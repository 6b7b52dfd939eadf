import { chineseFontFamily } from './palette.ts';

/** What every layer factory is told besides its data. */
export interface LayerOptions {
  visible: boolean;
}

/** Shared picking style: a soft highlight under the pointer, so what a click will open is clear. */
export const pickingProperties = {
  pickable: true,
  autoHighlight: true,
  highlightColor: [255, 200, 0, 140] as [number, number, number, number],
};

/**
 * For symbols and names that must stay readable in the 3D view: drawn over extruded buildings
 * instead of being hidden behind them.
 */
export const drawnOverBuildings = { parameters: { depthCompare: 'always' as const } };

/**
 * Chinese text with a white halo, for names drawn over the map: a signed-distance atlas so the
 * halo can be drawn (it keeps names readable over roads), and the glyphs the names need.
 */
export const haloTextStyle = {
  characterSet: 'auto' as const,
  fontFamily: chineseFontFamily,
  fontSettings: { sdf: true, fontSize: 64, buffer: 10, radius: 14 },
  outlineWidth: 5,
  outlineColor: [255, 255, 255, 240] as [number, number, number, number],
};
