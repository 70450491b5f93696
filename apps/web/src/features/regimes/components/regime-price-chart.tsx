import type { RegimeSeries } from '@marketlens/contracts';
import { HistogramSeries, LineSeries, type IChartApi, type ISeriesApi } from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import { createPriceChart, toChartTime } from '../../../shared/chart/price-chart-base';
import { withAlpha } from '../model/regime-colors';

interface Series {
  chart: IChartApi;
  bands: ISeriesApi<'Histogram'>;
  price: ISeriesApi<'Line'>;
}

/**
 * The close price over translucent colour bands, one per bar, coloured by the Viterbi regime.
 * The bands are a histogram on its own hidden scale pinned to 0..1, added first so it draws behind the line.
 */
export function RegimePriceChart(props: { series: RegimeSeries; colors: readonly string[]; synthetic: boolean }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const seriesRef = useRef<Series | null>(null);
  const [drawn, setDrawn] = useState<number | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = createPriceChart(container);
    const bands = chart.addSeries(HistogramSeries, {
      priceScaleId: 'regime',
      base: 0,
      lastValueVisible: false,
      priceLineVisible: false,
      autoscaleInfoProvider: () => ({ priceRange: { minValue: 0, maxValue: 1 } }),
    });
    chart.priceScale('regime').applyOptions({ visible: false, scaleMargins: { top: 0, bottom: 0 } });
    const price = chart.addSeries(LineSeries, {
      color: '#0f172a',
      lineWidth: 2,
      priceLineVisible: false,
      crosshairMarkerRadius: 3,
    });
    seriesRef.current = { chart, bands, price };
    return () => {
      seriesRef.current = null;
      chart.remove();
    };
  }, []);

  const { series, colors } = props;
  useEffect(() => {
    const target = seriesRef.current;
    if (!target) return;
    const times = series.dates.map(toChartTime);
    target.bands.setData(
      times.map((time, i) => ({ time, value: 1, color: withAlpha(colors[series.path[i] ?? 0] ?? '#64748b', 0.18) })),
    );
    target.price.setData(times.map((time, i) => ({ time, value: series.close[i] ?? Number.NaN })));
    target.chart.timeScale().fitContent();
    setDrawn(times.length);
  }, [series, colors]);

  return (
    <div className="relative h-[380px] w-full">
      <div
        ref={containerRef}
        data-testid="regime-chart"
        data-states={drawn === null ? undefined : colors.length}
        data-points={drawn ?? undefined}
        className="absolute inset-0"
      />
      {props.synthetic ? (
        <div
          data-testid="chart-synthetic-label"
          className="pointer-events-none absolute top-2 left-2 z-10 rounded bg-amber-100/90 px-2 py-0.5 text-xs font-semibold text-amber-800 ring-1 ring-amber-300"
        >
          Synthetic data — not real market prices
        </div>
      ) : null}
    </div>
  );
}
