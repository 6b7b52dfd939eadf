/** The projects panel (issue 5): filled in by the projects work. */
export function ProjectsPanel() {
  return <section class="panel-body" data-testid="projects-panel" />;
}
