import type { Bar } from '@marketlens/contracts';
import { CandlestickSeries, HistogramSeries, type IChartApi, type ISeriesApi } from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import {
  createPriceChart,
  toChartTime,
  trackVisibleRange,
  type VisibleRange,
} from '../../../shared/chart/price-chart-base';

const UP = '#059669';
const DOWN = '#e11d48';

interface Series {
  chart: IChartApi;
  candles: ISeriesApi<'Candlestick'>;
  volume: ISeriesApi<'Histogram'>;
}

/** Candles with volume overlaid along the bottom fifth, on one time axis. */
export function PriceChart({ bars, synthetic }: { bars: readonly Bar[]; synthetic: boolean }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const seriesRef = useRef<Series | null>(null);
  const [drawn, setDrawn] = useState<number | null>(null);
  const [visible, setVisible] = useState<VisibleRange | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = createPriceChart(container, { verticalGrid: true, bottomMargin: 0.24, timeVisible: true });
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      borderUpColor: UP,
      borderDownColor: DOWN,
      wickUpColor: UP,
      wickDownColor: DOWN,
    });
    const volume = chart.addSeries(HistogramSeries, {
      priceScaleId: 'volume',
      priceFormat: { type: 'volume' },
      lastValueVisible: false,
      priceLineVisible: false,
    });
    chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    seriesRef.current = { chart, candles, volume };
    const untrack = trackVisibleRange(chart, setVisible);
    return () => {
      untrack();
      seriesRef.current = null;
      chart.remove();
    };
  }, []);

  useEffect(() => {
    const series = seriesRef.current;
    if (!series) return;
    series.candles.setData(
      bars.map((b) => ({ time: toChartTime(b.ts), open: b.open, high: b.high, low: b.low, close: b.close })),
    );
    series.volume.setData(
      bars.map((b) => ({
        time: toChartTime(b.ts),
        value: b.volume,
        color: b.close >= b.open ? 'rgba(5,150,105,0.35)' : 'rgba(225,29,72,0.35)',
      })),
    );
    series.chart.timeScale().fitContent();
    setDrawn(bars.length);
  }, [bars]);

  return (
    <div className="relative h-[420px] w-full">
      <div
        ref={containerRef}
        data-testid="price-chart"
        data-bars={drawn ?? undefined}
        data-visible-from={visible?.from}
        data-visible-to={visible?.to}
        className="absolute inset-0"
      />
      {synthetic ? (
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
