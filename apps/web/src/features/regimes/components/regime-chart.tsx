import type { RegimeSeries, RegimeState } from '@marketlens/contracts';
import { AreaSeries, HistogramSeries, LineSeries, type IChartApi, type MouseEventParams } from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import {
  createPriceChart,
  toChartTime,
  trackVisibleRange,
  type VisibleRange,
} from '../../../shared/chart/price-chart-base';
import { overWhite } from '../model/regime-colors';
import { stackProbabilities } from '../model/regime-stack';
import { RegimeProbsReadout } from './regime-probs-readout';

const PROBS_PANE = 1;
const PROBS_PANE_HEIGHT = 140;
const pinnedToUnit = () => ({ priceRange: { minValue: 0, maxValue: 1 } });

/**
 * Pane 0: the close price over translucent colour bands, one per bar, coloured by the Viterbi regime (a
 * histogram on its own hidden 0..1 scale, added first so it draws behind the line).
 * Pane 1: the smoothed probability of each regime, stacked to 100%.
 */
function drawRegimeSeries(chart: IChartApi, series: RegimeSeries, colors: readonly string[]) {
  const times = series.dates.map(toChartTime);
  // Opaque: with thousands of bars a column is narrower than a pixel, and translucent overlapping columns
  // would draw darker stripes.
  const bandColors = colors.map((color) => overWhite(color, 0.18));
  chart
    .addSeries(HistogramSeries, {
      priceScaleId: 'regime',
      base: 0,
      lastValueVisible: false,
      priceLineVisible: false,
      autoscaleInfoProvider: pinnedToUnit,
    })
    .setData(times.map((time, i) => ({ time, value: 1, color: bandColors[series.path[i] ?? 0] ?? '#f1f5f9' })));
  chart.priceScale('regime').applyOptions({ visible: false, scaleMargins: { top: 0, bottom: 0 } });
  chart
    .addSeries(LineSeries, { color: '#0f172a', lineWidth: 2, priceLineVisible: false, crosshairMarkerRadius: 3 })
    .setData(times.map((time, i) => ({ time, value: series.close[i] ?? Number.NaN })));

  const lines = stackProbabilities(series.probs, colors.length);
  // The top line first: every later (lower) area is drawn over it and leaves only its own band showing.
  for (let k = lines.length - 1; k >= 0; k--) {
    const color = overWhite(colors[k] ?? '#64748b', 0.85);
    chart
      .addSeries(
        AreaSeries,
        {
          lineColor: color,
          topColor: color,
          bottomColor: color,
          lineWidth: 1,
          lastValueVisible: false,
          priceLineVisible: false,
          crosshairMarkerVisible: false,
          autoscaleInfoProvider: pinnedToUnit,
          priceFormat: { type: 'custom', minMove: 0.01, formatter: (p: number) => `${Math.round(p * 100)}%` },
        },
        PROBS_PANE,
      )
      .setData(times.map((time, i) => ({ time, value: lines[k]![i]! })));
  }
  chart.priceScale('right', PROBS_PANE).applyOptions({ scaleMargins: { top: 0.04, bottom: 0 } });
  chart.panes()[PROBS_PANE]?.setHeight(PROBS_PANE_HEIGHT);
}

/**
 * Price with regime bands above the regime probabilities, in one chart: the two panes share one time axis,
 * so they start and end on the same bar and scroll and zoom together.
 */
export function RegimeChart(props: {
  series: RegimeSeries;
  states: readonly RegimeState[];
  colors: readonly string[];
  synthetic: boolean;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState<number | null>(null);
  const [visible, setVisible] = useState<VisibleRange | null>(null);
  const [hovered, setHovered] = useState<number | null>(null);
  const { series, colors } = props;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = createPriceChart(container);
    chart.applyOptions({ layout: { panes: { separatorColor: '#e2e8f0', enableResize: false } } });
    const untrack = trackVisibleRange(chart, setVisible);
    const onMove = (param: MouseEventParams) =>
      setHovered(param.point && param.logical !== undefined ? Math.round(param.logical) : null);
    chart.subscribeCrosshairMove(onMove);
    drawRegimeSeries(chart, series, colors);
    chart.timeScale().fitContent();
    setDrawn(series.dates.length);
    return () => {
      untrack();
      chart.unsubscribeCrosshairMove(onMove);
      chart.remove();
    };
  }, [series, colors]);

  return (
    <div className="flex flex-col gap-2">
      <div className="relative h-[520px] w-full">
        <div
          ref={containerRef}
          data-testid="regime-chart"
          data-states={drawn === null ? undefined : colors.length}
          data-points={drawn ?? undefined}
          data-first={series.dates[0]}
          data-last={series.dates.at(-1)}
          data-visible-from={visible?.from}
          data-visible-to={visible?.to}
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
      <RegimeProbsReadout series={series} states={props.states} colors={colors} row={hovered} />
    </div>
  );
}
