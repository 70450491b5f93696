import type { FastifyRequest } from 'fastify';
import { errorResponseSchema } from '@marketlens/contracts';
import type { Principal } from '../../http/access';

// Shared by this module's routes: who is calling, and the error answers a route documents.

/** Routes with a role in `config.access` always have a principal; this narrows the type with a clear failure. */
export function callerOf(request: FastifyRequest): Principal {
  const principal = request.principal;
  if (!principal) throw new Error(`Route ${request.routeOptions.url} declares a role but no principal was set`);
  return principal;
}

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 502;

/** The `{ error }` body for each listed status, so OpenAPI documents every answer a route gives. */
export function errorAnswers<S extends ErrorStatus>(...statuses: S[]): Record<S, typeof errorResponseSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorResponseSchema])) as Record<S, typeof errorResponseSchema>;
}
