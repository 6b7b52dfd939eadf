import { language, hoveredFeature } from '../state/dashboard-state.ts';
import { kindOfFeature, layerTitleOfCollection, placeNameOf } from './feature-text.ts';

/** The name of the feature under the pointer, next to the pointer. */
export function HoverTooltip() {
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
