import { translate } from './i18n/translate.ts';
import { fitToSubdistrict, setLanguage, toggleThreeDimensional } from './state/actions.ts';
import { language, threeDimensional } from './state/dashboard-state.ts';
import { DetailsPanel } from './panels/details-panel.tsx';
import { HoverTooltip } from './panels/hover-tooltip.tsx';
import { LayerPanel } from './panels/layer-panel.tsx';
import { LeadersPanel } from './panels/leaders-panel.tsx';
import { CoveragePanel, DataCompletenessDialog, ImportDialog, PeopleDialog, ProjectEditor, ProjectsPanel, ScheduleDialog } from './panels/lazy-panels.tsx';
import { AsOfSlider } from './panels/as-of-slider.tsx';
import { openSidePanel, sidePanel, type SidePanel } from './state/side-panel.ts';
import { raiseSheet, sheetPosition, toggleSheet, toggleTopMenu, topMenuOpen } from './state/layout.ts';
import { MapView } from './map/map-view.tsx';
import { SearchBox } from './panels/search-box.tsx';
import { SignIn } from './panels/sign-in.tsx';
import { StatusBanner } from './panels/status-banner.tsx';

/** A tab opens its panel, and on a phone raises the sheet it is in. */
function chooseTab(panel: SidePanel): void {
  openSidePanel(panel);
  raiseSheet();
}

/**
 * Page layout: a top bar, the side panel on the left, the map with its overlays filling the
 * rest. Narrower than 1200 px the bar's buttons fold behind ☰; on a phone the search and the
 * date fold there too, and the side panel becomes a sheet under the map (styles.css).
 */
export function App() {
  const currentLanguage = language.value;
  return (
    <div class="dashboard">
      <header class={`top-bar${topMenuOpen.value ? ' menu-open' : ''}`}>
        <div class="brand">
          <h1>{translate('appTitle')}</h1>
          <p>{translate('appSubtitle')}</p>
        </div>
        {/* On a wide screen the menu's parts sit in the bar itself; narrower, they fold behind ☰ (styles.css). */}
        <div class="top-menu" id="top-menu" data-testid="top-menu">
          <SearchBox />
          <AsOfSlider />
          <div class="top-actions">
            <button type="button" onClick={fitToSubdistrict} title={translate('fitSubdistrict')}>{translate('fitSubdistrict')}</button>
            <button type="button" aria-pressed={threeDimensional.value} onClick={toggleThreeDimensional}>
              {threeDimensional.value ? translate('twoDimensional') : translate('threeDimensional')}
            </button>
            <button
              type="button"
              class="language-switch"
              data-testid="language-switch"
              title={translate('languageSwitchTitle')}
              onClick={() => setLanguage(currentLanguage === 'zh-CN' ? 'en' : 'zh-CN')}
            >
              {translate('languageSwitch')}
            </button>
          </div>
        </div>
        <button type="button" class="menu-button" data-testid="menu-button" aria-controls="top-menu" aria-expanded={topMenuOpen.value} title={translate('menu')} onClick={toggleTopMenu}>☰</button>
        <div class="top-sign-in">
          <SignIn />
        </div>
      </header>
      <div class="workspace">
        <aside class={`side-panel${sheetPosition.value === 'collapsed' ? ' sheet-collapsed' : ''}`} data-testid="side-panel">
          {/* Only on a phone, where the side panel is a bottom sheet: raises or lowers it. */}
          <button
            type="button"
            class="sheet-handle"
            data-testid="sheet-toggle"
            aria-label={sheetPosition.value === 'half' ? translate('sheetCollapse') : translate('sheetExpand')}
            aria-expanded={sheetPosition.value === 'half'}
            onClick={toggleSheet}
          />
          <div class="side-tabs" role="tablist">
            <button type="button" role="tab" aria-selected={sidePanel.value === 'layers'} data-testid="tab-layers" onClick={() => chooseTab('layers')}>{translate('layersTab')}</button>
            <button type="button" role="tab" aria-selected={sidePanel.value === 'coverage'} data-testid="tab-coverage" onClick={() => chooseTab('coverage')}>{translate('coverageTab')}</button>
            <button type="button" role="tab" aria-selected={sidePanel.value === 'projects'} data-testid="tab-projects" onClick={() => chooseTab('projects')}>{translate('projectsTab')}</button>
            <button type="button" role="tab" aria-selected={sidePanel.value === 'leaders'} data-testid="tab-leaders" onClick={() => chooseTab('leaders')}>{translate('leadersTab')}</button>
          </div>
          {sidePanel.value === 'layers' ? <LayerPanel /> : sidePanel.value === 'coverage' ? <CoveragePanel /> : sidePanel.value === 'projects' ? <ProjectsPanel /> : <LeadersPanel />}
        </aside>
        <main class="map-area">
          <MapView />
          <StatusBanner />
          <HoverTooltip />
          <DetailsPanel />
          <ProjectEditor />
          <ImportDialog />
          <ScheduleDialog />
          <DataCompletenessDialog />
          <PeopleDialog />
        </main>
      </div>
    </div>
  );
}
