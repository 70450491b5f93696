export const CHART_RANGES = ['1M', '3M', '6M', '1Y', '5Y', 'All'] as const;
export type ChartRange = (typeof CHART_RANGES)[number];

const MONTHS: Record<Exclude<ChartRange, 'All'>, number> = { '1M': 1, '3M': 3, '6M': 6, '1Y': 12, '5Y': 60 };

/** Most bars the chart asks for; the API returns the last `limit` bars of the range. */
export const MAX_CHART_BARS = 20_000;

/**
 * The range counts back from the instrument's last bar, not from today: stored or synthetic series
 * may end long ago, and "1M" should still show a month of candles.
 */
export function rangeStart(range: ChartRange, lastBarIso: string): string | undefined {
  if (range === 'All') return undefined;
  const start = new Date(lastBarIso);
  start.setUTCMonth(start.getUTCMonth() - MONTHS[range]);
  return start.toISOString();
}
