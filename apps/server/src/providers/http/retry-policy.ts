/** Statuses worth another try: rate limiting and server-side failures. Other 4xx will not change. */
export const isRetryableStatus = (status: number): boolean => status === 429 || status >= 500;

/**
 * Retry-After as a delay in ms: either delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Returns null when absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  if (header === null || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"). */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** (attempt - 1)));
}
