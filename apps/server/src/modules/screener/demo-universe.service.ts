import type { AppContext } from '../../context';
import { loadSyntheticDailySeries } from '../instruments/demo-data.service';
import { DEMO_UNIVERSE_NAME, generateDemoUniverse } from './demo-universe';
import { computeSnapshotRowsForDates, toDailySeries } from './snapshot-compute';
import { pickDates, storeSnapshot } from './snapshots.service';
import { applyUniverseRules, DEFAULT_UNIVERSE_RULES } from './universe-rules';
import { saveListedUniverse } from './universes.service';

/** Weeks of past snapshots built with the demo, so the Changes view has something to compare offline. */
const DEMO_WEEKS = 8;

export interface DemoUniverseResult {
  universeId: string;
  name: string;
  companies: number;
  members: number;
  barsInserted: number;
  snapshots: number;
  asOf: string;
}

/**
 * Seeds the synthetic demo universe: its instruments and bars (bulk), the universe with the default rules, and
 * snapshots of the last trading day of each of the last DEMO_WEEKS weeks (the newest is the latest snapshot).
 * The snapshots are computed from the generated bars in memory (the same computation as a rebuild) rather
 * than read back, which keeps the first start short. Idempotent: bars and snapshots already there are kept.
 */
export async function loadDemoUniverse(ctx: AppContext): Promise<DemoUniverseResult> {
  const demo = generateDemoUniverse(ctx.config.demo.seed);
  const barsInserted = await loadSyntheticDailySeries(ctx, [
    ...demo.companies.map((c) => ({
      symbol: c.symbol,
      name: c.name!,
      kind: c.isEtf ? ('etf' as const) : ('equity' as const),
      sector: c.sector,
      marketCap: c.marketCap,
      bars: c.bars,
    })),
    { symbol: demo.benchmark.symbol, name: demo.benchmark.name, kind: 'index', bars: demo.benchmark.bars },
  ]);
  const rules = DEFAULT_UNIVERSE_RULES;
  const universe = await saveListedUniverse(
    ctx,
    { name: DEMO_UNIVERSE_NAME, source: 'synthetic', rules, benchmark: demo.benchmark.symbol, synthetic: true },
    demo.companies.map(({ bars: _bars, ...entry }) => entry),
  );
  const members = demo.companies.filter((c) => applyUniverseRules(c, rules).included);
  const times = demo.benchmark.bars.map((b) => b.ts);
  const dates = pickDates(times, 'week').slice(-DEMO_WEEKS);
  const rowsByDate = computeSnapshotRowsForDates(
    {
      members: members.map(({ symbol, name, sector, industry, exchange, marketCap }) => ({
        symbol,
        name,
        sector,
        industry,
        exchange,
        marketCap,
      })),
      bars: new Map(members.map((c) => [c.symbol, toDailySeries(c.bars)])),
      benchmark: toDailySeries(demo.benchmark.bars),
    },
    dates,
  );
  let snapshots = 0;
  for (const asOf of dates) {
    if (await storeSnapshot(ctx, universe, asOf, demo.benchmark.symbol, rowsByDate.get(asOf)!, false)) snapshots += 1;
  }
  const asOf = dates.at(-1)!;
  ctx.log.info({ universe: universe.name, members: members.length, asOf }, 'loaded the synthetic demo universe');
  return {
    universeId: universe.id,
    name: universe.name,
    companies: demo.companies.length,
    members: members.length,
    barsInserted,
    snapshots,
    asOf,
  };
}
