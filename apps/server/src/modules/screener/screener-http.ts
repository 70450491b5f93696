import type { FastifyRequest } from 'fastify';
import { errorResponseSchema } from '@marketlens/contracts';

// Shared by the screener's routes: who is calling, and the error answers a route documents.

/** Routes with a role always have a principal; saved screens and watchlists belong to it. */
export function userIdOf(request: FastifyRequest): string {
  const userId = request.principal?.userId;
  if (!userId) throw new Error(`Route ${request.routeOptions.url} declares a role but no principal was set`);
  return userId;
}

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413;

/** The `{ error }` body for each listed status, so OpenAPI documents every answer a route gives. */
export function errorAnswers<S extends ErrorStatus>(...statuses: S[]): Record<S, typeof errorResponseSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorResponseSchema])) as Record<S, typeof errorResponseSchema>;
}
