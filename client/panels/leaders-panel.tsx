import { useEffect, useState } from 'preact/hooks';
import type { FunctionComponent } from 'preact';
import { translate } from '../i18n/translate.ts';

// The view, its report and its styles are a chunk of their own, fetched when the tab first opens,
// so the bundle of the first map does not grow with them.
let viewModule: Promise<{ LeadersView: FunctionComponent }> | null = null;
const loadView = () => (viewModule ??= import('./leaders-view.tsx'));

/** The 进度总览 tab's panel: loads the leaders' view on first use. */
export function LeadersPanel() {
  const [View, setView] = useState<FunctionComponent | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    loadView().then((module) => { if (!cancelled) setView(() => module.LeadersView); }, (error: unknown) => setFailure(String(error)));
    return () => { cancelled = true; };
  }, []);
  if (View) return <View />;
  return (
    <section class="panel-body" data-testid="leaders-panel-loading">
      {failure ? <p class="panel-error" role="alert">{failure}</p> : <p class="panel-note">{translate('leadersLoading')}</p>}
    </section>
  );
}
