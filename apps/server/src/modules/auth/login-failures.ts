import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { auditLog } from '../../db/schema';
import { HttpError } from '../../http/http-errors';
import { normalizeEmail } from './users.store';

/** An account's sign-ins wait: it collected the configured number of failures inside the window. */
export class AccountThrottledError extends HttpError {
  override readonly name = 'AccountThrottledError';
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'ACCOUNT_THROTTLED', `Too many failed sign-ins for this account; retry in ${retryAfterSeconds} s`);
  }
}

export interface LoginFailurePolicy {
  failuresPerAccount: number;
  windowMinutes: number;
}

/**
 * Seconds until an email may try to sign in again, or 0 when it may now. The failures are the audit log's
 * `auth.login_failed` entries for that email (any address, any replica, known or unknown email alike, so the
 * answer tells nothing about which accounts exist); the per-address limit is the route's rate limit.
 */
export async function loginWaitSeconds(
  orm: Orm,
  email: string,
  policy: LoginFailurePolicy,
  now = new Date(),
): Promise<number> {
  const windowMs = policy.windowMinutes * 60_000;
  const recent = await orm
    .select({ at: auditLog.at })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'auth.login_failed'),
        gt(auditLog.at, new Date(now.getTime() - windowMs)),
        sql`lower(${auditLog.details}->>'email') = ${normalizeEmail(email)}`,
      ),
    )
    .orderBy(desc(auditLog.at))
    .limit(policy.failuresPerAccount);
  // Signing in opens again once the oldest of the last `failuresPerAccount` failures leaves the window.
  const oldest = recent[policy.failuresPerAccount - 1];
  if (!oldest) return 0;
  return Math.max(1, Math.ceil((oldest.at.getTime() + windowMs - now.getTime()) / 1000));
}
