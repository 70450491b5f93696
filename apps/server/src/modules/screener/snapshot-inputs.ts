import type { AppContext } from '../../context';
import { getCurrent, listFits } from '../regimes/regimes.service';
import { DAY_MS, isoDate, toDailySeries, type DailySeries, type RegimeReading } from './snapshot-compute';
import { readDailyBars, readFundamentals } from './snapshots.store';

// What a snapshot is computed from, read from the database in bulk: members' daily bars, fundamentals and
// the current regime of symbols with a tracked fit.

/** Calendar days of bars read before the first date: > 252 trading days even for thin stocks with gaps, and ~550 bars of warm-up for the Wilder averages (RSI, ATR) so their values match a full-history run to ~1e-15. */
export const HISTORY_DAYS = 800;
/** Symbols per bar query: keeps each IN list and each result set moderate. */
const SYMBOL_CHUNK = 250;

export async function loadDailySeries(
  ctx: AppContext,
  symbols: readonly string[],
  range: { from: number; to: number },
): Promise<Map<string, DailySeries>> {
  const out = new Map<string, DailySeries>();
  for (let i = 0; i < symbols.length; i += SYMBOL_CHUNK) {
    const rows = await readDailyBars(ctx.db.orm, symbols.slice(i, i + SYMBOL_CHUNK), range);
    let start = 0;
    for (let k = 1; k <= rows.length; k++) {
      if (k === rows.length || rows[k]!.symbol !== rows[start]!.symbol) {
        out.set(rows[start]!.symbol, toDailySeries(rows.slice(start, k).map((r) => ({ ...r, open: r.close }))));
        start = k;
      }
    }
  }
  return out;
}

/** Bars covering the metrics of every date from `first` to `last` (YYYY-MM-DD). */
export function barRangeFor(first: string, last: string): { from: number; to: number } {
  return {
    from: Date.parse(`${first}T00:00:00Z`) - HISTORY_DAYS * DAY_MS,
    to: Date.parse(`${last}T00:00:00Z`) + DAY_MS,
  };
}

export async function loadFundamentals(
  ctx: AppContext,
  symbols: readonly string[],
): Promise<Map<string, Record<string, number | null>>> {
  const out = new Map<string, Record<string, number | null>>();
  for (let i = 0; i < symbols.length; i += SYMBOL_CHUNK) {
    for (const [symbol, data] of await readFundamentals(ctx.db.orm, symbols.slice(i, i + SYMBOL_CHUNK))) {
      out.set(symbol, Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === 'number' ? v : null])));
    }
  }
  return out;
}

/**
 * The likeliest regime and its filtered probability for members with a tracked daily fit, when the fit's
 * latest filtered step is the snapshot's date (an older reading would describe another day).
 */
export async function loadRegimes(
  ctx: AppContext,
  symbols: readonly string[],
  asOf: string,
): Promise<Map<string, RegimeReading>> {
  const wanted = new Set(symbols);
  const fits = await listFits(ctx, { limit: 10_000 });
  const tracked = new Set(
    fits
      .filter((f) => f.status === 'succeeded' && f.source === 'bars' && f.timeframe === '1d' && f.options.tracked)
      .map((f) => f.symbol)
      .filter((s) => wanted.has(s)),
  );
  const out = new Map<string, RegimeReading>();
  for (const symbol of tracked) {
    try {
      const current = await getCurrent(ctx, symbol);
      if (isoDate(Date.parse(current.ts)) !== asOf) continue;
      const best = current.states.reduce((a, b) => (b.prob > a.prob ? b : a), current.states[0]!);
      if (best) out.set(symbol, { label: best.name, prob: best.prob });
    } catch (err) {
      ctx.log.warn({ err, symbol }, 'screener: no current regime for a tracked fit');
    }
  }
  return out;
}
