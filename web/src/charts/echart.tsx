// A thin React wrapper over ECharts: init on mount, setOption on change, resize with the box.
// Kept tiny on purpose; the chart library does the drawing. Only this module imports echarts, so the
// chunk loads when the first chart is shown rather than with the log pages.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { ensureWorldMap } from './world-map.ts';

export interface EChartProps {
  readonly option: EChartsOption;
  readonly height?: number;
  readonly label: string;
  readonly onClick?: (params: { name?: string; data?: unknown; seriesName?: string }) => void;
  /** Register the bundled world outline before rendering (geo and map series). */
  readonly world?: boolean;
}

export default function EChart({ option, height = 260, label, onClick, world }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    if (world) ensureWorldMap(echarts);
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [world]);

  useEffect(() => {
    chart.current?.setOption({ animation: false, ...option }, true);
  }, [option]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return;
    const h = (p: unknown) => onClick(p as { name?: string; data?: unknown; seriesName?: string });
    c.on('click', h);
    return () => {
      c.off('click', h);
    };
  }, [onClick]);

  // The canvas is not readable by screen readers; the label says what the chart shows.
  return <div ref={el} className="echart" role="img" aria-label={label} style={{ height }} />;
}
