// Test helper: the real BTC/USDT one-minute bars of Binance.US, 2023-03-01 .. 2023-03-21 (30,240 bars, UTC,
// 658 with zero volume) from ../shared/data/intraday, the repo root's sibling, never copied into the repo;
// read like btc-daily-fixture.ts through Vite's `?raw` import. `btcMinuteBars` is null when the file is
// absent and the tests that need it skip with a message. Used for VWAP, whose anchor is the UTC day.
import type { OhlcvBar } from '../bars/ohlcv-bar';
import { parseIsoDate } from '../forecast/utc-calendar';
import { REFERENCE_DIR } from '../hmm/reference-fixtures';

export const BTC_MINUTE_PATH = `${REFERENCE_DIR}../data/intraday/BTCUSDT_1m_binanceus_2023-03-01_2023-03-21.csv`;

async function readRaw(path: string): Promise<string | null> {
  try {
    const module = (await import(/* @vite-ignore */ `${path}?raw`)) as { default: string };
    return module.default;
  } catch {
    return null;
  }
}

/** "2023-03-01 00:01:00+00:00" -> epoch ms; only UTC offsets occur in the file. */
function parseUtcTimestamp(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})\+00:00$/.exec(text);
  if (m === null) throw new RangeError(`expected "YYYY-MM-DD hh:mm:ss+00:00", got "${text}"`);
  return parseIsoDate(m[1]!) + ((Number(m[2]) * 60 + Number(m[3])) * 60 + Number(m[4])) * 1000;
}

/** Parses open_time,open,high,low,close,volume. */
export function parseMinuteCsv(text: string): OhlcvBar[] {
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [ts, open, high, low, close, volume] = line.trim().split(',');
      return {
        ts: parseUtcTimestamp(ts!),
        open: Number(open),
        high: Number(high),
        low: Number(low),
        close: Number(close),
        volume: Number(volume),
      };
    });
}

const text = await readRaw(BTC_MINUTE_PATH);
export const btcMinuteBars: OhlcvBar[] | null = text === null ? null : parseMinuteCsv(text);
export const BTC_MINUTE_MISSING_MESSAGE = `skipped: the real BTC minute series is absent (${BTC_MINUTE_PATH})`;
