import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from './context';
import { installAccessControl } from './http/access-control';
import { installErrorHandler, sendRouteNotFound } from './http/error-handler';
import { opsProbeRoutes } from './modules/ops/ops.routes';

/**
 * The HTTP face of a role without an API (worker, scheduler): /healthz, /readyz and /metrics only, so
 * orchestrators can probe it and Prometheus can scrape it exactly like the api role.
 */
export async function buildOpsApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: ctx.log as FastifyBaseLogger });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, ctx.config.http.uploadLimitBytes);
  // Every route here is public; nobody is ever authenticated.
  installAccessControl(app, async () => undefined, []);
  await app.register(opsProbeRoutes(ctx));
  app.setNotFoundHandler(sendRouteNotFound);
  return app;
}
