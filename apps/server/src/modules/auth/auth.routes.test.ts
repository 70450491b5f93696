import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { expect, it } from 'vitest';
import { UnsecuredJWT } from 'jose';
import type { TokenResponse } from '@marketlens/contracts';
import { refreshTokens, users } from '../../db/schema';
import { describeEachApp, nextClientIp } from '../../../test/describe-each-app';
import { createFixtureUser } from '../../../test/auth-fixtures';
import { createAccessTokens, sha256Hex } from './tokens';
import { TEST_JWT_SECRET } from '../../../test/test-app';

const ADMIN = { email: 'first-admin@example.com', password: 'correct horse battery staple' };
const LOGIN_LIMIT = 5;

describeEachApp(
  'auth routes',
  (getApp) => {
    const inject = (opts: InjectOptions) => getApp().app.inject(opts);
    const login = (email: string, password: string, remoteAddress = nextClientIp()) =>
      inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress });
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const me = (token: string) => inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
    const refresh = (refreshToken: string) =>
      inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });

    it('lets concurrent first-run setups create exactly one admin, then answers 409', async () => {
      expect((await inject({ method: 'GET', url: '/api/v1/auth/setup' })).json()).toEqual({ needsSetup: true });
      const attempts = await Promise.all(
        [0, 1, 2, 3].map((i) =>
          inject({
            method: 'POST',
            url: '/api/v1/auth/setup',
            payload: i === 0 ? ADMIN : { email: `racer-${i}@example.com`, password: ADMIN.password },
          }),
        ),
      );
      const statuses = attempts.map((r) => r.statusCode).sort();
      expect(statuses, 'one setup wins, the others see it done').toEqual([200, 409, 409, 409]);
      const admins = await getApp().ctx.db.orm.select().from(users);
      expect(admins).toHaveLength(1);
      expect(admins[0]?.role).toBe('admin');
      // Re-point ADMIN at whichever racer won, so later tests can sign in.
      ADMIN.email = admins[0]?.email ?? ADMIN.email;
      const again = await inject({ method: 'POST', url: '/api/v1/auth/setup', payload: ADMIN });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('SETUP_DONE');
      expect((await inject({ method: 'GET', url: '/api/v1/auth/setup' })).json()).toEqual({ needsSetup: false });
    });

    it('signs in with the right password and the access token works', async () => {
      const res = await login(ADMIN.email.toUpperCase(), ADMIN.password);
      expect(res.statusCode).toBe(200);
      const body = res.json<TokenResponse>();
      expect(body.user.email).toBe(ADMIN.email);
      expect(body.expiresIn).toBe(getApp().ctx.config.auth.accessTokenTtlSeconds);
      const who = await me(body.accessToken);
      expect(who.statusCode).toBe(200);
      expect(who.json().email).toBe(ADMIN.email);
      expect(who.json().lastLoginAt, 'login records the time').not.toBeNull();
    });

    it('answers a wrong password and an unknown email with the same 401', async () => {
      const wrong = await login(ADMIN.email, 'not the password at all');
      const unknown = await login('nobody@example.com', ADMIN.password);
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual(unknown.json());
      expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    });

    it('rejects a request with no or a malformed credential', async () => {
      expect((await inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
      const basic = await inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Basic abc' } });
      expect(basic.statusCode).toBe(401);
      expect(basic.json().error.code).toBe('UNSUPPORTED_AUTH_SCHEME');
      const garbage = await me('not-a-jwt');
      expect(garbage.json().error.code).toBe('TOKEN_INVALID');
    });

    it('answers tampered, expired and alg-none access tokens with 401 and a code saying which', async () => {
      const session = (await login(ADMIN.email, ADMIN.password)).json<TokenResponse>();
      const [header = '', payload = '', signature = ''] = session.accessToken.split('.');
      const flip = (part: string) => {
        const i = Math.floor(part.length / 2);
        return part.slice(0, i) + (part[i] === 'A' ? 'B' : 'A') + part.slice(i + 1);
      };
      for (const token of [`${header}.${payload}.${flip(signature)}`, `${header}.${flip(payload)}.${signature}`]) {
        const res = await me(token);
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('TOKEN_INVALID');
      }
      const claims = { userId: session.user.id, email: session.user.email, role: session.user.role };
      const expiredToken = await createAccessTokens(getApp().ctx.config.auth).sign(claims, 1_000_000_000);
      expect((await me(expiredToken)).json().error.code).toBe('TOKEN_EXPIRED');
      const none = new UnsecuredJWT({ email: claims.email, role: 'admin' })
        .setSubject(claims.userId)
        .setIssuer('marketlens')
        .setAudience('marketlens')
        .setExpirationTime('5m')
        .encode();
      expect((await me(none)).json().error.code).toBe('TOKEN_INVALID');
    });

    it('rotates refresh tokens; replaying a rotated one revokes the whole family', async () => {
      const first = (await login(ADMIN.email, ADMIN.password)).json<TokenResponse>();
      const rotated = await refresh(first.refreshToken);
      expect(rotated.statusCode).toBe(200);
      const second = rotated.json<TokenResponse>();
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect((await me(second.accessToken)).statusCode).toBe(200);

      const replay = await refresh(first.refreshToken);
      expect(replay.statusCode).toBe(401);
      expect(replay.json().error.code).toBe('REFRESH_TOKEN_REUSED');
      const afterTheft = await refresh(second.refreshToken);
      expect(afterTheft.statusCode, 'the newest token of the family is revoked too').toBe(401);
      expect(afterTheft.json().error.code).toBe('REFRESH_TOKEN_REUSED');
    });

    it('lets only one of two concurrent refreshes with the same token succeed', async () => {
      const session = (await login(ADMIN.email, ADMIN.password)).json<TokenResponse>();
      const results = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    });

    it('answers 401 for an unknown and for an expired refresh token', async () => {
      const unknown = await refresh('x'.repeat(43));
      expect(unknown.json().error.code).toBe('REFRESH_TOKEN_INVALID');
      const session = (await login(ADMIN.email, ADMIN.password)).json<TokenResponse>();
      const orm = getApp().ctx.db.orm;
      await orm
        .update(refreshTokens)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(refreshTokens.tokenHash, sha256Hex(session.refreshToken)));
      const expired = await refresh(session.refreshToken);
      expect(expired.statusCode).toBe(401);
      expect(expired.json().error.code).toBe('REFRESH_TOKEN_EXPIRED');
    });

    it('logout revokes the refresh token family', async () => {
      const session = (await login(ADMIN.email, ADMIN.password)).json<TokenResponse>();
      const rotated = (await refresh(session.refreshToken)).json<TokenResponse>();
      const out = await inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: bearer(rotated.accessToken),
        payload: { refreshToken: rotated.refreshToken },
      });
      expect(out.statusCode).toBe(200);
      expect(out.json()).toEqual({ ok: true });
      expect((await refresh(rotated.refreshToken)).statusCode).toBe(401);
    });

    it("stops a disabled user's access token, refresh and login", async () => {
      const { ctx } = getApp();
      const viewer = await createFixtureUser(ctx, 'viewer');
      const session = (await login(viewer.user.email, viewer.password)).json<TokenResponse>();
      expect((await me(session.accessToken)).statusCode).toBe(200);
      const admin = await createFixtureUser(ctx, 'admin');
      const disable = await inject({
        method: 'PATCH',
        url: `/api/v1/users/${viewer.user.id}`,
        headers: admin.authorization,
        payload: { disabled: true },
      });
      expect(disable.statusCode).toBe(200);
      const denied = await me(session.accessToken);
      expect(denied.statusCode).toBe(401);
      expect(denied.json().error.code).toBe('ACCOUNT_DISABLED');
      expect((await refresh(session.refreshToken)).statusCode).toBe(401);
      expect((await login(viewer.user.email, viewer.password)).statusCode).toBe(401);
    });

    it('rate-limits login attempts from one address with 429', async () => {
      const ip = nextClientIp();
      const statuses: number[] = [];
      for (let i = 0; i <= LOGIN_LIMIT; i += 1)
        statuses.push((await login(ADMIN.email, 'wrong password', ip)).statusCode);
      expect(statuses.slice(0, LOGIN_LIMIT).every((s) => s === 401)).toBe(true);
      expect(statuses[LOGIN_LIMIT]).toBe(429);
      const limited = await login(ADMIN.email, ADMIN.password, ip);
      expect(limited.statusCode, 'even the right password waits out the window').toBe(429);
      expect(limited.json().error.code).toBe('RATE_LIMITED');
    });
  },
  // test-app merges `config` shallowly, so the whole auth section is given.
  { auth: { jwtSecret: TEST_JWT_SECRET, loginRateLimitPerMinute: LOGIN_LIMIT } },
);
