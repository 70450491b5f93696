// Test helper: real daily stock bars from ../shared/data/stocks and ../shared/data/etfs (the repo root's
// sibling, never copied into the repo; Kaggle "Huge Stock Market Dataset" files, see that folder's README),
// read like forecast/btc-daily-fixture.ts through Vite's `?raw` import. A missing file gives null and the
// tests that need it skip with a message.
import { parseYahooCsv } from '../forecast/btc-daily-fixture';
import { REFERENCE_DIR } from '../hmm/reference-fixtures';
import type { DailyColumns } from './screen-metrics';

export const SHARED_DATA_DIR = `${REFERENCE_DIR}../data/`;

export interface StockSeries extends DailyColumns {
  ts: Float64Array;
  dates: string[];
}

async function readRaw(path: string): Promise<string | null> {
  try {
    const module = (await import(/* @vite-ignore */ `${path}?raw`)) as { default: string };
    return module.default;
  } catch {
    return null;
  }
}

/** `stocks/CBK.csv` or `etfs/SPY.csv` under shared/data as columns, or null when absent. */
export async function loadStock(file: string): Promise<StockSeries | null> {
  const text = await readRaw(`${SHARED_DATA_DIR}${file}`);
  if (text === null) return null;
  const bars = parseYahooCsv(text);
  const dates = text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.slice(0, 10));
  return {
    ts: Float64Array.from(bars, (b) => b.ts),
    close: Float64Array.from(bars, (b) => b.close),
    high: Float64Array.from(bars, (b) => b.high),
    low: Float64Array.from(bars, (b) => b.low),
    volume: Float64Array.from(bars, (b) => b.volume),
    dates,
  };
}

export const missingMessage = (file: string): string =>
  `skipped: the real daily file is absent (${SHARED_DATA_DIR}${file})`;
