import { Readable } from 'node:stream';
import { generateRegimeSeries, type OhlcvBar } from '@marketlens/quant';
import type { AppContext } from '../src/context';
import { importBarsCsv } from '../src/modules/instruments/import.service';

// Regime test data: the reference regime process (calm / choppy / crisis) as daily bars, written through the
// real CSV import so every write path (and its bars.ingested event) is the production one.

export function regimeBars(n: number, seed = 7): OhlcvBar[] {
  return generateRegimeSeries({ n, seed }).bars;
}

export function barsCsv(bars: readonly OhlcvBar[]): string {
  const rows = bars.map(
    (b) => `${new Date(b.ts).toISOString().slice(0, 10)},${b.open},${b.high},${b.low},${b.close},${b.volume}`,
  );
  return `Date,Open,High,Low,Close,Volume\n${rows.join('\n')}\n`;
}

export async function importRegimeBars(
  ctx: AppContext,
  symbol: string,
  bars: readonly OhlcvBar[],
  kind: 'index' | 'crypto' | 'other' = 'index',
) {
  return importBarsCsv(ctx, {
    symbol,
    timeframe: '1d',
    timezone: 'UTC',
    kind,
    input: Readable.from([Buffer.from(barsCsv(bars))]),
    filename: `${symbol}.csv`,
  });
}
