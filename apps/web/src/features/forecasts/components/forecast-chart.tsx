import { LineSeries, LineStyle, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import { createPriceChart } from '../../../shared/chart/price-chart-base';
import type { ForecastFan, TimePoint } from '../model/forecast-fan';

interface Series {
  chart: IChartApi;
  price: ISeriesApi<'Line'>;
  expected: ISeriesApi<'Line'>;
  upper: ISeriesApi<'Line'>;
  lower: ISeriesApi<'Line'>;
}

const toData = (points: readonly TimePoint[]) => points.map((p) => ({ time: p.time as UTCTimestamp, value: p.value }));

/** Close prices, then the forecast after the last bar: expected price and the interval's fan (dashed). */
export function ForecastChart({
  history,
  fan,
  synthetic,
}: {
  history: readonly TimePoint[];
  fan: ForecastFan | null;
  synthetic: boolean;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const seriesRef = useRef<Series | null>(null);
  const [drawn, setDrawn] = useState<number | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = createPriceChart(container, { rightOffset: 4 });
    const bound = { color: '#0ea5e9', lineWidth: 1, lineStyle: LineStyle.Dashed, priceLineVisible: false } as const;
    seriesRef.current = {
      chart,
      price: chart.addSeries(LineSeries, { color: '#0f172a', lineWidth: 2, priceLineVisible: false }),
      upper: chart.addSeries(LineSeries, { ...bound, lastValueVisible: false }),
      lower: chart.addSeries(LineSeries, { ...bound, lastValueVisible: false }),
      expected: chart.addSeries(LineSeries, {
        color: '#0284c7',
        lineWidth: 2,
        priceLineVisible: false,
        pointMarkersVisible: true,
        pointMarkersRadius: 3,
      }),
    };
    return () => {
      seriesRef.current = null;
      chart.remove();
    };
  }, []);

  useEffect(() => {
    const target = seriesRef.current;
    if (!target) return;
    target.price.setData(toData(history));
    target.expected.setData(toData(fan?.expected ?? []));
    target.upper.setData(toData(fan?.upper ?? []));
    target.lower.setData(toData(fan?.lower ?? []));
    target.chart.timeScale().fitContent();
    setDrawn(history.length);
  }, [history, fan]);

  return (
    <div className="relative h-[340px] w-full">
      <div
        ref={containerRef}
        data-testid="forecast-chart"
        data-points={drawn ?? undefined}
        data-fan={fan ? 'yes' : 'no'}
        className="absolute inset-0"
      />
      {synthetic ? (
        <div className="pointer-events-none absolute top-2 left-2 z-10 rounded bg-amber-100/90 px-2 py-0.5 text-xs font-semibold text-amber-800 ring-1 ring-amber-300">
          Synthetic data — not real market prices
        </div>
      ) : null}
    </div>
  );
}
