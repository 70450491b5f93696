import { expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { createFixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp, nextClientIp } from '../../../test/describe-each-app';
import { TEST_JWT_SECRET } from '../../../test/test-app';
import { loginWaitSeconds } from './login-failures';

const FAILURES = 3;
const WINDOW_MINUTES = 15;

// Per-account sign-in throttling: failures counted from the audit log, whatever address they came from.
describeEachApp(
  'login throttling per account',
  (getApp) => {
    // Every attempt from a new address, so the per-address limit (100 a minute here) never answers.
    const login = (email: string, password: string) =>
      getApp().app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password },
        remoteAddress: nextClientIp(),
      });

    it('answers 429 ACCOUNT_THROTTLED with retry-after once an account has its failures, the right password too', async () => {
      const victim = await createFixtureUser(getApp().ctx, 'analyst');
      const bystander = await createFixtureUser(getApp().ctx, 'viewer');
      for (let i = 0; i < FAILURES; i++) {
        expect((await login(victim.user.email, `guess ${i}`)).statusCode, `failure ${i + 1}`).toBe(401);
      }
      const right = await login(victim.user.email, victim.password);
      expect(right.statusCode, 'even the right password waits').toBe(429);
      expect(right.json().error.code).toBe('ACCOUNT_THROTTLED');
      const retryAfter = Number(right.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(WINDOW_MINUTES * 60 - 60);
      expect(retryAfter).toBeLessThanOrEqual(WINDOW_MINUTES * 60);
      expect(right.json().error.message).toBe(`Too many failed sign-ins for this account; retry in ${retryAfter} s`);
      expect((await login(bystander.user.email, bystander.password)).statusCode, 'other accounts sign in').toBe(200);
    });

    it('counts the case variants of an email as one account', async () => {
      const user = await createFixtureUser(getApp().ctx, 'viewer');
      const variants = [
        user.user.email.toUpperCase(),
        user.user.email.replace(/^./, (c) => c.toUpperCase()),
        user.user.email,
      ];
      for (const email of variants) expect((await login(email, 'wrong')).statusCode).toBe(401);
      expect((await login(user.user.email, user.password)).statusCode).toBe(429);
    });

    it('throttles an unknown email the same way, so the answer tells nothing about which accounts exist', async () => {
      const email = `nobody-${Date.now()}@example.com`;
      for (let i = 0; i < FAILURES; i++) expect((await login(email, 'wrong')).statusCode).toBe(401);
      const next = await login(email, 'wrong');
      expect(next.statusCode).toBe(429);
      expect(next.json().error.code).toBe('ACCOUNT_THROTTLED');
    });

    it('does not count successful sign-ins', async () => {
      const user = await createFixtureUser(getApp().ctx, 'viewer');
      for (let i = 0; i < FAILURES + 2; i++) expect((await login(user.user.email, user.password)).statusCode).toBe(200);
      expect((await login(user.user.email, 'wrong')).statusCode).toBe(401);
      expect((await login(user.user.email, user.password)).statusCode).toBe(200);
    });

    it('opens again when the oldest counted failure leaves the window (loginWaitSeconds)', async () => {
      const { orm } = getApp().ctx.db;
      const email = `window-${Date.now()}@example.com`;
      const t0 = Date.parse('2026-01-05T10:00:00Z');
      const minute = 60_000;
      await orm.insert(auditLog).values(
        [0, 1, 2].map((m) => ({
          action: 'auth.login_failed',
          at: new Date(t0 + m * minute),
          details: { email, reason: 'unknown_email' },
        })),
      );
      const policy = { failuresPerAccount: FAILURES, windowMinutes: WINDOW_MINUTES };
      const waitAt = (ms: number) => loginWaitSeconds(orm, email, policy, new Date(ms));
      // Three failures at 10:00, 10:01, 10:02: closed until 10:15, when the 10:00 one leaves the window.
      expect(await waitAt(t0 + 3 * minute)).toBe(12 * 60);
      expect(await waitAt(t0 + 15 * minute - 1_500)).toBe(2);
      expect(await waitAt(t0 + 15 * minute + 1)).toBe(0);
      // Two failures are under the limit of three.
      expect(await loginWaitSeconds(orm, email, { ...policy, failuresPerAccount: 4 }, new Date(t0 + 3 * minute))).toBe(
        0,
      );
      // Other actions and other emails do not count.
      await orm.insert(auditLog).values([
        { action: 'auth.login', at: new Date(t0), details: { email } },
        { action: 'auth.login_failed', at: new Date(t0), details: { email: `other-${email}` } },
      ]);
      expect(await loginWaitSeconds(orm, email, { ...policy, failuresPerAccount: 4 }, new Date(t0 + 3 * minute))).toBe(
        0,
      );
    });
  },
  {
    auth: {
      jwtSecret: TEST_JWT_SECRET,
      loginRateLimitPerMinute: 100,
      loginFailuresPerAccount: FAILURES,
      loginFailureWindowMinutes: WINDOW_MINUTES,
    },
  },
);
