import { ColorType, createChart, type IChartApi, type UTCTimestamp } from 'lightweight-charts';

/** ISO 8601 -> lightweight-charts' UTC seconds. */
export const toChartTime = (iso: string) => (Date.parse(iso) / 1000) as UTCTimestamp;

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
      rightOffset: look.rightOffset ?? 0,
      timeVisible: look.timeVisible ?? false,
      secondsVisible: false,
    },
    crosshair: { horzLine: { labelBackgroundColor: '#334155' }, vertLine: { labelBackgroundColor: '#334155' } },
  });
}
