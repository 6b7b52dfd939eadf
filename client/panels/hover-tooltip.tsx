import { language, hoveredFeature } from '../state/dashboard-state.ts';
import { hoveredHexCell } from '../state/coverage-state.ts';
import { translate } from '../i18n/translate.ts';
import type { HexCellOnMap } from '../layers/hex-gap-layer.ts';
import { kindOfFeature, layerTitleOfCollection, placeNameOf } from './feature-text.ts';

/** The name of the feature under the pointer, next to the pointer. */
export function HoverTooltip() {
  const cell = hoveredHexCell.value;
  if (cell) return <HexCellTooltip {...cell} />;
  const hovered = hoveredFeature.value;
  if (!hovered) return null;
  const currentLanguage = language.value;
  const kind = kindOfFeature(hovered.feature, currentLanguage) ?? layerTitleOfCollection(hovered.collectionId, currentLanguage);
  return (
    <div class="hover-tooltip" role="tooltip" style={{ left: `${hovered.x + 14}px`, top: `${hovered.y + 14}px` }}>
      <strong lang="zh-CN">{placeNameOf(hovered.feature)}</strong>
      <span>{kind}</span>
    </div>
  );
}

/** A cell of the gap heat map: its walk to the nearest facility and its residents, which are an estimate. */
function HexCellTooltip({ cell, x, y }: { cell: HexCellOnMap; x: number; y: number }) {
  return (
    <div class="hover-tooltip" role="tooltip" data-testid="hex-cell-tooltip" style={{ left: `${x + 14}px`, top: `${y + 14}px` }}>
      <strong>{cell.walkMinutes === null ? translate('hexUnreachable') : translate('hexTooltipMinutes').replace('{minutes}', cell.walkMinutes.toFixed(1))}</strong>
      <span>{translate('hexTooltipResidents').replace('{residents}', String(cell.residents))}</span>
    </div>
  );
}
