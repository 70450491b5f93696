import { and, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenResponse } from '@marketlens/contracts';
import { auditLog, users } from '../src/db/schema';
import { createFixtureUser, type FixtureUser } from './auth-fixtures';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from './test-app';

// The abuse cases that the module tests leave open (docs/reliability.md lists which test proves what):
// throttling that a forged X-Forwarded-For cannot reset, refresh-token reuse that ends exactly one sign-in,
// the argon2id parameters of a hash written through the API, the JSON body limit, and CORS preflight plus
// security headers on error answers, not only on /healthz.

const LOGIN_LIMIT = 3;
const BODY_LIMIT = 4_096;
const ALLOWED_ORIGIN = 'https://desk.example';

describe('abuse cases of the auth and HTTP layers', () => {
  let t: TestApp;
  let admin: FixtureUser;
  const inject = (opts: InjectOptions) => t.app.inject(opts);
  const login = (email: string, password: string, extra: Partial<InjectOptions> = {}) =>
    inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, ...extra });
  const refresh = (refreshToken: string) =>
    inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });

  beforeAll(async () => {
    t = await createTestApp({
      config: {
        auth: { jwtSecret: TEST_JWT_SECRET, loginRateLimitPerMinute: LOGIN_LIMIT },
        http: { corsOrigins: [ALLOWED_ORIGIN], bodyLimitBytes: BODY_LIMIT },
      },
    });
    admin = await createFixtureUser(t.ctx, 'admin');
  });
  afterAll(() => t?.close());

  it('keeps throttling a client that forges X-Forwarded-For (the proxy header is not trusted by default)', async () => {
    const remoteAddress = '10.66.0.1';
    const statuses: number[] = [];
    for (let i = 0; i <= LOGIN_LIMIT + 1; i++) {
      const forged = { 'x-forwarded-for': `203.0.113.${i}`, 'x-real-ip': `198.51.100.${i}` };
      statuses.push((await login(admin.user.email, 'wrong', { remoteAddress, headers: forged })).statusCode);
    }
    expect(statuses.slice(0, LOGIN_LIMIT), 'wrong passwords up to the limit').toEqual([401, 401, 401]);
    expect(statuses.slice(LOGIN_LIMIT), 'then throttled, whatever address the header claims').toEqual([429, 429]);
    const limited = await login(admin.user.email, admin.password, { remoteAddress });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after']), 'the client is told when to come back').toBeGreaterThan(0);
    expect((await login(admin.user.email, admin.password, { remoteAddress: '10.66.0.2' })).statusCode).toBe(200);
  });

  it('revokes only the replayed sign-in on refresh-token reuse, and audits it', async () => {
    const viewer = await createFixtureUser(t.ctx, 'viewer');
    const signIn = async () =>
      (await login(viewer.user.email, viewer.password, { remoteAddress: '10.66.1.1' })).json<TokenResponse>();
    const phone = await signIn();
    const laptop = await signIn();
    const rotated = (await refresh(phone.refreshToken)).json<TokenResponse>();

    const replay = await refresh(phone.refreshToken);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('REFRESH_TOKEN_REUSED');
    expect((await refresh(rotated.refreshToken)).statusCode, 'the stolen family is dead').toBe(401);
    expect((await refresh(laptop.refreshToken)).statusCode, 'another sign-in of the same user lives on').toBe(200);

    const audited = await t.ctx.db.orm
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.refresh_reuse'), eq(auditLog.actorId, viewer.user.id)));
    expect(audited.length, 'each refused replay is audited').toBe(2);
    const families = new Set(audited.map((row) => row.details.familyId));
    expect(families.size, 'both name the one family that was revoked').toBe(1);
  });

  it('stores a password set through the API as argon2id at m=19456, t=2, p=1, never in clear', async () => {
    const password = 'a long and unguessable passphrase 42';
    const created = await inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.authorization,
      payload: { email: 'hashed@example.com', password, role: 'viewer' },
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.body).not.toContain(password);
    expect(created.body, 'the hash is not returned either').not.toContain('$argon2');
    const [row] = await t.ctx.db.orm.select().from(users).where(eq(users.email, 'hashed@example.com'));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(JSON.stringify(row)).not.toContain(password);
  });

  it('answers a JSON body over the body limit with 413 in the error shape, before parsing it', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(BODY_LIMIT) }),
      remoteAddress: '10.66.2.1',
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limitBytes: BODY_LIMIT } });
  });

  it('answers a CORS preflight only for the configured origin, never allowing credentials', async () => {
    const preflight = (origin: string) =>
      inject({
        method: 'OPTIONS',
        url: '/api/v1/auth/me',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
    const foreign = await preflight('https://evil.example');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  const expectSecurityHeaders = (res: { statusCode: number; headers: Record<string, unknown> }) => {
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  };

  it('sends the security headers on error answers too (404, 400, 413), and no x-powered-by', async () => {
    expectSecurityHeaders(await inject({ url: '/api/v1/nope' }));
    expectSecurityHeaders(await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 1 } }));
    expectSecurityHeaders(
      await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { password: 'x'.repeat(BODY_LIMIT) } }),
    );
  });

  // Was a gap: the access check ran before helmet, CORS and the rate limiter, so a 401/403 skipped all three.
  it('sends the security headers on 401 and 403 answers', async () => {
    const viewer = await createFixtureUser(t.ctx, 'viewer');
    expectSecurityHeaders(await inject({ url: '/api/v1/auth/me' }));
    expectSecurityHeaders(await inject({ url: '/api/v1/users', headers: viewer.authorization }));
  });
});
