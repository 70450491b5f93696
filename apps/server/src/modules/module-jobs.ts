import type { AppContext } from '../context';
import { exchangeProviders } from '../providers/exchange/create-exchange-provider';
import { createYahooProvider } from '../providers/yahoo/yahoo-provider';
import { ingestIntradayJob } from './instruments/ingest-intraday.job';
import { ingestPricesJob } from './instruments/ingest-prices.job';
import { registerRegimes } from './regimes/register-regimes';
import { registerForecasts } from './forecasts/register-forecasts';
import { registerSignals } from './signals/register-signals';
import { registerAlerts } from './alerts/register-alerts';
import { registerAlertRules } from './alerts/register-alert-rules';
import { registerScreener } from './screener/register-screener';
import { registerMemecoins } from './memecoins/register-memecoins';

/** Every module's job handlers, registered on the queue once at start-up (all roles register; workers run). */
export function registerJobs(ctx: AppContext): void {
  const yahoo = createYahooProvider(ctx.config.providers.yahoo, { cache: ctx.cache, metrics: ctx.metrics });
  ctx.jobs.register(ingestPricesJob(ctx, { yahoo }));
  ctx.jobs.register(ingestIntradayJob(ctx, exchangeProviders(ctx.config.providers.exchange, { metrics: ctx.metrics })));
  registerRegimes(ctx);
  registerForecasts(ctx);
  registerSignals(ctx);
  registerAlerts(ctx);
  registerAlertRules(ctx);
  registerScreener(ctx);
  registerMemecoins(ctx);
}
