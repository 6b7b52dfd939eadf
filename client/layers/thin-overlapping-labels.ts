import type { PlaceLabel } from './labels-layer.ts';

/** A label's box on screen: centre, half sizes and rotation, in world pixels at one zoom. */
interface LabelBox {
  centreX: number;
  centreY: number;
  halfWidth: number;
  halfHeight: number;
  angleRadians: number;
}

// Web Mercator world size in pixels at zoom 0, as MapLibre uses.
const tileSize = 512;
// Space kept clear around each label, in pixels.
const paddingPixels = 3;

function worldPixel(longitude: number, latitude: number, zoom: number): [number, number] {
  const scale = tileSize * 2 ** zoom;
  const sine = Math.sin((latitude * Math.PI) / 180);
  return [((longitude + 180) / 360) * scale, (0.5 - Math.log((1 + sine) / (1 - sine)) / (4 * Math.PI)) * scale];
}

/** Chinese characters are about as wide as the font size; Latin letters and digits about half. */
function textWidthPixels(text: string, sizePixels: number): number {
  let width = 0;
  for (const character of text) width += character.charCodeAt(0) > 0x2e80 ? sizePixels : sizePixels * 0.55;
  return width;
}

function boxOf(label: PlaceLabel, zoom: number): LabelBox {
  const [x, y] = worldPixel(label.position[0], label.position[1], zoom);
  return {
    centreX: x + label.offset[0],
    centreY: y + label.offset[1],
    halfWidth: textWidthPixels(label.text, label.sizePixels) / 2 + paddingPixels,
    halfHeight: (label.sizePixels * 1.2) / 2 + paddingPixels,
    // deck.gl angles are counter-clockwise; screen y points down.
    angleRadians: (-label.angle * Math.PI) / 180,
  };
}

/** Separating-axis test for two rotated rectangles. */
function boxesOverlap(first: LabelBox, second: LabelBox): boolean {
  const axes = [first.angleRadians, first.angleRadians + Math.PI / 2, second.angleRadians, second.angleRadians + Math.PI / 2];
  const deltaX = second.centreX - first.centreX;
  const deltaY = second.centreY - first.centreY;
  for (const axis of axes) {
    const axisX = Math.cos(axis);
    const axisY = Math.sin(axis);
    const reach = (box: LabelBox) =>
      box.halfWidth * Math.abs(Math.cos(box.angleRadians) * axisX + Math.sin(box.angleRadians) * axisY) +
      box.halfHeight * Math.abs(-Math.sin(box.angleRadians) * axisX + Math.cos(box.angleRadians) * axisY);
    if (Math.abs(deltaX * axisX + deltaY * axisY) > reach(first) + reach(second)) return false;
  }
  return true;
}

/**
 * Keeps the labels that fit without overlapping at this zoom, earlier labels first: callers list
 * the most important kinds (stations, estates) before the rest. Pure and deterministic, so the
 * same zoom always shows the same names.
 */
export function thinOverlappingLabels(labels: PlaceLabel[], zoom: number): PlaceLabel[] {
  const placed: LabelBox[] = [];
  const kept: PlaceLabel[] = [];
  for (const label of labels) {
    const box = boxOf(label, zoom);
    if (placed.some((other) => boxesOverlap(box, other))) continue;
    placed.push(box);
    kept.push(label);
  }
  return kept;
}
