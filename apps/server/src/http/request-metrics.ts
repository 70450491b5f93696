import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../observability/metrics';

/** Records the latency of every request by route template (not raw URL, so label cardinality stays bounded). */
export function installRequestMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
