import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Schemas } from '../../api/client';
import { money } from '../../lib/format';

type Point = Schemas['PerformancePointView'];

/**
 * Net revenue and spend per month as bars (uPlot, the console's one chart library: loaded with this tab
 * only). The figures are also in the table beside it, which is what assistive technology reads.
 */
export default function PerformanceChart({ series, currency }: { series: Point[]; currency: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const bars = uPlot.paths.bars!;
    const chart = new uPlot(
      {
        width: Math.max(320, element.clientWidth),
        height: 220,
        legend: { show: true },
        cursor: { points: { show: false } },
        // Half a month of room on each side, so the first and last months' bars are whole.
        scales: { x: { time: false, range: (_, min, max) => [min - 0.5, max + 0.5] } },
        axes: [
          { values: (_, ticks) => ticks.map((i) => series[i]?.period ?? ''), grid: { show: false } },
          { values: (_, ticks) => ticks.map((v) => money(String(v), currency)), size: 80 },
        ],
        series: [
          { label: 'Month', value: (_, i) => series[i]?.period ?? '' },
          {
            label: 'Net revenue',
            fill: 'rgba(79, 70, 229, 0.75)',
            stroke: 'rgb(79, 70, 229)',
            paths: bars({ size: [0.35, 40], align: -1 }),
            points: { show: false },
            value: (_, v) => money(v === null ? null : String(v), currency),
          },
          {
            label: 'Spend',
            fill: 'rgba(148, 163, 184, 0.8)',
            stroke: 'rgb(100, 116, 139)',
            paths: bars({ size: [0.35, 40], align: 1 }),
            points: { show: false },
            value: (_, v) => money(v === null ? null : String(v), currency),
          },
        ],
      },
      [series.map((_, i) => i), series.map((p) => Number(p.netRevenue)), series.map((p) => Number(p.spend))],
      element,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(320, element.clientWidth), height: 220 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [series, currency]);
  return <div ref={box} role="img" aria-label="Net revenue and spend per month" className="w-full px-2 py-3" />;
}
