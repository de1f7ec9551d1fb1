import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, SankeyChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

// Only the parts we use, to keep the chunk small. Add chart types here when a page needs one.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  SankeyChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** A chart that follows its container's size: `<EChart option={…} height={280} ariaLabel="…" />`. */
export function EChart({
  option,
  height = 300,
  ariaLabel,
}: {
  option: EChartsCoreOption;
  height?: number;
  ariaLabel?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return undefined;
    const c = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    // Honour "reduce motion" (also makes browser-test screenshots deterministic).
    const still = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    chart.current?.setOption({ aria: { enabled: true }, ...(still ? { animation: false } : {}), ...option }, true);
  }, [option]);
  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}
