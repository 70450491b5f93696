import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBarsCsv } from './parse-bars-csv';

// Real public files from ../shared/data (see its README); read in place, never copied into the repo.
const DATA = process.env.MARKETLENS_SHARED_DATA ?? '/work/shared/data';
const present = existsSync(join(DATA, 'README.md'));

async function parseFile(relative: string, batchSize = 4096) {
  const parse = parseBarsCsv(createReadStream(join(DATA, relative), { highWaterMark: 16 * 1024 }), { batchSize });
  const bars = [];
  for await (const batch of parse) bars.push(...batch);
  return { bars, summary: parse.summary };
}

describe.skipIf(!present)(`parseBarsCsv on real files (needs ${DATA})`, () => {
  it('accepts all 15,102 S&P 500 daily rows in the Yahoo layout', async () => {
    const { bars, summary } = await parseFile('index/GSPC_daily_1960-2020.csv');
    expect(summary).toMatchObject({ layout: 'yahoo', rows: 15102, accepted: 15102, rejectedTotal: 0, duplicates: 0 });
    expect(bars[0]).toEqual({
      ts: Date.UTC(1960, 5, 13),
      open: 57.990002,
      high: 57.990002,
      low: 57.990002,
      close: 57.990002,
      volume: 3180000,
    });
    expect(summary.lastTs).toBe(Date.UTC(2020, 5, 11));
  });

  it('reads the BTC file with slash dates', async () => {
    const { bars, summary } = await parseFile('crypto/BTC-USD_daily_2014-2023.csv');
    expect(summary).toMatchObject({ rows: 3348, accepted: 3348, rejectedTotal: 0 });
    expect(bars[0]!.ts).toBe(Date.UTC(2014, 8, 17));
    expect(summary.lastTs).toBe(Date.UTC(2023, 10, 16));
  });

  it('reads 30,240 Binance minutes with +00:00 offsets', async () => {
    const { bars, summary } = await parseFile('intraday/BTCUSDT_1m_binanceus_2023-03-01_2023-03-21.csv');
    expect(summary).toMatchObject({ layout: 'exchange', rows: 30240, accepted: 30240, rejectedTotal: 0 });
    expect(bars[1]!.ts - bars[0]!.ts).toBe(60_000);
    expect(summary.lastTs).toBe(Date.UTC(2023, 2, 21, 23, 59));
  });

  it('reads 78,974 FXY minutes', async () => {
    const { summary } = await parseFile('intraday/FXY_1min_2023-07-10_2025-07-08.csv');
    expect(summary).toMatchObject({ rows: 78974, accepted: 78974, rejectedTotal: 0 });
    expect(summary.firstTs).toBe(Date.UTC(2023, 6, 10, 13, 5));
  });

  it('rejects exactly the two inconsistent DDS rows with their line numbers', async () => {
    const { summary } = await parseFile('stocks/DDS.csv');
    expect(summary).toMatchObject({ layout: 'ohlcv', rows: 7149, accepted: 7147, rejectedTotal: 2 });
    expect(summary.rejected).toEqual([
      { line: 4738, reason: 'close 1.9737 is below low 19.35' },
      { line: 5831, reason: 'high 6.9084 is below low 68.416' },
    ]);
  });

  it('reads a CRLF Kaggle ETF file', async () => {
    const { summary } = await parseFile('etfs/SPY.csv');
    expect(summary).toMatchObject({ rows: 3201, accepted: 3201, rejectedTotal: 0 });
  });
});
