import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_RANK, type Role } from '@marketlens/contracts';
import { buildApp } from '../src/app';
import { listRoutes, MissingAccessError, type RegisteredRoute } from '../src/http/access-control';
import { createAuthenticate } from '../src/modules/auth/authenticate';
import { createFixtureUser } from './auth-fixtures';
import { createTestApp, type TestApp } from './test-app';

// Walks every route the app registers, as each of anonymous / viewer / analyst / admin, and checks that
// the declared `config.access` is what the server enforces. New routes are covered automatically.

type Caller = 'anonymous' | Role;
const CALLERS: readonly Caller[] = ['anonymous', 'viewer', 'analyst', 'admin'];

/** Routes we do not walk: HEAD twins of GETs, the CORS preflight catch-all, Swagger UI and static files. */
const isWalkable = (route: RegisteredRoute): boolean =>
  route.method !== 'HEAD' &&
  route.method !== 'OPTIONS' &&
  route.url !== '*' &&
  route.url !== '/*' &&
  !route.url.startsWith('/api/docs');

/** Fills path parameters with syntactically valid values, so requests reach the access check and beyond. */
const PARAM_VALUES: Record<string, string> = {
  id: '00000000-0000-4000-8000-000000000000',
  symbol: 'RBACTEST',
  name: 'rbac.test',
};
function concreteUrl(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_, param: string) => PARAM_VALUES[param] ?? 'rbac-test');
}

describe('RBAC: every route enforces its declared access', () => {
  let testApp: TestApp;
  const headers: Record<Caller, Record<string, string>> = { anonymous: {}, viewer: {}, analyst: {}, admin: {} };

  beforeAll(async () => {
    testApp = await createTestApp({ database: 'pglite' });
    for (const role of ['viewer', 'analyst', 'admin'] as const) {
      headers[role] = (await createFixtureUser(testApp.ctx, role)).authorization;
    }
  });
  afterAll(async () => {
    await testApp?.close();
  });

  it('walks every registered route as every caller', async () => {
    const { app } = testApp;
    const registered = listRoutes(app);
    const routes = registered.filter(isWalkable);
    expect(routes.length, 'the route capture saw the API routes').toBeGreaterThan(10);
    // Cross-check the capture against Fastify's own router: each captured route really exists.
    for (const route of routes) {
      expect(app.hasRoute({ method: route.method as 'GET', url: route.url }), `${route.method} ${route.url}`).toBe(
        true,
      );
    }

    const problems: string[] = [];
    let walked = 0;
    let ip = 0;
    for (const route of routes) {
      walked += 1;
      for (const caller of CALLERS) {
        ip += 1;
        const res = await app.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.url),
          headers: headers[caller],
          remoteAddress: `10.77.${(ip >> 8) & 255}.${ip & 255}`,
          ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { payload: {} } : {}),
        });
        const expected = expectation(route, caller);
        const ok =
          expected === 'allowed' ? res.statusCode !== 401 && res.statusCode !== 403 : res.statusCode === expected;
        if (!ok) {
          problems.push(
            `${route.method} ${route.url} as ${caller}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
        }
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
    expect(walked, 'every registered route (minus HEAD, docs, static) was walked').toBe(routes.length);
    expect(walked).toBe(registered.filter(isWalkable).length);
  });

  it('walks the auth, users and api-keys routes (the capture is not missing modules)', () => {
    const urls = listRoutes(testApp.app).map((r) => `${r.method} ${r.url}`);
    for (const expected of [
      'POST /api/v1/auth/login',
      'GET /api/v1/auth/me',
      'PATCH /api/v1/users/:id',
      'DELETE /api/v1/api-keys/:id',
      'GET /healthz',
    ]) {
      expect(urls).toContain(expected);
    }
  });

  it('refuses to build an app with a route that does not declare config.access', async () => {
    const app = await buildApp(testApp.ctx, { authenticate: createAuthenticate(testApp.ctx) });
    try {
      expect(() => app.get('/api/v1/forgot-access', async () => ({ ok: true }))).toThrow(MissingAccessError);
    } finally {
      await app.close();
    }
  });
});

function expectation(route: RegisteredRoute, caller: Caller): 'allowed' | 401 | 403 {
  if (route.access === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  return ROLE_RANK[caller] < ROLE_RANK[route.access] ? 403 : 'allowed';
}
