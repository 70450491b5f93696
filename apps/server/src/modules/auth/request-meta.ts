import type { FastifyRequest } from 'fastify';
import type { AuditMeta } from './audit.service';

/** The audit fields of a request: who (when authenticated) and from which address. */
export const auditMetaOf = (request: FastifyRequest): AuditMeta => ({
  actorId: request.principal?.userId,
  ip: request.ip,
});

/** Routes with a role in `config.access` always have a principal; this narrows the type with a clear failure. */
export function principalOf(request: FastifyRequest) {
  const principal = request.principal;
  if (!principal) throw new Error(`Route ${request.routeOptions.url} declares a role but no principal was set`);
  return principal;
}
