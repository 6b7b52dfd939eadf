import type { ComponentChildren } from 'preact';
import { translate } from '../i18n/translate.ts';
import { buildingTypes, facilityGroupTitles, layerTitles, nameOfValue, roadClasses } from '../i18n/vocabulary.ts';
import { importedLayerIdOf, layerCatalogue } from '../layers/catalogue.ts';
import { buildingColourFallback, buildingTypeColours, cssColour, facilityGroups, layerColours, roadClassColours, type Colour } from '../layers/palette.ts';
import { toggleLayer } from '../state/actions.ts';
import { canEdit } from '../state/session-state.ts';
import { ProjectsLegend } from './projects-legend.tsx';
import { collections, featuresByCollection, generatedBuildingCount, hasPlaceholderFacilities, importedCollections, language, loadStatus, visibleLayerIds } from '../state/dashboard-state.ts';

type SwatchShape = 'square' | 'circle' | 'line' | 'text';

function Swatch({ fill, outline, shape = 'square' }: { fill: Colour; outline?: Colour; shape?: SwatchShape }) {
  if (shape === 'text') return <span class="swatch swatch-text" style={{ color: cssColour(fill) }} aria-hidden="true">字</span>;
  return (
    <span
      class={`swatch swatch-${shape}`}
      style={{ background: cssColour(fill), borderColor: outline ? cssColour(outline) : 'transparent' }}
      aria-hidden="true"
    />
  );
}

function LegendRow({ children, label }: { children: ComponentChildren; label: string }) {
  return (
    <li class="legend-row">
      {children}
      <span>{label}</span>
    </li>
  );
}

/** The legend of one layer: what its colours mean, in the current language. */
function LayerLegend({ layerId }: { layerId: string }) {
  const currentLanguage = language.value;
  switch (layerId) {
    case 'roads':
      return (
        <ul class="legend">
          {Object.entries(roadClassColours).map(([roadClass, colour]) => (
            <LegendRow key={roadClass} label={nameOfValue(roadClasses, roadClass, currentLanguage)}><Swatch fill={colour} shape="line" /></LegendRow>
          ))}
        </ul>
      );
    case 'facilities':
      return (
        <ul class="legend">
          {facilityGroups.map((group) => (
            <LegendRow key={group.id} label={nameOfValue(facilityGroupTitles, group.id, currentLanguage)}><Swatch fill={group.colour} outline={[255, 255, 255]} shape="circle" /></LegendRow>
          ))}
          {hasPlaceholderFacilities.value && (
            <LegendRow label={translate('placeholderFacilities')}><Swatch fill={[255, 255, 255]} outline={[110, 110, 110]} shape="circle" /></LegendRow>
          )}
        </ul>
      );
    case 'buildings':
      return (
        <ul class="legend">
          {Object.entries(buildingTypeColours).map(([buildingType, colour]) => (
            <LegendRow key={buildingType} label={nameOfValue(buildingTypes, buildingType, currentLanguage)}><Swatch fill={colour} /></LegendRow>
          ))}
          {generatedBuildingCount.value > 0 && (
            <li class="legend-note">{translate('generatedBuildings').replace('{count}', generatedBuildingCount.value.toLocaleString(currentLanguage))}</li>
          )}
        </ul>
      );
    case 'projects':
      return <ProjectsLegend />;
    default:
      return null;
  }
}

