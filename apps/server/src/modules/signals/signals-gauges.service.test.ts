import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { strategyDeployments } from '../../db/schema';
import { createFixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import type { AppContext } from '../../context';
import { storeClosedBars } from '../instruments/instruments.service';
import { createDeployment, setEnabled } from './deployments.service';
import { clearSignalGauges, lastBarAgeSeconds, refreshSignalGauges } from './signals-gauges.service';
import { createStrategy } from './strategies.service';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 2, 4, 12, 0);
const strategy = (name: string, timeframe: string) => ({
  name,
  timeframe,
  side: 'long',
  entry: 'close > sma(close, 3)',
  exit: 'close < sma(close, 3)',
});

/** Ten 1-minute bars, the newest opening at `lastOpen`. */
const minuteBars = (lastOpen: number) =>
  Array.from({ length: 10 }, (_, i) => {
    const close = 100 + i;
    return { ts: lastOpen - (9 - i) * MINUTE, open: close, high: close + 1, low: close - 1, close, volume: 10 };
  });

/** name{labels} -> value, for one metric of the registry. */
async function samples(ctx: AppContext, name: string): Promise<Record<string, number>> {
  const metric = await ctx.metrics.registry.getSingleMetric(name)?.get();
  return Object.fromEntries(
    (metric?.values ?? []).map((v) => [
      Object.entries(v.labels)
        .map(([k, l]) => `${k}=${l}`)
        .join(','),
      v.value,
    ]),
  );
}

it('measures a feed from the close of its newest bar, not its open', () => {
  const open = NOW - 3 * MINUTE;
  expect(lastBarAgeSeconds(NOW, new Date(open), '1m')).toBe(120);
  expect(lastBarAgeSeconds(NOW, new Date(open), '1h'), 'a bar still forming is as fresh as it gets').toBe(0);
  expect(lastBarAgeSeconds(NOW, null, '1m'), 'a series with no bar is a dead feed').toBe(Infinity);
});

describeEachApp('signal gauges read at scrape', (getApp) => {
  it('reports paper equity per enabled deployment, one age per live feed, and deployments by state', async () => {
    const { ctx } = getApp();
    const admin = await createFixtureUser(ctx, 'admin');
    const lastOpen = NOW - 3 * MINUTE;
    await storeClosedBars(ctx, { symbol: 'GAUGE', timeframe: '1m', kind: 'crypto' }, minuteBars(lastOpen));
    await storeClosedBars(ctx, { symbol: 'QUIET', timeframe: '1m', kind: 'crypto' }, minuteBars(lastOpen));
    const deploy = async (name: string, symbol: string, timeframe: string) => {
      const s = await createStrategy(ctx, strategy(name, timeframe), admin.user.id);
      return createDeployment(ctx, { strategyId: s.id, symbol }, admin.user.id);
    };
    const fast = await deploy('gauge-fast', 'GAUGE', '1m');
    await deploy('gauge-slow', 'GAUGE', '1m');
    // Enabled on a timeframe the series has no bar of: the engine has nothing to run, the feed is dead.
    await deploy('gauge-empty', 'GAUGE', '5m');
    const paused = await deploy('gauge-paused', 'QUIET', '1m');
    await setEnabled(ctx, paused.id, false, admin.user.id);
    await ctx.db.orm
      .update(strategyDeployments)
      .set({ markedEquity: 1.0425 })
      .where(eq(strategyDeployments.id, fast.id));

    await refreshSignalGauges(ctx, NOW);

    expect(await samples(ctx, 'marketlens_signal_deployments')).toEqual({ 'state=enabled': 3, 'state=disabled': 1 });
    expect(await samples(ctx, 'marketlens_signal_paper_equity'), 'enabled deployments only').toEqual({
      'strategy=gauge-fast,symbol=GAUGE,timeframe=1m': 1.0425,
      'strategy=gauge-slow,symbol=GAUGE,timeframe=1m': 1,
      'strategy=gauge-empty,symbol=GAUGE,timeframe=5m': 1,
    });
    expect(
      await samples(ctx, 'marketlens_feed_last_bar_age_seconds'),
      'two deployments on one series: one feed',
    ).toEqual({
      'symbol=GAUGE,timeframe=1m': 120,
      'symbol=GAUGE,timeframe=5m': Infinity,
    });

    // A newer bar, a disabled deployment: the next scrape says so and keeps nothing of the last one.
    await storeClosedBars(ctx, { symbol: 'GAUGE', timeframe: '1m' }, minuteBars(lastOpen + MINUTE).slice(-1));
    await setEnabled(ctx, fast.id, false, admin.user.id);
    await refreshSignalGauges(ctx, NOW + 30_000);

    expect(await samples(ctx, 'marketlens_signal_deployments')).toEqual({ 'state=enabled': 2, 'state=disabled': 2 });
    expect(Object.keys(await samples(ctx, 'marketlens_signal_paper_equity')).sort()).toEqual([
      'strategy=gauge-empty,symbol=GAUGE,timeframe=5m',
      'strategy=gauge-slow,symbol=GAUGE,timeframe=1m',
    ]);
    expect((await samples(ctx, 'marketlens_feed_last_bar_age_seconds'))['symbol=GAUGE,timeframe=1m']).toBe(90);

    clearSignalGauges(ctx);
    expect(await samples(ctx, 'marketlens_feed_last_bar_age_seconds'), 'cleared: no frozen age').toEqual({});
  });
});
