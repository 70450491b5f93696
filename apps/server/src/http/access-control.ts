import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ROLE_RANK } from '@marketlens/contracts';
import type { Access, Principal } from './access';
import { ForbiddenError, UnauthorizedError } from './http-errors';

export type Authenticate = (request: FastifyRequest) => Promise<Principal | undefined>;

/** Thrown at start-up when a route forgets to declare its access. */
export class MissingAccessError extends Error {
  override readonly name = 'MissingAccessError';
  constructor(
    readonly method: string,
    readonly url: string,
  ) {
    super(`Route ${method} ${url} does not declare config.access ('public' | 'viewer' | 'analyst' | 'admin')`);
  }
}

/** A registered route and its declared access, as seen by the onRoute hook. */
export interface RegisteredRoute {
  method: string;
  url: string;
  access: Access;
}

const routesByApp = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Every route registered on `app` (including HEAD twins), with its access: what test/rbac.test.ts walks. */
export function listRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  return routesByApp.get(app) ?? [];
}

/**
 * Every route must declare `config.access`; this hook enforces it on each request.
 * Routes registered by plugins we do not own (swagger UI, static files) are public by nature and are
 * listed in `publicPrefixes`.
 */
export function installAccessControl(
  app: FastifyInstance,
  authenticate: Authenticate,
  publicPrefixes: readonly string[],
): void {
  const routes: RegisteredRoute[] = [];
  routesByApp.set(app, routes);
  app.addHook('onRoute', (route) => {
    const method = Array.isArray(route.method) ? route.method.join(',') : route.method;
    // `*` is the CORS preflight catch-all (OPTIONS *) registered by @fastify/cors.
    if (!route.config?.access && (route.url === '*' || publicPrefixes.some((p) => route.url.startsWith(p)))) {
      route.config = { ...route.config, access: 'public' };
    }
    const access = route.config?.access;
    if (!access) throw new MissingAccessError(method, route.url);
    routes.push({ method, url: route.url, access });
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') {
      // Public routes still learn who is calling when credentials are sent (e.g. logout).
      return;
    }
    const principal = await authenticate(request);
    if (!principal) throw new UnauthorizedError();
    request.principal = principal;
    if (ROLE_RANK[principal.role] < ROLE_RANK[access]) {
      throw new ForbiddenError(`This needs the ${access} role; you are ${principal.role}`);
    }
  });
}
