import type { QuotaState } from '../social/social-post';

/**
 * X's rate-limit window from a response's headers (x-rate-limit-limit / -remaining / -reset, the reset in epoch
 * seconds). A response without them (some errors) leaves the previous state as it was.
 */
export function quotaFromHeaders(headers: Headers, previous: QuotaState): QuotaState {
  const number = (name: string): number | null => {
    const value = headers.get(name);
    if (value === null || !/^\d+$/.test(value.trim())) return null;
    return Number(value.trim());
  };
  const limit = number('x-rate-limit-limit');
  const remaining = number('x-rate-limit-remaining');
  const reset = number('x-rate-limit-reset');
  if (limit === null && remaining === null && reset === null) return previous;
  return {
    limit: limit ?? previous.limit,
    remaining: remaining ?? previous.remaining,
    resetAt: reset === null ? previous.resetAt : reset * 1000,
  };
}

/** True while the window is spent: sending now would only earn a 429. */
export const windowSpent = (quota: QuotaState, now: number): boolean =>
  quota.remaining === 0 && (quota.resetAt === null || quota.resetAt > now);

/** "at 2026-12-01T10:15:00.000Z (in 312 s)", or words for an unknown reset time. */
export function resetWords(quota: QuotaState, now: number): string {
  if (quota.resetAt === null) return 'at a time X did not say (no x-rate-limit-reset header)';
  const seconds = Math.max(0, Math.ceil((quota.resetAt - now) / 1000));
  return `at ${new Date(quota.resetAt).toISOString()} (in ${seconds} s)`;
}
