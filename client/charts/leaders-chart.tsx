import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartOption } from './chart-options.ts';

type EchartsModule = typeof import('./load-echarts.ts');
let echartsModule: Promise<EchartsModule> | null = null;
/** The chart library is fetched the first time a chart is shown, never with the first map. */
function loadEcharts(): Promise<EchartsModule> {
  echartsModule ??= import('./load-echarts.ts');
  return echartsModule;
}

/**
 * One ECharts chart on a canvas, redrawn when its option changes. `testId` lets the tests
 * find it; the chart says it is ready by setting data-rendered once drawn.
 */
export function LeadersChart({ option, height, testId, label }: { option: ChartOption; height: number; testId: string; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<EchartsModule['echarts']['init']> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    loadEcharts().then(({ echarts }) => {
      if (cancelled || !container.current) return;
      chart.current ??= echarts.init(container.current, undefined, { renderer: 'canvas' });
      chart.current.setOption(option, { notMerge: true });
      container.current.dataset.rendered = 'true';
    }, (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
    return () => { cancelled = true; };
  }, [option]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    // The panel can change width (the report, the window); the chart follows it.
    const observer = new ResizeObserver(() => chart.current?.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  return (
    <div class="leaders-chart" role="img" aria-label={label}>
      <div ref={container} data-testid={testId} style={{ height: `${height}px`, width: '100%' }} />
      {failure && <p class="panel-error">{failure}</p>}
    </div>
  );
}
