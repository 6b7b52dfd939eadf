import { projectActions } from '../../server/contract/vocabulary/projects.ts';
import { translate } from '../i18n/translate.ts';
import { cssColour } from '../layers/palette.ts';
import { projectActionColours } from '../layers/project-colours.ts';
import { language } from '../state/dashboard-state.ts';
import './projects-panel.css';

/** The project layer's legend: the six actions' colours and how status changes the style. */
export function ProjectsLegend() {
  return (
    <ul class="legend" data-testid="projects-legend">
      {projectActions.map((action) => (
        <li key={action.key} class="legend-row">
          <span class="swatch swatch-square" style={{ background: cssColour([...projectActionColours[action.key].slice(0, 3), 90] as [number, number, number, number]), borderColor: cssColour(projectActionColours[action.key]) }} aria-hidden="true" />
          <span>{language.value === 'zh-CN' ? action.nameZh : action.nameEn}</span>
        </li>
      ))}
      <li class="legend-row project-legend legend-status">
        <span class="status-sample sample-planned" />{translate('statusPlanned')}
        <span class="status-sample sample-in_progress" />{translate('statusInProgress')}
        <span class="status-sample sample-completed" />{translate('statusCompleted')}
        <span class="status-sample sample-on_hold" />{translate('statusOnHold')}
      </li>
    </ul>
  );
}
