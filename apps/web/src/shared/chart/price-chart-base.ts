import { ColorType, createChart, type IChartApi, type Time, type UTCTimestamp } from 'lightweight-charts';

/** ISO 8601 -> lightweight-charts' UTC seconds. */
export const toChartTime = (iso: string) => (Date.parse(iso) / 1000) as UTCTimestamp;

/** lightweight-charts' UTC seconds -> ISO 8601 (the charts here only ever set UTC seconds). */
export const fromChartTime = (time: Time) => new Date((time as UTCTimestamp) * 1000).toISOString();

/** The first and last bar on screen, as ISO 8601; what the charts expose to tests as data-visible-from/-to. */
export interface VisibleRange {
  from: string;
  to: string;
}

/** Calls `onChange` with the bars on screen whenever the chart scrolls, zooms or gets new data. */
export function trackVisibleRange(chart: IChartApi, onChange: (range: VisibleRange | null) => void): () => void {
  const handler = (range: { from: Time; to: Time } | null) =>
    onChange(range ? { from: fromChartTime(range.from), to: fromChartTime(range.to) } : null);
  chart.timeScale().subscribeVisibleTimeRangeChange(handler);
  return () => chart.timeScale().unsubscribeVisibleTimeRangeChange(handler);
}

export interface PriceChartLook {
  /** Vertical grid lines (the candle chart keeps them; band charts hide them). */
  verticalGrid?: boolean;
  /** Fraction of the pane kept free below the price series (room for volume bars). */
  bottomMargin?: number;
  /** Bars of empty space after the last one (room for a forecast). */
  rightOffset?: number;
  /** Show time of day on the axis (intraday data). */
  timeVisible?: boolean;
}

/** Pixels per bar at the widest zoom-out: 100,000 bars (the bars API's most) fit in 100 px. */
const MIN_BAR_SPACING = 0.001;

/** Every price chart of the app has this one look; features add their own series to it. */
export function createPriceChart(container: HTMLElement, look: PriceChartLook = {}): IChartApi {
  return createChart(container, {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: '#ffffff' },
      textColor: '#475569',
      fontSize: 11,
      attributionLogo: true,
    },
    grid: {
      vertLines: look.verticalGrid ? { color: '#f1f5f9' } : { visible: false },
      horzLines: { color: '#f1f5f9' },
    },
    rightPriceScale: { borderColor: '#e2e8f0', scaleMargins: { top: 0.08, bottom: look.bottomMargin ?? 0.06 } },
    timeScale: {
      borderColor: '#e2e8f0',
      // fitContent() stops at minBarSpacing (0.5 px by default), so a long series ("All": thousands of bars
      // in a few hundred pixels) would show only its last part; this lets it fit every bar.
      minBarSpacing: MIN_BAR_SPACING,
      rightOffset: look.rightOffset ?? 0,
      timeVisible: look.timeVisible ?? false,
      secondsVisible: false,
    },
    crosshair: { horzLine: { labelBackgroundColor: '#334155' }, vertLine: { labelBackgroundColor: '#334155' } },
  });
}
