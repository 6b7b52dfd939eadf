import { useState } from 'preact/hooks';
import { translate } from '../i18n/translate.ts';
import { flyToPlace, searchPlaces } from '../state/actions.ts';
import { language, searchQuery, searchResults } from '../state/dashboard-state.ts';
import { layerTitleOfCollection } from './feature-text.ts';

/** Finds places by (part of) their Chinese name across every collection and flies to the one chosen. */
export function SearchBox() {
  const [activeIndex, setActiveIndex] = useState(0);
  const query = searchQuery.value;
  const results = searchResults.value;
  const currentLanguage = language.value;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActiveIndex((index) => Math.min(index + 1, results.length - 1));
    else if (event.key === 'ArrowUp') setActiveIndex((index) => Math.max(index - 1, 0));
    else if (event.key === 'Enter' && results.length > 0) flyToPlace(results[Math.min(activeIndex, results.length - 1)]);
    else if (event.key === 'Escape') searchPlaces('');
    else return;
    event.preventDefault();
  };

  return (
    <div class="search-box" role="search">
      <input
        type="search"
        value={query}
        placeholder={translate('searchPlaceholder')}
        aria-label={translate('searchLabel')}
        onInput={(event) => {
          setActiveIndex(0);
          searchPlaces((event.target as HTMLInputElement).value);
        }}
        onKeyDown={onKeyDown}
      />
      {query.trim() !== '' && (
        <ul class="search-results" role="listbox">
          {results.length === 0 && <li class="search-empty">{translate('searchNoResults')}</li>}
          {results.map((result, index) => (
            <li
              key={`${result.collectionId}-${result.name}`}
              role="option"
              aria-selected={index === activeIndex}
              class={index === activeIndex ? 'active' : ''}
              onMouseDown={(event) => {
                // mousedown, not click: the input's blur must not close the list before the choice lands.
                event.preventDefault();
                flyToPlace(result);
              }}
            >
              <span lang="zh-CN">{result.name}</span>
              <small>{layerTitleOfCollection(result.collectionId, currentLanguage)}</small>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
