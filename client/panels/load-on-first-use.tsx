import { useEffect, useState } from 'preact/hooks';
import type { FunctionComponent } from 'preact';
import { translate } from '../i18n/translate.ts';

/**
 * A component whose module is fetched the first time it is rendered, so that the code of panels
 * the first map does not need (projects, editor, life circle, sign-in form…) stays out of the
 * bundle loaded before the map. Once fetched it renders at once, with no loading state, on every
 * later mount. While it loads it renders `placeholder` (nothing by default); if the fetch fails,
 * a short alert, so a broken deployment does not look like an empty panel.
 */
export function loadOnFirstUse<Props extends object>(
  load: () => Promise<FunctionComponent<Props>>,
  placeholder: FunctionComponent<Props> = () => null,
): FunctionComponent<Props> {
  let loading: Promise<FunctionComponent<Props>> | null = null;
  let loaded: FunctionComponent<Props> | null = null;
  const start = () => (loading ??= load().then((component) => (loaded = component)));
  return function LoadedOnFirstUse(props: Props) {
    const [, setReady] = useState(false);
    const [failure, setFailure] = useState<string | null>(null);
    useEffect(() => {
      if (loaded) return;
      let cancelled = false;
      start().then(
        () => { if (!cancelled) setReady(true); },
        (error: unknown) => {
          loading = null; // a later mount tries again
          if (!cancelled) setFailure(String(error));
        },
      );
      return () => { cancelled = true; };
    }, []);
    if (loaded) {
      const Component = loaded;
      return <Component {...props} />;
    }
    if (failure) return <p class="panel-error" role="alert">{translate('panelLoadFailed')} {failure}</p>;
    const Placeholder = placeholder;
    return <Placeholder {...props} />;
  };
}
