import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { opsProbeRoutes, systemRoutes } from '../modules/ops/ops.routes';
import { apiKeysRoutes } from '../modules/auth/api-keys.routes';
import { authRoutes } from '../modules/auth/auth.routes';
import { usersRoutes } from '../modules/auth/users.routes';
import { instrumentsRoutes } from '../modules/instruments/instruments.routes';
import { jobsRoutes } from '../modules/ops/jobs.routes';
import { regimesRoutes } from '../modules/regimes/regimes.routes';
import { registryRoutes } from '../modules/registry/registry.routes';
import { forecastsRoutes } from '../modules/forecasts/forecasts.routes';
import { strategiesRoutes } from '../modules/signals/strategies.routes';
import { backtestsRoutes } from '../modules/signals/backtests.routes';
import { signalsRoutes } from '../modules/signals/signals.routes';
import { deploymentsRoutes } from '../modules/signals/deployments.routes';
import { channelsRoutes } from '../modules/alerts/channels.routes';
import { channelLinksRoutes } from '../modules/alerts/channel-links.routes';
import { subscriptionsRoutes } from '../modules/alerts/subscriptions.routes';
import { deliveryLogRoutes } from '../modules/alerts/delivery-log.routes';
import { alertRulesRoutes } from '../modules/alerts/alert-rules.routes';
import { screenerRoutes } from '../modules/screener/screener.routes';
import { memecoinsRoutes } from '../modules/memecoins/memecoins.routes';
import { VERSION } from '../version';

/** Every module's routes, in one list: the RBAC test walks what this registers. */
export async function registerApiRoutes(app: FastifyInstance, ctx: AppContext, prefix: string): Promise<void> {
  await app.register(opsProbeRoutes(ctx));
  await app.register(systemRoutes(ctx, VERSION), { prefix });
  await app.register(authRoutes(ctx), { prefix });
  await app.register(usersRoutes(ctx), { prefix });
  await app.register(apiKeysRoutes(ctx), { prefix });
  await app.register(instrumentsRoutes(ctx), { prefix });
  await app.register(jobsRoutes(ctx), { prefix });
  await app.register(regimesRoutes(ctx), { prefix });
  await app.register(registryRoutes(ctx), { prefix });
  await app.register(forecastsRoutes(ctx), { prefix });
  await app.register(signalsRoutes(ctx), { prefix });
  await app.register(deploymentsRoutes(ctx), { prefix });
  await app.register(strategiesRoutes(ctx), { prefix });
  await app.register(backtestsRoutes(ctx), { prefix });
  await app.register(channelsRoutes(ctx), { prefix });
  await app.register(channelLinksRoutes(ctx), { prefix });
  await app.register(subscriptionsRoutes(ctx), { prefix });
  await app.register(deliveryLogRoutes(ctx), { prefix });
  await app.register(alertRulesRoutes(ctx), { prefix });
  await app.register(screenerRoutes(ctx), { prefix });
  await app.register(memecoinsRoutes(ctx), { prefix });
}
