import { translate } from '../i18n/translate.ts';
import { loadCollections } from '../state/actions.ts';
import { collections, failedCollections, language, loadFailure, loadStatus } from '../state/dashboard-state.ts';
import { layerTitleOfCollection } from './feature-text.ts';

/** Loading and failures, visible over the map: a silent blank map would look like "no data". */
export function StatusBanner() {
  if (loadStatus.value === 'loading') {
    return <div class="status-banner status-loading" role="status"><span class="spinner" aria-hidden="true" />{translate('loading')}</div>;
  }
  if (loadStatus.value === 'failed') {
    return (
      <div class="status-banner status-error" role="alert">
        <span>{translate('loadFailed')} {loadFailure.value && <code>{loadFailure.value}</code>}</span>
        <button type="button" onClick={() => void loadCollections()}>{translate('retry')}</button>
      </div>
    );
  }
  if (collections.value.length === 0) {
    return <div class="status-banner status-warning" role="status">{translate('noData')}</div>;
  }
  if (failedCollections.value.length > 0) {
    const currentLanguage = language.value;
    return (
      <div class="status-banner status-warning" role="alert">
        {translate('collectionFailed')}{failedCollections.value.map((collectionId) => layerTitleOfCollection(collectionId, currentLanguage)).join('、')}
        <button type="button" onClick={() => void loadCollections()}>{translate('retry')}</button>
      </div>
    );
  }
  return null;
}
