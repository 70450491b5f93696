import { DEMO_INSTRUMENTS, generateDemoBars, type DemoInstrument } from '@marketlens/quant';
import { count } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { instruments } from '../../db/schema';
import { announceWrite } from './bar-events';
import { upsertBars } from './bars.store';
import { ensureInstrument } from './instruments.store';

/**
 * Fixed start dates keep the demo identical on every install (same seed, same bars), so screenshots, docs
 * and tests agree. Daily series start on a Monday; the intraday one covers 60 sessions.
 */
const DEMO_START: Record<DemoInstrument['timeframe'], number> = {
  '1d': Date.UTC(2016, 0, 4),
  '5m': Date.UTC(2025, 8, 1),
};

export interface DemoLoadResult {
  symbol: string;
  timeframe: string;
  bars: number;
  inserted: number;
}

/** Writes the synthetic demo instruments (flagged `synthetic`, named "Synthetic ..."). Idempotent. */
export async function loadDemoData(ctx: AppContext): Promise<DemoLoadResult[]> {
  const results: DemoLoadResult[] = [];
  for (const demo of DEMO_INSTRUMENTS) {
    const instrument = await ensureInstrument(ctx.db.orm, {
      symbol: demo.symbol,
      name: demo.name,
      kind: demo.kind,
      source: 'synthetic',
      synthetic: true,
    });
    const { bars } = generateDemoBars(demo, ctx.config.demo.seed, DEMO_START[demo.timeframe]);
    const written = await upsertBars(ctx.db, { instrumentId: instrument.id, timeframe: demo.timeframe }, bars);
    ctx.metrics.barsIngested.inc({ source: 'synthetic', result: 'inserted' }, written.inserted);
    const series = { instrumentId: instrument.id, symbol: instrument.symbol, timeframe: demo.timeframe };
    await announceWrite(ctx, series, bars, written, Date.now());
    results.push({ symbol: demo.symbol, timeframe: demo.timeframe, bars: bars.length, inserted: written.inserted });
  }
  return results;
}

/** First start: an empty database gets the demo instruments; a database with any instrument is left alone. */
export async function loadDemoDataIfEmpty(ctx: AppContext): Promise<DemoLoadResult[] | undefined> {
  const [row] = await ctx.db.orm.select({ n: count() }).from(instruments);
  if ((row?.n ?? 0) > 0) return undefined;
  const results = await loadDemoData(ctx);
  ctx.log.info({ instruments: results }, 'loaded synthetic demo data (first start)');
  return results;
}
