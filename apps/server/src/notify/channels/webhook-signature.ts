import { createHmac, timingSafeEqual } from 'node:crypto';

// How MarketLens signs webhook requests, and how a receiver checks them. The signed text is
// "<timestamp>.<raw body>": binding the timestamp into the MAC lets a receiver refuse replays older than a
// few minutes without trusting an unsigned header. verifyWebhook depends only on node:crypto so receivers
// can copy it as it stands (docs/notifications.md shows it).

const SIGNATURE_PREFIX = 'sha256=';
const SIGNATURE_PATTERN = /^sha256=[0-9a-f]{64}$/;
const TIMESTAMP_PATTERN = /^\d{1,12}$/;

/** `sha256=<hex HMAC-SHA256 of "<timestampSeconds>.<body>">`, the X-MarketLens-Signature header. */
export function signWebhook(secret: string, timestampSeconds: number, body: string | Uint8Array): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestampSeconds}.`);
  hmac.update(body);
  return SIGNATURE_PREFIX + hmac.digest('hex');
}

/** A header as Node's `req.headers` gives it: absent, once, or (when repeated) several times. */
type HeaderValue = string | string[] | null | undefined;

export interface VerifyWebhookInput {
  secret: string;
  /** The X-MarketLens-Signature header. */
  signatureHeader: HeaderValue;
  /** The X-MarketLens-Timestamp header (seconds since the epoch). */
  timestampHeader: HeaderValue;
  /** The raw request body, exactly as received: re-serialised JSON will not match. */
  body: string | Uint8Array;
  /** The receiver's clock in milliseconds; Date.now() when omitted. */
  now?: number;
  /** How far the timestamp may be from `now`, either way. */
  toleranceSeconds?: number;
}

export type VerifyWebhookResult = { ok: true } | { ok: false; reason: string };

/**
 * Checks a MarketLens webhook request: authentic (HMAC over timestamp and body, compared in constant time)
 * and fresh (timestamp within `toleranceSeconds` of now). Deduplicate accepted requests by the
 * X-MarketLens-Idempotency-Key header: a retried delivery carries the same key with a new signature.
 */
export function verifyWebhook(input: VerifyWebhookInput): VerifyWebhookResult {
  const { secret, signatureHeader, timestampHeader, body, now = Date.now(), toleranceSeconds = 300 } = input;
  if (typeof timestampHeader !== 'string' || !TIMESTAMP_PATTERN.test(timestampHeader)) {
    return {
      ok: false,
      reason: 'missing or malformed X-MarketLens-Timestamp header (expected one whole number of seconds)',
    };
  }
  if (typeof signatureHeader !== 'string' || !SIGNATURE_PATTERN.test(signatureHeader)) {
    return {
      ok: false,
      reason: 'missing or malformed X-MarketLens-Signature header (expected sha256=<64 hex digits>)',
    };
  }
  const timestamp = Number(timestampHeader);
  const expected = Buffer.from(signWebhook(secret, timestamp, body).slice(SIGNATURE_PREFIX.length), 'hex');
  const received = Buffer.from(signatureHeader.slice(SIGNATURE_PREFIX.length), 'hex');
  // Both are 32 bytes (the pattern above guarantees it), as timingSafeEqual requires.
  if (!timingSafeEqual(expected, received)) {
    return { ok: false, reason: 'signature does not match the body and timestamp (wrong secret or altered body)' };
  }
  const skewSeconds = now / 1000 - timestamp;
  if (skewSeconds > toleranceSeconds) {
    return {
      ok: false,
      reason: `timestamp is ${Math.round(skewSeconds)} s old, beyond the ${toleranceSeconds} s window (replay?)`,
    };
  }
  if (-skewSeconds > toleranceSeconds) {
    return {
      ok: false,
      reason: `timestamp is ${Math.round(-skewSeconds)} s in the future, beyond the ${toleranceSeconds} s window`,
    };
  }
  return { ok: true };
}
