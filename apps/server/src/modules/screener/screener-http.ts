import type { FastifyRequest } from 'fastify';

// Shared by the screener's routes: who is calling, and the error answers a route documents.

/** Routes with a role always have a principal; saved screens and watchlists belong to it. */
export function userIdOf(request: FastifyRequest): string {
  const userId = request.principal?.userId;
  if (!userId) throw new Error(`Route ${request.routeOptions.url} declares a role but no principal was set`);
  return userId;
}

export { errorAnswers } from '../../http/error-answers';
