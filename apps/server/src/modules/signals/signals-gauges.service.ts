import { isBarTimeframe, timeframeMs, type BarTimeframe } from '@marketlens/quant';
import type { AppContext } from '../../context';
import { listDeploymentGaugeRows } from './deployments.store';

/**
 * Seconds since the newest bar of a series closed: 0 while it is still forming (a provider may store today's
 * daily bar before the day ends), +Inf when the series has no bar at all, so a dead feed still alerts.
 */
export function lastBarAgeSeconds(now: number, newestBarTs: Date | null, timeframe: BarTimeframe): number {
  if (newestBarTs === null) return Infinity;
  return Math.max(0, (now - (newestBarTs.getTime() + timeframeMs(timeframe))) / 1000);
}

/**
 * The Signals gauges about the world, read from the database at each scrape (ops' scrape-metrics), so every
 * role and replica reports the same values and a restarted process forgets nothing: paper equity per enabled
 * deployment, the last-bar age of each series an enabled deployment runs on (several deployments on one
 * series make one feed), and deployments by state. The gauges are reset before they are set, so a
 * deployment that was disabled or deleted leaves no series behind.
 */
export async function refreshSignalGauges(ctx: AppContext, now = Date.now()): Promise<void> {
  const rows = await listDeploymentGaugeRows(ctx.db.orm);
  const { signalPaperEquity, feedLastBarAge, signalDeployments } = ctx.metrics;
  clearSignalGauges(ctx);
  const enabled = rows.filter((r) => r.enabled);
  signalDeployments.set({ state: 'enabled' }, enabled.length);
  signalDeployments.set({ state: 'disabled' }, rows.length - enabled.length);
  for (const r of enabled) {
    signalPaperEquity.set({ strategy: r.strategy, symbol: r.symbol, timeframe: r.timeframe }, r.markedEquity);
    if (isBarTimeframe(r.timeframe)) {
      feedLastBarAge.set(
        { symbol: r.symbol, timeframe: r.timeframe },
        lastBarAgeSeconds(now, r.newestBarTs, r.timeframe),
      );
    }
  }
}

/** When the database cannot be read: no value is more honest than a frozen one (an age that stopped growing). */
export function clearSignalGauges(ctx: AppContext): void {
  ctx.metrics.signalPaperEquity.reset();
  ctx.metrics.feedLastBarAge.reset();
  ctx.metrics.signalDeployments.reset();
}
