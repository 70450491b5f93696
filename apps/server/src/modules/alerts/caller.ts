import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../http/access';

// Shared by this module's routes: who is calling, and the error answers a route documents.

/** Routes with a role in `config.access` always have a principal; this narrows the type with a clear failure. */
export function callerOf(request: FastifyRequest): Principal {
  const principal = request.principal;
  if (!principal) throw new Error(`Route ${request.routeOptions.url} declares a role but no principal was set`);
  return principal;
}

export { errorAnswers } from '../../http/error-answers';
