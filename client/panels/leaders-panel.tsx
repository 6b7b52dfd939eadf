/** The leaders' view (issue 6): filled in by the leaders' work. */
export function LeadersPanel() {
  return <section class="panel-body" data-testid="leaders-panel" />;
}
