import { translate } from './i18n/translate.ts';
import { fitToSubdistrict, setLanguage, toggleThreeDimensional } from './state/actions.ts';
import { language, threeDimensional } from './state/dashboard-state.ts';
import { DetailsPanel } from './panels/details-panel.tsx';
import { HoverTooltip } from './panels/hover-tooltip.tsx';
import { LayerPanel } from './panels/layer-panel.tsx';
import { LeadersPanel } from './panels/leaders-panel.tsx';
import { CoveragePanel, ProjectEditor, ProjectsPanel } from './panels/lazy-panels.tsx';
import { AsOfSlider } from './panels/as-of-slider.tsx';
import { openSidePanel } from './state/coverage-actions.ts';
import { sidePanel } from './state/coverage-state.ts';
import { MapView } from './map/map-view.tsx';
import { SearchBox } from './panels/search-box.tsx';
import { SignIn } from './panels/sign-in.tsx';
import { StatusBanner } from './panels/status-banner.tsx';

/** Page layout: a top bar, the layer panel on the left, the map with its overlays filling the rest. */
export function App() {
  const currentLanguage = language.value;
  return (
    <div class="dashboard">
      <header class="top-bar">
        <div class="brand">
          <h1>{translate('appTitle')}</h1>
          <p>{translate('appSubtitle')}</p>
        </div>
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
          <SignIn />
        </div>
      </header>
      <div class="workspace">
        <aside class="side-panel">
          <div class="side-tabs" role="tablist">
            <button type="button" role="tab" aria-selected={sidePanel.value === 'layers'} data-testid="tab-layers" onClick={() => openSidePanel('layers')}>{translate('layersTab')}</button>
            <button type="button" role="tab" aria-selected={sidePanel.value === 'coverage'} data-testid="tab-coverage" onClick={() => openSidePanel('coverage')}>{translate('coverageTab')}</button>
            <button type="button" role="tab" aria-selected={sidePanel.value === 'projects'} data-testid="tab-projects" onClick={() => openSidePanel('projects')}>{translate('projectsTab')}</button>
            <button type="button" role="tab" aria-selected={sidePanel.value === 'leaders'} data-testid="tab-leaders" onClick={() => openSidePanel('leaders')}>{translate('leadersTab')}</button>
          </div>
          {sidePanel.value === 'layers' ? <LayerPanel /> : sidePanel.value === 'coverage' ? <CoveragePanel /> : sidePanel.value === 'projects' ? <ProjectsPanel /> : <LeadersPanel />}
        </aside>
        <main class="map-area">
          <MapView />
          <StatusBanner />
          <HoverTooltip />
          <DetailsPanel />
          <ProjectEditor />
        </main>
      </div>
    </div>
  );
}
