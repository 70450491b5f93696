import type { Bar } from '@marketlens/contracts';
import { AreaSeries, type IChartApi, type ISeriesApi } from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import { createPriceChart, toChartTime } from '../../../shared/chart/price-chart-base';

interface Chart {
  chart: IChartApi;
  area: ISeriesApi<'Area'>;
}

/** The drawer's year of daily closes as a shaded line (candles are too busy at this size). */
export function DrawerPriceChart({ bars, synthetic }: { bars: readonly Bar[]; synthetic: boolean }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<Chart | null>(null);
  const [drawn, setDrawn] = useState<number | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = createPriceChart(container);
    const area = chart.addSeries(AreaSeries, {
      lineColor: '#0369a1',
      topColor: 'rgba(3,105,161,0.22)',
      bottomColor: 'rgba(3,105,161,0.02)',
      lineWidth: 2,
      priceLineVisible: false,
    });
    chartRef.current = { chart, area };
    return () => {
      chartRef.current = null;
      chart.remove();
    };
  }, []);

  useEffect(() => {
    const target = chartRef.current;
    if (!target) return;
    target.area.setData(bars.map((b) => ({ time: toChartTime(b.ts), value: b.close })));
    target.chart.timeScale().fitContent();
    setDrawn(bars.length);
  }, [bars]);

  return (
    <div className="relative h-56 w-full">
      <div
        ref={containerRef}
        data-testid="drawer-price-chart"
        data-bars={drawn ?? undefined}
        className="absolute inset-0"
      />
      {synthetic ? (
        <div className="pointer-events-none absolute top-1.5 left-1.5 z-10 rounded bg-amber-100/90 px-1.5 py-0.5 text-[11px] font-semibold text-amber-800 ring-1 ring-amber-300">
          Synthetic data — not real market prices
        </div>
      ) : null}
    </div>
  );
}