/** The symbol beside each layer's name: the same colours the map draws it with. */
const layerSwatches: Record<string, { fill: Colour; outline?: Colour; shape?: SwatchShape }> = {
  boundary: { fill: [255, 255, 255, 0], outline: layerColours.subdistrictOutline },
  neighbourhoods: { fill: layerColours.neighbourhoodFill, outline: layerColours.neighbourhoodOutline },
  waterfront: { fill: layerColours.waterfrontFill, outline: layerColours.waterfrontLine },
  'green-spaces': { fill: layerColours.greenFill },
  'commercial-zones': { fill: layerColours.commercialFill, outline: layerColours.commercialOutline },
  'walking-network': { fill: layerColours.walkingNetwork, shape: 'line' },
  buildings: { fill: buildingColourFallback },
  'metro-stations': { fill: layerColours.metroFill, outline: layerColours.metroOutline, shape: 'circle' },
  'residents-committees': { fill: layerColours.residentsCommittee, shape: 'circle' },
  facilities: { fill: facilityGroups[0].colour, shape: 'circle' },
  roads: { fill: roadClassColours.arterial, shape: 'line' },
  labels: { fill: [72, 62, 48], shape: 'text' },
  projects: { fill: [30, 110, 200, 70], outline: [30, 110, 200] },
};
/** One layer's switch: its symbol, title and feature count (or 暂无数据 when empty), with its legend beneath while it is on. */
function LayerItem({ layerId, collectionId, title, featureCount, empty, swatch, children }: {
  layerId: string; collectionId?: string; title: string; featureCount: number | undefined; empty: boolean;
  swatch?: { fill: Colour; outline?: Colour; shape?: SwatchShape }; children?: ComponentChildren;
}) {
  const checked = visibleLayerIds.value.has(layerId);
  return (
    <li class={`layer-item${empty ? ' layer-empty' : ''}`} data-layer-id={layerId} data-collection-id={collectionId}>
      <label class="layer-toggle">
        <input type="checkbox" checked={checked} disabled={empty} onChange={() => toggleLayer(layerId)} />
        {swatch && <Swatch {...swatch} />}
        <span class="layer-title">{title}</span>
        <span class="layer-count">{empty ? translate('emptyLayer') : featureCount ?? ''}</span>
      </label>
      {checked && !empty && children}
    </li>
  );
}

// Every imported layer is drawn alike (client/layers/imported-layer.ts): its area wash and outline.
const importedLayerSwatch = { fill: layerColours.importedFill, outline: layerColours.importedOutline };

/**
 * The layers imports created, under their own heading, each with the title the editor gave it
 * (in both languages: it is the editor's own name for the data) and its feature count. Nothing at
 * all while there are none.
 */
function ImportedLayers() {
  const imported = importedCollections.value;
  if (imported.length === 0) return null;
  const loaded = featuresByCollection.value;
  return (
    <section class="imported-layers" aria-labelledby="imported-layers-heading" data-testid="imported-layers">
      <h3 id="imported-layers-heading">{translate('importedLayersHeading')}</h3>
      <ul class="layer-list">
        {imported.map((summary) => {
          const layerId = importedLayerIdOf(summary.id);
          const featureCount = loaded[summary.id]?.features.length ?? summary.featureCount;
          const empty = loadStatus.value === 'ready' && featureCount === 0;
          return <LayerItem key={layerId} layerId={layerId} collectionId={summary.id} title={summary.title} featureCount={featureCount} empty={empty} swatch={importedLayerSwatch} />;
        })}
      </ul>
    </section>
  );
}

/** Layer toggles with each layer's legend beneath it; layers whose collection is missing or empty say so. */
export function LayerPanel() {
  const currentLanguage = language.value;
  const counts = new Map(collections.value.map((summary) => [summary.id, summary.featureCount]));
  const loaded = featuresByCollection.value;
  return (
    <section class="panel layer-panel" aria-labelledby="layers-heading">
      <h2 id="layers-heading">{translate('layersHeading')}</h2>
      <ul class="layer-list">
        {layerCatalogue.map((entry) => {
          const collectionId = entry.collectionId;
          const featureCount = collectionId === null ? undefined : loaded[collectionId]?.features.length ?? counts.get(collectionId);
          const empty = loadStatus.value === 'ready' && collectionId !== null && !featureCount;
          return (
            <LayerItem key={entry.layerId} layerId={entry.layerId} title={nameOfValue(layerTitles, entry.layerId, currentLanguage)} featureCount={featureCount} empty={empty} swatch={layerSwatches[entry.layerId]}>
              <LayerLegend layerId={entry.layerId} />
            </LayerItem>
          );
        })}
      </ul>
      <ImportedLayers />
      <div class="layer-panel-actions">
        <button type="button" class="completeness-open" data-testid="completeness-open" onClick={openDataCompleteness}>{translate('completenessOpen')}</button>
        {canEdit.value && (
          <button type="button" class="import-open" data-testid="import-open" onClick={openImportDialog}>{translate('importOpen')}</button>
        )}
      </div>
    </section>
  );
}

/** The dialog's actions come with it, on first use (state/import-actions.ts is not in the first map's code). */
function openDataCompleteness(): void {
  void import('../state/data-completeness-actions.ts').then((actions) => actions.openDataCompleteness());
}

function openImportDialog(): void {
  void import('../state/import-actions.ts').then((actions) => actions.openImportDialog());
}
