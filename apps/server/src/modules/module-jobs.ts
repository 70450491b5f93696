import type { AppContext } from '../context';
import { createYahooProvider } from '../providers/yahoo/yahoo-provider';
import { ingestPricesJob } from './instruments/ingest-prices.job';
import { registerRegimes } from './regimes/register-regimes';
import { registerForecasts } from './forecasts/register-forecasts';

/** Every module's job handlers, registered on the queue once at start-up (all roles register; workers run). */
export function registerJobs(ctx: AppContext): void {
  const yahoo = createYahooProvider(ctx.config.providers.yahoo, { cache: ctx.cache, metrics: ctx.metrics });
  ctx.jobs.register(ingestPricesJob(ctx, { yahoo }));
  registerRegimes(ctx);
  registerForecasts(ctx);
}
