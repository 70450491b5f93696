/**
 * Delay before retrying after failed attempt `attempt` (1-based): backoffMs * 2^(attempt-1), the same curve
 * as BullMQ's `exponential` backoff. `jitter` (0..1) draws the delay from [delay * (1 - jitter), delay],
 * again as BullMQ does, so many jobs failing together do not retry in lockstep.
 */
export function backoffDelay(attempt: number, backoffMs: number, jitter = 0, random = Math.random): number {
  const delay = backoffMs * 2 ** (attempt - 1);
  if (jitter <= 0) return delay;
  return Math.floor(delay * (1 - jitter) + random() * delay * jitter);
}
