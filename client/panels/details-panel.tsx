import { useEffect } from 'preact/hooks';
import { EstateWalkingTimes } from './estate-walking-times.tsx';
import { ProjectsOfPlace } from './lazy-panels.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { translate } from '../i18n/translate.ts';
import { confidenceLevels, nameOfValue, propertyNames, sourceKinds } from '../i18n/vocabulary.ts';
import { selectFeature } from '../state/actions.ts';
import { language, selectedFeature } from '../state/dashboard-state.ts';
import { describeAttributeValue, kindOfFeature, layerTitleOfCollection, placeNameOf, textInLanguage } from './feature-text.ts';

// Properties shown elsewhere in the panel, or bookkeeping nobody needs to read. A free text with
// a Chinese version (`note` and `note_zh`) is one attribute, shown in the interface's language.
const propertiesShownElsewhere = new Set(['name', 'name_en', 'source', 'source_detail', 'source_detail_zh', 'confidence', 'id']);
const isChineseVersion = (key: string, properties: Record<string, unknown>) => key.endsWith('_zh') && key !== 'title_zh' && key.slice(0, -3) in properties;

/** What "generated" means for this shape: an outline, a position or a link. */
function generatedWarningFor(geometryType: string | undefined): MessageKey {
  if (geometryType === 'Point' || geometryType === 'MultiPoint') return 'generatedPositionWarning';
  if (geometryType === 'LineString' || geometryType === 'MultiLineString') return 'generatedLineWarning';
  return 'generatedWarning';
}

/** A free text the data writes in both languages (`note`, `note_zh`) in the interface's; any other value named as the language reads it. */
function AttributeValue({ properties, attribute, value }: { properties: Record<string, unknown>; attribute: string; value: unknown }) {
  const text = typeof value === 'string' && `${attribute}_zh` in properties ? textInLanguage(properties, attribute, language.value) : null;
  return text ? <dd lang={text.lang}>{text.text}</dd> : <dd>{describeAttributeValue(attribute, value, language.value)}</dd>;
}

/**
 * The clicked feature: its Chinese name, what it is, its attributes, and where the data came from
 * and how far to trust it. Generated and estimated data say so in words, not only in a code.
 */
export function DetailsPanel() {
  const reference = selectedFeature.value;
  useEffect(() => {
    if (!reference) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') selectFeature(null);
    };
    window.addEventListener('keydown', closeOnEscape);
    return () => window.removeEventListener('keydown', closeOnEscape);
  }, [reference]);
  if (!reference) return null;
  const currentLanguage = language.value;
  const { feature, collectionId } = reference;
  const properties = feature.properties ?? {};
  const source = typeof properties.source === 'string' ? properties.source : undefined;
  const confidence = typeof properties.confidence === 'string' ? properties.confidence : undefined;
  const kind = kindOfFeature(feature, currentLanguage);
  const attributes = Object.entries(properties).filter(([key, value]) => !propertiesShownElsewhere.has(key) && !isChineseVersion(key, properties) && value !== null && value !== '');
  const note = textInLanguage(properties, 'source_detail', currentLanguage);
  return (
    <aside class="panel details-panel" aria-labelledby="details-name" data-testid="details-panel">
      <header class="details-header">
        <div>
          <p class="details-layer">{layerTitleOfCollection(collectionId, currentLanguage)}{kind ? ` · ${kind}` : ''}</p>
          <h2 id="details-name" lang="zh-CN">{placeNameOf(feature)}</h2>
          {typeof properties.name_en === 'string' && properties.name_en !== '' && <p class="details-english-name">{properties.name_en}</p>}
        </div>
        <button type="button" class="icon-button" onClick={() => selectFeature(null)} aria-label={translate('close')} title={translate('close')}>×</button>
      </header>
      {source === 'generated' && <p class="data-warning" role="note">{translate(generatedWarningFor(feature.geometry?.type))}</p>}
      {source === 'estimated' && <p class="data-caution" role="note">{translate('estimatedWarning')}</p>}
      {collectionId === 'neighbourhoods' && <EstateWalkingTimes estateId={String(feature.id)} />}
      {feature.id !== undefined && <ProjectsOfPlace collectionId={collectionId} featureKey={String(feature.id)} />}
      {attributes.length > 0 && (
        <dl class="attribute-list">
          {attributes.map(([key, value]) => (
            <div key={key} class="attribute">
              <dt>{propertyNames[key]?.[currentLanguage] ?? key}</dt>
              <AttributeValue properties={properties} attribute={key} value={value} />
            </div>
          ))}
        </dl>
      )}
      <dl class="attribute-list provenance">
        <div class="attribute">
          <dt>{translate('source')}</dt>
          <dd>{source ? nameOfValue(sourceKinds, source, currentLanguage) : '—'}</dd>
        </div>
        <div class="attribute">
          <dt>{translate('confidence')}</dt>
          <dd>{confidence ? nameOfValue(confidenceLevels, confidence, currentLanguage) : '—'}</dd>
        </div>
        {note && (
          <div class="attribute attribute-wide">
            <dt>{translate('sourceDetail')}</dt>
            <dd class="source-detail" lang={note.lang} data-testid="source-detail">{note.text}</dd>
          </div>
        )}
      </dl>
    </aside>
  );
}
