import { useEffect, useRef } from 'preact/hooks';
import { configLoaded } from '../state/dashboard-state.ts';

// Requested at once so MapLibre (and through it deck.gl) downloads while the API answers; the panels do not wait for it.
const dashboardMapModule = import('./dashboard-map.ts');

/** The map's container, the only Preact component of client/map/: it mounts the map once the settings are known. */
export function MapView() {
  const containerRef = useRef<HTMLDivElement>(null);
  const ready = configLoaded.value;
  useEffect(() => {
    if (!ready || !containerRef.current) return;
    let unmount: (() => void) | undefined;
    let cancelled = false;
    void dashboardMapModule.then(({ mountDashboardMap }) => {
      if (!cancelled && containerRef.current) unmount = mountDashboardMap(containerRef.current);
    });
    return () => {
      cancelled = true;
      unmount?.();
    };
  }, [ready]);
  return <div ref={containerRef} class="map-container" data-testid="map" />;
}
