import type { BacktestTrade } from '@marketlens/contracts';
import type { SeriesMarker, UTCTimestamp } from 'lightweight-charts';
import { formatSignedShare } from '../../../shared/format/metric-format';

const ENTRY = '#059669';
const SHORT_ENTRY = '#e11d48';
const EXIT = '#334155';

/** Above this many trades the markers carry no text: labels would only cover each other and the candles. */
export const LABELLED_TRADES = 40;

const time = (iso: string) => (Date.parse(iso) / 1000) as UTCTimestamp;

/**
 * Two markers per trade on the bars that filled them: the entry (long: arrow up below the bar, short: arrow
 * down above it) and the exit (the other way round), in time order as lightweight-charts requires.
 */
export function tradeMarkers(trades: readonly BacktestTrade[]): SeriesMarker<UTCTimestamp>[] {
  const labelled = trades.length <= LABELLED_TRADES;
  const markers: SeriesMarker<UTCTimestamp>[] = [];
  for (const t of trades) {
    const long = t.side === 'long';
    markers.push({
      time: time(t.entryTime),
      position: long ? 'belowBar' : 'aboveBar',
      shape: long ? 'arrowUp' : 'arrowDown',
      color: long ? ENTRY : SHORT_ENTRY,
      text: labelled ? (long ? 'Long' : 'Short') : undefined,
      id: `entry-${t.entryTime}`,
    });
    markers.push({
      time: time(t.exitTime),
      position: long ? 'aboveBar' : 'belowBar',
      shape: long ? 'arrowDown' : 'arrowUp',
      color: EXIT,
      text: labelled ? formatSignedShare(t.returnPct) : undefined,
      id: `exit-${t.exitTime}`,
    });
  }
  // Stable: an exit and the next entry on one bar keep their order.
  return markers.sort((a, b) => a.time - b.time);
}
