import type { AppContext } from '../../../context';
import { RequestBudget } from '../../../providers/request-budget';

/** Today's Alpha Vantage request budget (the provider's day in its configured time zone). */
export function alphaVantageBudget(ctx: AppContext, clock: () => number = Date.now): RequestBudget {
  const { dailyQuota, timeZone } = ctx.config.providers.alphavantage;
  return new RequestBudget(ctx.db.orm, { provider: 'alphavantage', dailyQuota, timeZone, clock });
}

export interface QuotaStatus {
  provider: string;
  /** The budget day (YYYY-MM-DD) in the configured time zone. */
  day: string;
  used: number;
  quota: number;
  remaining: number;
  /** Alpha Vantage's limit answer when it ended the day early; null otherwise. */
  exhaustedReason: string | null;
  /** False without an API key: prices come from Yahoo, nothing is spent. */
  configured: boolean;
}

/** Alpha Vantage requests used and left today, for the Screener page and the API. */
export async function quotaStatus(ctx: AppContext, clock: () => number = Date.now): Promise<QuotaStatus> {
  const status = await alphaVantageBudget(ctx, clock).status();
  return {
    provider: status.provider,
    day: status.day,
    used: status.used,
    quota: status.quota,
    remaining: status.remaining,
    exhaustedReason: status.exhaustedReason,
    configured: ctx.config.providers.alphavantage.apiKey !== '',
  };
}

/**
 * marketlens_provider_quota_remaining / _used, read from the database at each scrape: every role and replica
 * reports the one shared budget, and a quiet day still has a series (the full quota left).
 */
export async function refreshQuotaGauges(ctx: AppContext): Promise<void> {
  const status = await quotaStatus(ctx);
  ctx.metrics.providerQuotaRemaining.set({ provider: status.provider }, status.remaining);
  ctx.metrics.providerQuotaUsed.set({ provider: status.provider }, status.used);
}
