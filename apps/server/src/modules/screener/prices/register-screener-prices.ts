import type { AppContext } from '../../../context';
import { createYahooProvider } from '../../../providers/yahoo/yahoo-provider';
import { screenerPricesJob } from './screener-prices.job';

/** The `screener.prices` job (every role registers; workers run it). */
export function registerScreenerPrices(ctx: AppContext): void {
  const yahoo = createYahooProvider(ctx.config.providers.yahoo, { cache: ctx.cache, metrics: ctx.metrics });
  ctx.jobs.register(screenerPricesJob(ctx, { yahoo }));
}
