import { Readable } from 'node:stream';
import type { AppContext } from '../../context';
import type { RawBar } from '../../providers/market-data-provider';
import { loadSyntheticDailySeries } from '../instruments/demo-data.service';
import { isoDate } from './snapshot-compute';
import { importUniverse } from './universes.service';

// Test-only: a hand-built universe whose screen results are known by construction. Five stocks trade at 100
// on 300 weekdays from 2024-01-01, except a few closes chosen so `ret1w > 0` (sorted -ret1w) gives
//   D1 (bar 290): AAA +10%, BBB +5%, EEE +3%          -> ranks AAA 1, BBB 2, EEE 3
//   D2 (bar 299): EEE +30%, CCC +20%, BBB +5%         -> ranks EEE 1, CCC 2, BBB 3
// so from D1 to D2: CCC entered, AAA left, EEE moved up 2, BBB down 1. DDD never passes.

const DAY_MS = 86_400_000;
export const HAND_BARS = 300;

export function weekdays(count: number, start = Date.UTC(2024, 0, 1)): number[] {
  const out: number[] = [];
  for (let ts = start; out.length < count; ts += DAY_MS) {
    const day = new Date(ts).getUTCDay();
    if (day !== 0 && day !== 6) out.push(ts);
  }
  return out;
}

const TIMES = weekdays(HAND_BARS);
export const D1 = isoDate(TIMES[290]!);
export const D2 = isoDate(TIMES[299]!);

const SPECIAL: Record<string, Record<number, number>> = {
  AAA: { 290: 110 },
  BBB: { 290: 105, 299: 105 },
  CCC: { 299: 120 },
  DDD: {},
  EEE: { 290: 103, 299: 130 },
};

export function handBars(symbol: string): RawBar[] {
  return TIMES.map((ts, i) => {
    const close = SPECIAL[symbol]?.[i] ?? 100;
    return { ts, open: close, high: close * 1.01, low: close * 0.99, close, volume: 1000 + i };
  });
}

export const HAND_LISTING = `Symbol,Name,LastSale,MarketCap,IPOyear,Sector,Industry
AAA,Alpha Inc,100,$500M,2001,Technology,Software
BBB,Beta Corp,100,$600M,n/a,Technology,Software
CCC,Gamma &amp; Sons,100,$700M,n/a,Health Care,Drugs
DDD,Delta Co,100,$800M,n/a,Finance,Banks
EEE,Epsilon plc,100,$900M,n/a,Energy,Oil
BIG,Big Co,100,$50B,n/a,Finance,Banks
ETFX,Small ETF,20,$400M,n/a,n/a,n/a
`;

/** Stores the five series and imports the listing as a universe named `name`; returns its id. */
export async function seedHandUniverse(ctx: AppContext, name = 'hand-built'): Promise<string> {
  await loadSyntheticDailySeries(
    ctx,
    Object.keys(SPECIAL).map((symbol) => ({ symbol, name: symbol, kind: 'equity' as const, bars: handBars(symbol) })),
  );
  const result = await importUniverse(ctx, {
    input: Readable.from([Buffer.from(HAND_LISTING)]),
    filename: `${name}.csv`,
    name,
  });
  return result.universe.id;
}
