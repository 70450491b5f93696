import type { Timeline } from '@marketlens/contracts';
import {
  HistogramSeries,
  LineSeries,
  LineStyle,
  LineType,
  type IChartApi,
  type Logical,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPriceChart } from '../../../shared/chart/price-chart-base';
import { flagMarkers, type FlagMarker } from '../model/flag-markers';
import { BAND_COLOR } from '../model/risk-band';
import { chartSeconds, pricePrecision, timelineSeries } from '../model/timeline-series';
import { FlagLane } from './flag-lane';
import { TimelineLegend } from './timeline-legend';

const SENTIMENT_PANE = 1;
const RISK_PANE = 2;
/** Shares of the chart's height: price, posts, risk. */
const PANE_STRETCH = [5, 2, 2] as const;
const pinned = (minValue: number, maxValue: number) => () => ({ priceRange: { minValue, maxValue } });
const asTime = (seconds: number) => seconds as UTCTimestamp;

/**
 * Price (pane 0), posts per hour coloured by their mean sentiment (pane 1) and the risk score as a step line
 * with the band edges (pane 2): one chart, so the panes share the time axis and scroll and zoom together.
 */
function drawTimeline(chart: IChartApi, timeline: Timeline) {
  const series = timelineSeries(timeline);
  const maxPrice = Math.max(0, ...series.price.map((p) => p.value));
  const precision = pricePrecision(maxPrice);
  chart
    .addSeries(LineSeries, {
      color: '#0f172a',
      lineWidth: 2,
      title: 'price',
      priceLineVisible: false,
      priceFormat: { type: 'price', precision, minMove: 10 ** -precision },
    })
    .setData(series.price.map((p) => ({ time: asTime(p.time), value: p.value })));
  chart
    .addSeries(
      HistogramSeries,
      { title: 'posts', priceLineVisible: false, priceFormat: { type: 'volume' } },
      SENTIMENT_PANE,
    )
    .setData(series.sentimentBlocks.map((s) => ({ time: asTime(s.time), value: s.value, color: s.color })));
  const risk = chart.addSeries(
    LineSeries,
    {
      color: '#7c3aed',
      lineWidth: 2,
      lineType: LineType.WithSteps,
      title: 'risk',
      priceLineVisible: false,
      autoscaleInfoProvider: pinned(0, 100),
      priceFormat: { type: 'price', precision: 0, minMove: 1 },
    },
    RISK_PANE,
  );
  risk.setData(series.risk.map((r) => ({ time: asTime(r.time), value: r.value })));
  for (const [price, color] of [
    [30, BAND_COLOR.elevated],
    [60, BAND_COLOR.high],
  ] as const) {
    risk.createPriceLine({ price, color, lineWidth: 1, lineStyle: LineStyle.Dashed, axisLabelVisible: false });
  }
  chart.panes().forEach((pane, i) => pane.setStretchFactor(PANE_STRETCH[i] ?? 1));
  return series;
}

/** Each marker's x on the chart: its time, or the nearest time on the axis (a transaction between two bars). */
function markerPositions(chart: IChartApi, markers: readonly FlagMarker[]): Map<string, number | null> {
  const scale = chart.timeScale();
  const positions = new Map<string, number | null>();
  for (const m of markers) {
    const index = scale.timeToIndex(asTime(chartSeconds(m.t)) as Time, true);
    positions.set(m.key, index === null ? null : scale.logicalToCoordinate(index as unknown as Logical));
  }
  return positions;
}

interface MemeTimelineProps {
  timeline: Timeline;
  synthetic: boolean;
  selected: string | null;
  onSelect: (marker: FlagMarker) => void;
}

export function MemeTimeline({ timeline, synthetic, selected, onSelect }: MemeTimelineProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<IChartApi | null>(null);
  const markers = useMemo(() => flagMarkers(timeline), [timeline]);
  const [positions, setPositions] = useState<ReadonlyMap<string, number | null>>(new Map());
  const [plotWidth, setPlotWidth] = useState(0);
  const [drawn, setDrawn] = useState<{ price: number; sentiment: number; risk: number } | null>(null);

  const place = useCallback(() => {
    const chart = chartRef.current;
    if (!chart) return;
    setPositions(markerPositions(chart, markers));
    setPlotWidth(chart.timeScale().width());
  }, [markers]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = createPriceChart(container, { timeVisible: true, verticalGrid: true });
    chart.applyOptions({ layout: { panes: { separatorColor: '#e2e8f0', enableResize: false } } });
    chartRef.current = chart;
    const series = drawTimeline(chart, timeline);
    chart.timeScale().fitContent();
    setDrawn({ price: series.price.length, sentiment: series.sentiment.length, risk: series.risk.length });
    return () => {
      chartRef.current = null;
      chart.remove();
    };
  }, [timeline]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    // The axis moves on scroll, zoom and resize; the markers follow it (after the chart has laid itself out).
    const onChange = () => requestAnimationFrame(place);
    const scale = chart.timeScale();
    scale.subscribeVisibleLogicalRangeChange(onChange);
    scale.subscribeSizeChange(onChange);
    onChange();
    return () => {
      scale.unsubscribeVisibleLogicalRangeChange(onChange);
      scale.unsubscribeSizeChange(onChange);
    };
  }, [place, timeline]);

  const guide = selected === null ? null : (positions.get(selected) ?? null);
  const empty = timeline.price.length === 0 && timeline.sentiment.length === 0 && timeline.risk.length === 0;

  return (
    <div
      data-testid="meme-timeline"
      data-price-points={drawn?.price}
      data-sentiment-points={drawn?.sentiment}
      data-risk-points={drawn?.risk}
      data-markers={markers.length}
      className="flex flex-col gap-2"
    >
      <FlagLane markers={markers} positions={positions} plotWidth={plotWidth} selected={selected} onSelect={onSelect} />
      <div className="relative h-[440px] w-full">
        <div ref={containerRef} data-testid="meme-timeline-chart" className="absolute inset-0" />
        {guide !== null && guide >= 0 && guide <= plotWidth ? (
          <div
            aria-hidden
            className="pointer-events-none absolute inset-y-0 z-10 w-px bg-slate-900/40"
            style={{ left: guide }}
          />
        ) : null}
        {synthetic ? (
          <div className="pointer-events-none absolute top-2 left-2 z-10 rounded bg-amber-100/90 px-2 py-0.5 text-xs font-semibold text-amber-800 ring-1 ring-amber-300">
            Synthetic data — not real market prices
          </div>
        ) : null}
        {empty ? (
          <p className="absolute inset-0 z-10 grid place-items-center text-sm text-slate-500">
            Nothing collected for this token yet: no prices, posts or assessments.
          </p>
        ) : null}
      </div>
      <TimelineLegend markers={markers} />
    </div>
  );
}
