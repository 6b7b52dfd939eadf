import { H3HexagonLayer } from '@deck.gl/geo-layers';
import type { HexGridAnswer } from '../api/coverage.ts';
import { colourOfHexCell } from './hex-gap-colours.ts';

export type HexCellOnMap = HexGridAnswer['cells'][number];

/**
 * The gap heat map: H3 cells (resolution 10, about 66 m across) over the subdistrict, filled by
 * the walk from each cell's centre to the nearest facility of the focused type (hex-gap-colours.ts).
 * The hexagons are drawn from their H3 index (h3-js, inside deck.gl), so the API sends indexes,
 * not polygons. Pickable: hovering a cell tells its minutes and residents.
 *
 * `colourKey` changes whenever the answer does (type, date, speed, placeholders): deck.gl then
 * recomputes the fills. `coverage: 0.96` leaves a thin gap between cells, so the grid reads as cells.
 */
export function createHexGapLayer(cells: readonly HexCellOnMap[], { visible, colourKey }: { visible: boolean; colourKey: string }) {
  return new H3HexagonLayer<HexCellOnMap>({
    id: 'hex-gap',
    data: cells,
    visible,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 90],
    extruded: false,
    stroked: false,
    filled: true,
    coverage: 0.96,
    getHexagon: (cell) => cell.cell,
    getFillColor: (cell) => colourOfHexCell(cell.walkMinutes, cell.residents),
    updateTriggers: { getFillColor: colourKey },
  });
}
