import { translate } from '../i18n/translate.ts';
import { cssColour } from '../layers/palette.ts';
import { projectActionColours } from '../layers/project-colours.ts';
import { projectPropertiesOf, projectsLinkedTo } from '../model/filter-projects.ts';
import { selectProject } from '../state/project-actions.ts';
import { allProjects } from '../state/project-state.ts';
import { StatusBadge } from './projects-panel.tsx';

/** The details panel's section for a place: the projects linked to it, each opening in the projects panel. */
export function ProjectsOfPlace({ collectionId, featureKey }: { collectionId: string; featureKey: string }) {
  if (collectionId === 'projects') return null;
  const projects = projectsLinkedTo(allProjects.value, collectionId, featureKey);
  return (
    <section class="projects-of-place" data-testid="projects-of-place" data-count={projects.length}>
      <h3>{translate('projectsOfPlace')} <small>{projects.length}</small></h3>
      {projects.length === 0 ? <p class="panel-note">{translate('noProjectsOfPlace')}</p> : (
        <ul>
          {projects.map((feature) => {
            const project = projectPropertiesOf(feature);
            return (
              <li key={project.code}>
                <button
                  type="button"
                  data-testid="place-project"
                  data-code={project.code}
                  style={{ borderLeftColor: cssColour(projectActionColours[project.action] ?? [150, 150, 150]) }}
                  onClick={() => selectProject(project.code)}
                >
                  <span class="project-of-place-title" lang="zh-CN">{project.title_zh}</span>
                  <StatusBadge project={project} />
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
