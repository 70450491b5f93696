import { z } from 'zod';
import type { Timeframe } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { getBars, streamBarSeries } from '../instruments/instruments.service';
import type { AlertKind, AlertRuleInput, AlertTrigger } from './alert-kinds';
import { largeMoves, levelCrossings, type CloseBar } from './price-crossings';

/** Most new bars one evaluation reads; a longer backlog is worked off over the next runs. */
const MAX_NEW_BARS = 10_000;

const iso = (ts: number) => new Date(ts).toISOString();
const price = (x: number) => Number(x.toPrecision(8)).toString();

/** The newest stored bar of the rule's series, or nothing yet. */
async function newestBar(ctx: AppContext, rule: { symbol: string; timeframe: string }): Promise<CloseBar | null> {
  const { bars } = await getBars(ctx, rule.symbol, { timeframe: rule.timeframe as Timeframe, limit: 1 });
  const last = bars[0];
  return last ? { ts: Date.parse(last.ts), close: last.close } : null;
}

/** Bars stored after `afterTs` (all of them when null), oldest first, at most MAX_NEW_BARS. */
async function barsAfter(ctx: AppContext, rule: { symbol: string; timeframe: string }, afterTs: number | null) {
  const out: CloseBar[] = [];
  const range = afterTs === null ? {} : { from: afterTs + 1 };
  for await (const page of streamBarSeries(ctx, rule.symbol, rule.timeframe as Timeframe, range)) {
    for (const bar of page) {
      out.push({ ts: bar.ts, close: bar.close });
      if (out.length >= MAX_NEW_BARS) return out;
    }
  }
  return out;
}

/** What both price kinds remember: the last bar judged and its close. */
function lastSeen(state: Record<string, unknown> | null): { ts: number | null; close: number | null } {
  return {
    ts: typeof state?.lastTs === 'number' ? state.lastTs : null,
    close: typeof state?.lastClose === 'number' ? state.lastClose : null,
  };
}

const seenState = (bar: CloseBar | null) => (bar ? { lastTs: bar.ts, lastClose: bar.close } : {});

export const priceCrossParams = z
  .object({
    level: z.number().positive(),
    direction: z.enum(['above', 'below', 'either']).default('either'),
  })
  .strict();
type PriceCrossParams = z.infer<typeof priceCrossParams>;

/** The close crosses a price level. */
export const priceCrossKind: AlertKind<PriceCrossParams> = {
  params: priceCrossParams,
  describe: (p) => `close crosses ${p.direction === 'either' ? '' : `${p.direction} `}${price(p.level)}`,
  initialState: async (ctx, rule) => seenState(await newestBar(ctx, rule)),
  async evaluate(ctx, rule: AlertRuleInput<PriceCrossParams>) {
    const seen = lastSeen(rule.state);
    const bars = await barsAfter(ctx, rule, seen.ts);
    const triggers: AlertTrigger[] = levelCrossings(seen.close, bars, rule.params.level, rule.params.direction).map(
      (c) => ({
        key: `bar:${c.bar.ts}`,
        at: c.bar.ts,
        message: `${rule.symbol} closed ${c.side} ${price(rule.params.level)} at ${price(c.bar.close)} (${rule.timeframe} bar of ${iso(c.bar.ts)})`,
        values: { close: c.bar.close, previousClose: c.from, level: rule.params.level, side: c.side },
      }),
    );
    const last = bars[bars.length - 1];
    return { triggers, state: last ? seenState(last) : (rule.state ?? {}) };
  },
};

export const priceMoveParams = z
  .object({
    /** Fraction: 0.05 = 5%. */
    pct: z.number().positive().max(10),
    /** The move is measured over this many bars. */
    windowBars: z.number().int().min(1).max(1000),
    direction: z.enum(['up', 'down', 'either']).default('either'),
  })
  .strict();
type PriceMoveParams = z.infer<typeof priceMoveParams>;

/** The close moves by at least pct over the last windowBars bars. */
export const priceMoveKind: AlertKind<PriceMoveParams> = {
  params: priceMoveParams,
  describe: (p) =>
    `moves ${p.direction === 'either' ? '' : `${p.direction} `}${Number((p.pct * 100).toPrecision(6))}% within ${p.windowBars} bars`,
  initialState: async (ctx, rule) => seenState(await newestBar(ctx, rule)),
  async evaluate(ctx, rule: AlertRuleInput<PriceMoveParams>) {
    const seen = lastSeen(rule.state);
    const bars = await barsAfter(ctx, rule, seen.ts);
    if (bars.length === 0) return { triggers: [], state: rule.state ?? {} };
    // The closes the first new bars measure against: up to windowBars + 1 before them (one more to know
    // whether the bar before was already in the move).
    const { bars: before } = await getBars(ctx, rule.symbol, {
      timeframe: rule.timeframe as Timeframe,
      to: iso(bars[0]!.ts),
      limit: rule.params.windowBars + 1,
    });
    const { pct, windowBars, direction } = rule.params;
    const triggers: AlertTrigger[] = largeMoves(
      before.map((b) => b.close),
      bars,
      pct,
      windowBars,
      direction,
    ).map((m) => ({
      key: `bar:${m.bar.ts}`,
      at: m.bar.ts,
      message: `${rule.symbol} moved ${m.move >= 0 ? '+' : ''}${(m.move * 100).toFixed(2)}% over ${windowBars} ${rule.timeframe} bars to ${price(m.bar.close)}`,
      values: { close: m.bar.close, fromClose: m.from, move: m.move, pct, windowBars },
    }));
    return { triggers, state: seenState(bars[bars.length - 1]!) };
  },
};
