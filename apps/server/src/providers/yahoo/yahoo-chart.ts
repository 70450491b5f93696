import type { RawBar } from '../market-data-provider';
import { zoneOffsetMs } from '../csv/zoned-time';

/** The parts of Yahoo's v8 chart response we read (the real document has many more fields). */
export interface YahooChartResponse {
  chart: {
    result: YahooChartResult[] | null;
    error: { code: string; description: string } | null;
  };
}

export interface YahooChartResult {
  meta: { symbol: string; gmtoffset: number; exchangeTimezoneName?: string; dataGranularity?: string };
  timestamp?: number[];
  indicators: {
    quote: {
      open?: (number | null)[];
      high?: (number | null)[];
      low?: (number | null)[];
      close?: (number | null)[];
      volume?: (number | null)[];
    }[];
  };
}

const DAY_MS = 86_400_000;

/**
 * Bars from one chart result. Entries with a null price are skipped (Yahoo sends them for days it has no
 * prices for). Daily and weekly bars are keyed at 00:00 UTC of the exchange-local trading date, like the
 * CSV importer keys date-only rows, so both sources write the same primary keys; intraday bars keep
 * their exact open instant.
 */
export function chartResultToBars(result: YahooChartResult, daily: boolean): RawBar[] {
  const timestamps = result.timestamp ?? [];
  const quote = result.indicators.quote[0] ?? {};
  const zone = result.meta.exchangeTimezoneName;
  const bars: RawBar[] = [];
  for (let i = 0; i < timestamps.length; i++) {
    const open = quote.open?.[i];
    const high = quote.high?.[i];
    const low = quote.low?.[i];
    const close = quote.close?.[i];
    if (open == null || high == null || low == null || close == null) continue;
    const instant = timestamps[i]! * 1000;
    // The zone name gives the offset of each bar's own day; gmtoffset is only the offset at request time.
    const offset = zone ? zoneOffsetMs(zone, instant) : result.meta.gmtoffset * 1000;
    const ts = daily ? Math.floor((instant + offset) / DAY_MS) * DAY_MS : instant;
    bars.push({ ts, open, high, low, close, volume: quote.volume?.[i] ?? 0 });
  }
  return bars;
}
