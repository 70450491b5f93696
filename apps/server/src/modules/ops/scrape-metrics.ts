import type { AppContext } from '../../context';
import { refreshForecastGauges } from '../forecasts/forecast-predict.service';
import { lastIngestTimes } from '../instruments/instruments.service';
import { clearSignalGauges, refreshSignalGauges } from '../signals/signals-gauges.service';
import { clearNotificationGauges, refreshNotificationGauges } from '../../notify/notification-gauges';
import { refreshQuotaGauges } from '../screener/prices/quota.service';
import { checkReadiness } from './readiness';

/**
 * Gauges that describe the world rather than this process's own events are read fresh at each scrape: a
 * gauge set only when something happens would be absent after a restart, and an absent series never alerts.
 * A failing dependency must not break the scrape itself, so every read degrades to "down" or "unknown".
 */
export async function refreshScrapeMetrics(ctx: AppContext): Promise<void> {
  const { metrics } = ctx;
  const readiness = await checkReadiness(ctx);
  for (const [dependency, check] of Object.entries(readiness.checks)) {
    metrics.dependencyUp.set({ dependency }, check.ok ? 1 : 0);
  }
  metrics.queueDepth.set({ queue: ctx.jobs.kind }, await ctx.jobs.depth().catch(() => -1));

  const pool = ctx.db.poolStats();
  if (pool) {
    metrics.dbPoolConnections.set({ state: 'total' }, pool.total);
    metrics.dbPoolConnections.set({ state: 'idle' }, pool.idle);
    metrics.dbPoolConnections.set({ state: 'waiting' }, pool.waiting);
  }

  if (readiness.checks.database?.ok) {
    const last = await lastIngestTimes(ctx).catch(() => undefined);
    for (const [source, at] of Object.entries(last ?? {})) {
      metrics.lastIngestTimestamp.set({ source }, at.getTime() / 1000);
    }
    await refreshForecastGaugesAtMostEvery(ctx, FORECAST_GAUGES_EVERY_MS);
    // Every scrape: one cheap query, and a feed's age must move with the clock.
    await refreshSignalGauges(ctx).catch((err: unknown) => {
      clearSignalGauges(ctx);
      ctx.log.warn({ err }, 'signal gauges not refreshed');
    });
    await refreshNotificationGauges(ctx).catch((err: unknown) => {
      clearNotificationGauges(ctx);
      ctx.log.warn({ err }, 'notification gauges not refreshed');
    });
    // Kept at their last values when the read fails: a budget does not change because a scrape failed.
    await refreshQuotaGauges(ctx).catch((err: unknown) => ctx.log.warn({ err }, 'provider quota gauges not refreshed'));
  } else {
    clearSignalGauges(ctx);
    clearNotificationGauges(ctx);
  }
}

/** The forecast gauges move with daily bars; a query per serving model on every 15 s scrape would be waste. */
const FORECAST_GAUGES_EVERY_MS = 60_000;
const forecastGaugesRefreshedAt = new WeakMap<AppContext, number>();

async function refreshForecastGaugesAtMostEvery(ctx: AppContext, everyMs: number): Promise<void> {
  const last = forecastGaugesRefreshedAt.get(ctx);
  if (last !== undefined && performance.now() - last < everyMs) return;
  forecastGaugesRefreshedAt.set(ctx, performance.now());
  await refreshForecastGauges(ctx).catch((err: unknown) => ctx.log.warn({ err }, 'forecast gauges not refreshed'));
}
