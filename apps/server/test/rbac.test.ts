import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnsecuredJWT } from 'jose';
import { ROLE_RANK, type Role } from '@marketlens/contracts';
import { buildApp } from '../src/app';
import { listRoutes, MissingAccessError, type RegisteredRoute } from '../src/http/access-control';
import { createAuthenticate } from '../src/modules/auth/authenticate';
import { createAccessTokens } from '../src/modules/auth/tokens';
import { createFixtureUser } from './auth-fixtures';
import { createTestApp, type TestApp } from './test-app';

// The access matrix: walks every route the app registers (cross-checked against the OpenAPI document) as
// each of eight principals and checks that the declared `config.access` is what the server enforces.
// New routes are covered automatically. The four forged or dead credentials all carry an *admin* identity,
// so a route that let one through would be handing out the highest role.

type Principal = 'anonymous' | Role | 'expired token' | 'tampered token' | 'alg none' | 'revoked api key';
const PRINCIPALS: readonly Principal[] = [
  'anonymous',
  'viewer',
  'analyst',
  'admin',
  'expired token',
  'tampered token',
  'alg none',
  'revoked api key',
];
/** The 401 code each dead credential must be refused with (anonymous gets the generic UNAUTHORIZED). */
const REFUSAL_CODE: Partial<Record<Principal, string>> = {
  'expired token': 'TOKEN_EXPIRED',
  'tampered token': 'TOKEN_INVALID',
  'alg none': 'TOKEN_INVALID',
  'revoked api key': 'API_KEY_REVOKED',
};

type Expected = 'allowed' | { status: 401 | 403; code?: string };

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

/** `METHOD /path/:param` for every operation of the OpenAPI document. */
function openApiOperations(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
  );
}

/** Replaces one base64url character in the middle of a JWT part (0 header, 1 payload, 2 signature). */
function flipChar(token: string, index: number): string {
  const parts = token.split('.');
  const part = parts[index] ?? '';
  const i = Math.floor(part.length / 2);
  parts[index] = part.slice(0, i) + (part[i] === 'A' ? 'B' : 'A') + part.slice(i + 1);
  return parts.join('.');
}

describe('access matrix: every route enforces its declared access', () => {
  let testApp: TestApp;
  const headers = {} as Record<Principal, Record<string, string>>;

  beforeAll(async () => {
    testApp = await createTestApp({ database: 'pglite' });
    const { app, ctx } = testApp;
    headers.anonymous = {};
    for (const role of ['viewer', 'analyst', 'admin'] as const) {
      headers[role] = (await createFixtureUser(ctx, role)).authorization;
    }
    const admin = await createFixtureUser(ctx, 'admin');
    const claims = { userId: admin.user.id, email: admin.user.email, role: 'admin' as const };
    const expired = await createAccessTokens(ctx.config.auth).sign(claims, 1_000_000_000);
    headers['expired token'] = { authorization: `Bearer ${expired}` };
    headers['tampered token'] = { authorization: `Bearer ${flipChar(admin.accessToken, 2)}` };
    const none = new UnsecuredJWT({ email: claims.email, role: 'admin' })
      .setSubject(claims.userId)
      .setIssuer('marketlens')
      .setAudience('marketlens')
      .setIssuedAt()
      .setExpirationTime('10m')
      .encode();
    headers['alg none'] = { authorization: `Bearer ${none}` };

    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: admin.authorization,
      payload: { name: 'revoked in the access matrix', role: 'admin' },
    });
    const { apiKey, secret } = created.json<{ apiKey: { id: string }; secret: string }>();
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${apiKey.id}`,
      headers: admin.authorization,
    });
    expect(revoked.statusCode, 'the matrix key was revoked').toBe(200);
    headers['revoked api key'] = { 'x-api-key': secret };
  });
  afterAll(async () => {
    await testApp?.close();
  });

  it('walks every registered route, and every OpenAPI operation is among them', async () => {
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
    const walkedKeys = new Set(routes.map((r) => `${r.method} ${r.url}`));
    const documented = openApiOperations((await app.inject({ url: '/api/docs/json' })).json());
    expect(documented.length, 'the OpenAPI document lists operations').toBeGreaterThan(10);
    expect(
      documented.filter((op) => !walkedKeys.has(op)),
      'every documented operation is walked',
    ).toEqual([]);
  });

  it('answers each of the eight principals on every route as the route declares (0 mismatches)', async () => {
    const { app } = testApp;
    const routes = listRoutes(app).filter(isWalkable);
    const mismatches: string[] = [];
    let cells = 0;
    for (const route of routes) {
      for (const principal of PRINCIPALS) {
        cells += 1;
        const res = await app.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.url),
          headers: headers[principal],
          remoteAddress: `10.77.${(cells >> 8) & 255}.${cells & 255}`,
          ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { payload: {} } : {}),
        });
        const expected = expectation(route, principal);
        const problem = mismatch(expected, res.statusCode, res.body);
        if (problem) mismatches.push(`${route.method} ${route.url} as ${principal}: ${problem}`);
      }
    }
    console.info(
      `access matrix: ${routes.length} routes x ${PRINCIPALS.length} principals = ${cells} requests, ${mismatches.length} mismatches`,
    );
    expect(mismatches, mismatches.join('\n')).toEqual([]);
    expect(cells).toBe(routes.length * PRINCIPALS.length);
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

function expectation(route: RegisteredRoute, principal: Principal): Expected {
  if (route.access === 'public') return 'allowed';
  if (principal === 'anonymous') return { status: 401, code: 'UNAUTHORIZED' };
  const refusal = REFUSAL_CODE[principal];
  if (refusal) return { status: 401, code: refusal };
  return ROLE_RANK[principal as Role] < ROLE_RANK[route.access] ? { status: 403, code: 'FORBIDDEN' } : 'allowed';
}

/** Undefined when the answer is what was expected, else what went wrong. */
function mismatch(expected: Expected, status: number, body: string): string | undefined {
  if (expected === 'allowed') {
    return status === 401 || status === 403 ? `expected access, got ${status} ${body.slice(0, 120)}` : undefined;
  }
  if (status !== expected.status) return `expected ${expected.status}, got ${status} ${body.slice(0, 120)}`;
  let code: string | undefined;
  try {
    code = (JSON.parse(body) as { error?: { code?: string } }).error?.code;
  } catch {
    return `expected a JSON error body, got ${body.slice(0, 120)}`;
  }
  if (expected.code && code !== expected.code) return `expected code ${expected.code}, got ${code}`;
  return undefined;
}
