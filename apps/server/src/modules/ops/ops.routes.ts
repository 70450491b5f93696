import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthSchema, readinessSchema, systemInfoSchema } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { isEmbedded } from '../../config/load-config';
import { opsPageRoutes } from './ops-page.routes';
import { checkReadiness } from './readiness';
import { refreshScrapeMetrics } from './scrape-metrics';

/** Probes and metrics, outside /api/v1 so orchestrators and Prometheus find them at fixed paths. */
export function opsProbeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      { config: { access: 'public' }, schema: { hide: true, response: { 200: healthSchema } } },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/readyz',
      {
        config: { access: 'public' },
        schema: { hide: true, response: { 200: readinessSchema, 503: readinessSchema } },
      },
      async (_request, reply) => {
        const readiness = await checkReadiness(ctx);
        return reply.status(readiness.status === 'ok' ? 200 : 503).send(readiness);
      },
    );
    app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
      await refreshScrapeMetrics(ctx);
      return reply.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
    });
  };
}

/** /system, and the Ops page's routes under the same prefix (so http/api-routes.ts lists the ops module once). */
export function systemRoutes(ctx: AppContext, version: string): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(opsPageRoutes(ctx));
    app.get(
      '/system',
      { config: { access: 'viewer' }, schema: { tags: ['ops'], response: { 200: systemInfoSchema } } },
      async () => ({
        version,
        mode: isEmbedded(ctx.config) ? ('embedded' as const) : ('distributed' as const),
        database: ctx.db.kind,
        cache: ctx.cache.kind,
        queue: ctx.jobs.kind,
      }),
    );
  };
}
