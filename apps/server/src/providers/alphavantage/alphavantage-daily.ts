import type { RawBar } from '../market-data-provider';

// TIME_SERIES_DAILY and TIME_SERIES_DAILY_ADJUSTED: { "Meta Data": {...}, "Time Series (Daily)": { "YYYY-MM-DD":
// { "1. open": "..", ... } } }, newest first, every number a string.

export type DailyEntry = Record<string, string>;
export interface DailySeriesAnswer {
  'Meta Data'?: Record<string, string>;
  'Time Series (Daily)'?: Record<string, DailyEntry>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const num = (value: string | undefined): number => (value === undefined ? NaN : Number(value));

/**
 * One bar per trading date, ascending, keyed at 00:00 UTC of the exchange-local date like the CSV importer and
 * the Yahoo adapter key daily bars, so every source writes the same primary keys. With `adjusted` (an adjusted
 * answer), open/high/low/close are scaled by adjusted close / close and volume inversely, so the whole bar is on
 * the adjusted scale; rows with a missing or non-positive price are skipped.
 */
export function dailyAnswerToBars(answer: DailySeriesAnswer, adjusted: boolean): RawBar[] {
  const series = answer['Time Series (Daily)'] ?? {};
  const bars: RawBar[] = [];
  for (const [date, row] of Object.entries(series)) {
    if (!DATE.test(date)) continue;
    const [open, high, low, close] = ['1. open', '2. high', '3. low', '4. close'].map((k) => num(row[k]));
    if (![open, high, low, close].every((p) => p !== undefined && Number.isFinite(p) && p > 0)) continue;
    const volume = num(adjusted ? row['6. volume'] : row['5. volume']);
    const adjClose = adjusted ? num(row['5. adjusted close']) : NaN;
    const factor = adjusted && Number.isFinite(adjClose) && adjClose > 0 ? adjClose / close! : 1;
    bars.push({
      ts: Date.parse(`${date}T00:00:00Z`),
      open: open! * factor,
      high: high! * factor,
      low: low! * factor,
      close: close! * factor,
      volume: Number.isFinite(volume) ? volume / factor : 0,
    });
  }
  return bars.sort((a, b) => a.ts - b.ts);
}

/** True when the answer carries a daily series (possibly empty), false when it is something else. */
export const isDailyAnswer = (body: unknown): body is DailySeriesAnswer =>
  typeof body === 'object' && body !== null && 'Time Series (Daily)' in body;
