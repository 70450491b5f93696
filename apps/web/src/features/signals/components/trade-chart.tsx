import type { BacktestTrade } from '@marketlens/contracts';
import type { OhlcvBar } from '@marketlens/quant';
import {
  CandlestickSeries,
  createSeriesMarkers,
  PriceScaleMode,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import { createPriceChart, trackVisibleRange, type VisibleRange } from '../../../shared/chart/price-chart-base';
import { tradeMarkers } from '../model/trade-markers';

const UP = '#059669';
const DOWN = '#e11d48';

/** A log price scale once the bars span more than 5x. */
function wantsLogPrices(bars: readonly OhlcvBar[]): boolean {
  let low = Infinity;
  let high = 0;
  for (const b of bars) {
    low = Math.min(low, b.low);
    high = Math.max(high, b.high);
  }
  return low > 0 && high / low > 5;
}

interface Drawn {
  bars: number;
  markers: number;
}

/**
 * The bars the backtest ran on as candles, with an arrow at every fill: entries (long: up, below the bar) and
 * exits (with the trade's return when there are few enough trades to read). Exposes data-bars and
 * data-markers, like the other charts, for tests.
 */
export function TradeChart({
  bars,
  trades,
  synthetic,
  intraday,
}: {
  bars: readonly OhlcvBar[];
  trades: readonly BacktestTrade[];
  synthetic: boolean;
  intraday: boolean;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<{
    chart: IChartApi;
    candles: ISeriesApi<'Candlestick'>;
    markers: ISeriesMarkersPluginApi<Time>;
  } | null>(null);
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  const [visible, setVisible] = useState<VisibleRange | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = createPriceChart(container, { verticalGrid: true, timeVisible: intraday });
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      borderUpColor: UP,
      borderDownColor: DOWN,
      wickUpColor: UP,
      wickDownColor: DOWN,
    });
    const markers = createSeriesMarkers(candles, []);
    chartRef.current = { chart, candles, markers };
    const untrack = trackVisibleRange(chart, setVisible);
    return () => {
      untrack();
      chartRef.current = null;
      chart.remove();
    };
  }, [intraday]);

  useEffect(() => {
    const target = chartRef.current;
    if (!target) return;
    target.candles.setData(
      bars.map((b) => ({
        time: (b.ts / 1000) as UTCTimestamp,
        open: b.open,
        high: b.high,
        low: b.low,
        close: b.close,
      })),
    );
    const markers = tradeMarkers(trades);
    target.markers.setMarkers(markers);
    // Ten years of a crypto series span 100x: on a linear scale its first years would be a flat line.
    const mode = wantsLogPrices(bars) ? PriceScaleMode.Logarithmic : PriceScaleMode.Normal;
    target.chart.priceScale('right').applyOptions({ mode });
    target.chart.timeScale().fitContent();
    setDrawn({ bars: bars.length, markers: markers.length });
  }, [bars, trades]);

  return (
    <div className="relative h-[420px] w-full">
      <div
        ref={containerRef}
        data-testid="trade-chart"
        data-bars={drawn?.bars}
        data-markers={drawn?.markers}
        data-visible-from={visible?.from}
        data-visible-to={visible?.to}
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
