import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TokenResponse } from '@marketlens/contracts';
import { buildApp } from '../../app';
import { loadConfig } from '../../config/load-config';
import type { AppContext } from '../../context';
import { auditLog, users } from '../../db/schema';
import { createLogger } from '../../observability/logger';
import { closePlatform, createPlatform } from '../../platform';
import { createAuthenticate } from './authenticate';

// The full app on PGlite with a real pino logger at trace level writing into memory: every secret that
// crosses the API in a setup, logins, a refresh and an API key's life must be absent from logs and audit.

const JWT_SECRET = 'secrets-test-jwt-secret-0123456789abcdefghij';
const PASSWORD = 'setup-password-that-must-not-leak';
const WRONG_PASSWORD = 'wrong-password-that-must-not-leak';

describe('secrets in logs and audit', () => {
  const lines: string[] = [];
  let ctx: AppContext;
  let app: FastifyInstance;

  beforeAll(async () => {
    const config = loadConfig({
      env: {} as NodeJS.ProcessEnv,
      overrides: {
        database: { url: '', dataDir: 'memory://' },
        redis: { url: '' },
        auth: { jwtSecret: JWT_SECRET },
        demo: { enabled: false },
        server: { serveWeb: false },
      },
    });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const log = createLogger('trace', sink);
    ctx = await createPlatform(config, { log });
    app = await buildApp(ctx, { authenticate: createAuthenticate(ctx) });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    if (ctx) await closePlatform(ctx);
  });

  it('never writes passwords, tokens, key secrets or hashes to the log or the audit log', async () => {
    const email = 'leak-check@example.com';
    const setup = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/setup',
      payload: { email, password: PASSWORD },
    });
    expect(setup.statusCode).toBe(200);
    const failed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: WRONG_PASSWORD },
    });
    expect(failed.statusCode).toBe(401);
    const session = (
      await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD } })
    ).json<TokenResponse>();
    const refreshed = (
      await app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: session.refreshToken } })
    ).json<TokenResponse>();
    const bearer = { authorization: `Bearer ${refreshed.accessToken}` };
    const key = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: bearer,
      payload: { name: 'leak check', role: 'admin' },
    });
    const { apiKey, secret } = key.json<{ apiKey: { id: string }; secret: string }>();
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { 'x-api-key': secret } })).statusCode,
    ).toBe(200);
    await app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${apiKey.id}`, headers: bearer });
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: bearer,
      payload: { refreshToken: refreshed.refreshToken },
    });

    const [user] = await ctx.db.orm.select().from(users);
    const secrets = {
      password: PASSWORD,
      wrongPassword: WRONG_PASSWORD,
      passwordHash: user?.passwordHash ?? 'missing',
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      rotatedAccessToken: refreshed.accessToken,
      rotatedRefreshToken: refreshed.refreshToken,
      apiKeySecret: secret,
      jwtSecret: JWT_SECRET,
    };
    const audit = JSON.stringify(await ctx.db.orm.select().from(auditLog));
    const log = lines.join('');
    expect(lines.length, 'the logger captured request logs').toBeGreaterThan(10);
    expect(audit).toContain('auth.login_failed');
    expect(audit).toContain('apikeys.create');
    for (const [name, value] of Object.entries(secrets)) {
      expect(log.includes(value), `${name} appears in the log`).toBe(false);
      expect(audit.includes(value), `${name} appears in the audit log`).toBe(false);
    }
  });
});
