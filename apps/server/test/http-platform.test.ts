import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { RedisCache } from '../src/cache/redis-cache';
import { createAuthenticate } from '../src/modules/auth/authenticate';
import { checkReadiness } from '../src/modules/ops/readiness';
import { createFixtureUser } from './auth-fixtures';
import { createTestApp, type TestApp } from './test-app';

describe('HTTP platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { http: { corsOrigins: ['https://desk.example'] } } });
  });
  afterAll(() => t?.close());

  it('answers /healthz and /readyz with each dependency checked', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(Object.keys(ready.json().checks).sort()).toEqual(['cache', 'database', 'queue']);
  });

  it('reports not ready, naming the failed dependency, when the cache cannot be reached', async () => {
    const unreachable = new RedisCache({ url: 'redis://127.0.0.1:1', defaultTtlSeconds: 60 });
    try {
      const readiness = await checkReadiness({ ...t.ctx, cache: unreachable });
      expect(readiness.status).toBe('unavailable');
      expect(readiness.checks.cache?.ok).toBe(false);
      expect(readiness.checks.cache?.error).toBeTruthy();
      expect(readiness.checks.database?.ok).toBe(true);
    } finally {
      await unreachable.close();
    }
  });

  it('sends security headers, and a CSP that works over plain HTTP', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
  });

  it('allows only the configured cross-origin callers', async () => {
    const allowed = await t.app.inject({ url: '/healthz', headers: { origin: 'https://desk.example' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://desk.example');
    const other = await t.app.inject({ url: '/healthz', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('gives every answer a request id, keeping one the caller sent', async () => {
    expect((await t.app.inject({ url: '/healthz' })).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers['x-request-id']).toBe('trace-123');
  });

  it('answers unknown routes and malformed JSON in the error shape', async () => {
    const missing = await t.app.inject({ url: '/api/v1/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No route for GET /api/v1/nope' } });
    const badJson = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.code).toBe('INVALID_JSON');
  });

  it('names the field and the location of a wrong JSON type', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 42, password: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ location: 'body', path: 'email' }],
    });
    expect(res.json().error.message).toMatch(/^Invalid body: email: /);
  });

  it('exports request latency by route template and status, and process metrics', async () => {
    const viewer = await createFixtureUser(t.ctx, 'viewer');
    await t.app.inject({ url: '/api/v1/instruments/ABC/bars', headers: viewer.authorization });
    const text = (await t.app.inject({ url: '/metrics' })).body;
    expect(text).toMatch(
      /marketlens_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/healthz",status="200"\}/,
    );
    expect(text).toMatch(/route="\/api\/v1\/instruments\/:symbol\/bars",status="404"/);
    expect(text).toMatch(/marketlens_process_cpu_seconds_total/);
    expect(text).toMatch(/marketlens_queue_depth\{queue="in-process"\} 0/);
  });

  it('serves the OpenAPI document with every API route', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/instruments/{symbol}/import', '/api/v1/users']),
    );
    expect((await t.app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
  });
});

describe('errors never leak internals', () => {
  it('turns an unexpected failure into a 500 with the request id and no details', async () => {
    const t = await createTestApp();
    try {
      const app = await buildApp(t.ctx, { authenticate: createAuthenticate(t.ctx) });
      app.get('/boom', { config: { access: 'public' } }, async () => {
        throw new Error('password=hunter2 at /srv/secret.ts:12');
      });
      const res = await app.inject({ url: '/boom' });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({
        error: { code: 'INTERNAL', message: `Internal error (request ${res.headers['x-request-id']})` },
      });
      expect(res.body).not.toMatch(/hunter2|secret\.ts/);
      await app.close();
    } finally {
      await t.close();
    }
  });
});

describe('rate limiting', () => {
  it('answers 429 in the error shape past the configured rate, but never throttles probes', async () => {
    const t = await createTestApp({ config: { http: { rateLimitPerMinute: 3 } } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await t.app.inject({ url: '/api/v1/auth/setup' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const limited = await t.app.inject({ url: '/api/v1/auth/setup' });
      expect(limited.json().error.code).toBe('RATE_LIMITED');
      for (let i = 0; i < 5; i++) expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

const distributed = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL);
describe.skipIf(!distributed)(
  'distributed mode: PostgreSQL + Redis (needs TEST_DATABASE_URL and TEST_REDIS_URL)',
  () => {
    it('runs the whole app on PostgreSQL, the Redis cache and BullMQ', async () => {
      const t = await createTestApp({
        database: 'postgres',
        redis: true,
        config: { redis: { keyPrefix: `mltest${process.pid}` } },
      });
      try {
        const admin = await createFixtureUser(t.ctx, 'admin');
        const system = await t.app.inject({ url: '/api/v1/system', headers: admin.authorization });
        expect(system.json()).toMatchObject({
          mode: 'distributed',
          database: 'postgres',
          cache: 'redis',
          queue: 'bullmq',
        });
        const ready = await t.app.inject({ url: '/readyz' });
        expect(ready.statusCode, ready.body).toBe(200);
      } finally {
        await t.close();
      }
    });
  },
);
