// Test helper: the real BTC-USD daily bars (Yahoo export, 2014-09-17 .. 2022-03-01) from
// ../shared/data/crypto, the repo root's sibling, never copied into the repo. quant has no Node APIs, so
// the file is read through Vite's `?raw` import (as hmm/reference-fixtures.ts does); `btcDailyBars` is
// null when the file is absent and the tests that need it skip with a message.
import type { OhlcvBar } from '../bars/ohlcv-bar';
import { REFERENCE_DIR } from '../hmm/reference-fixtures';
import { parseIsoDate } from './utc-calendar';

export const BTC_DAILY_PATH = `${REFERENCE_DIR}../data/crypto/BTC-USD_daily_2014-2022.csv`;

async function readRaw(path: string): Promise<string | null> {
  try {
    const module = (await import(/* @vite-ignore */ `${path}?raw`)) as { default: string };
    return module.default;
  } catch {
    return null;
  }
}

/** Parses Date,Open,High,Low,Close,Adj Close,Volume; rows with a missing value ("null") are skipped. */
export function parseYahooCsv(text: string): OhlcvBar[] {
  const lines = text.trim().split('\n');
  const header = lines[0]!.trim().split(',');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`CSV header has no "${name}" column: ${header.join(',')}`);
    return i;
  };
  const [d, o, h, l, c, v] = ['Date', 'Open', 'High', 'Low', 'Close', 'Volume'].map(col) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const bars: OhlcvBar[] = [];
  for (const line of lines.slice(1)) {
    const cells = line.trim().split(',');
    if (cells.some((cell) => cell === 'null' || cell === '')) continue;
    bars.push({
      ts: parseIsoDate(cells[d]!),
      open: Number(cells[o]),
      high: Number(cells[h]),
      low: Number(cells[l]),
      close: Number(cells[c]),
      volume: Number(cells[v]),
    });
  }
  return bars;
}

const text = await readRaw(BTC_DAILY_PATH);
export const btcDailyBars: OhlcvBar[] | null = text === null ? null : parseYahooCsv(text);
export const BTC_MISSING_MESSAGE = `skipped: the real BTC daily series is absent (${BTC_DAILY_PATH})`;
