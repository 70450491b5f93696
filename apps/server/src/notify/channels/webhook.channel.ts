import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { ChannelSender, ChannelTarget, DeliveryOutcome, Notification } from '../channel';
import { checkWebhookUrl, type ResolveHost } from '../ssrf-guard';
import { signWebhook } from './webhook-signature';

// Webhook delivery: one signed JSON POST per notification. The receiver deduplicates by the idempotency key,
// so a retry after an unclear outcome (timeout, crash) never delivers twice in effect.

export interface WebhookSenderOptions {
  /** The attempt, up to the response headers. DNS counts against it, though a hung lookup is cut short only by
   * the system resolver's own timeout. */
  timeoutMs: number;
  /** Admin setting: allow loopback, private and link-local targets (see ssrf-guard.ts). */
  allowPrivateTargets: boolean;
  userAgent: string;
  /** For tests: a fake DNS, and a fixed clock for Retry-After dates. */
  resolve?: ResolveHost;
  now?: () => number;
}

/** The JSON body receivers get. */
export interface WebhookBody {
  id: string;
  topic: string;
  title: string;
  lines: string[];
  url: string | null;
  createdAt: string;
  payload: Record<string, unknown>;
}

type WebhookTarget = Extract<ChannelTarget, { kind: 'webhook' }>;

interface WebhookResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
}

/** Statuses that say "later", not "never". */
const RETRYABLE_CLIENT_ERRORS = new Set([408, 425, 429]);

export function createWebhookSender(options: WebhookSenderOptions): ChannelSender<'webhook'> {
  const now = options.now ?? Date.now;
  return {
    kind: 'webhook',
    async send(target: WebhookTarget, notification: Notification, signal?: AbortSignal): Promise<DeliveryOutcome> {
      const deadline = AbortSignal.timeout(options.timeoutMs);
      const abort = signal ? AbortSignal.any([signal, deadline]) : deadline;
      // Checked on every send, not only when the webhook was saved: what a name resolves to can change.
      const check = await checkWebhookUrl(target.url, {
        allowPrivate: options.allowPrivateTargets,
        resolve: options.resolve,
      });
      if (!check.ok)
        return check.retryable ? { status: 'retry', error: check.reason } : { status: 'failed', error: check.reason };

      const body = Buffer.from(JSON.stringify(webhookBody(notification)), 'utf8');
      const timestamp = Math.floor(now() / 1000);
      const headers: OutgoingHttpHeaders = {
        'Content-Type': 'application/json',
        'Content-Length': body.length,
        'User-Agent': options.userAgent,
        'X-MarketLens-Signature': signWebhook(target.secret, timestamp, body),
        'X-MarketLens-Timestamp': String(timestamp),
        'X-MarketLens-Idempotency-Key': headerSafe(notification.idempotencyKey),
      };
      try {
        const response = await post(check.url, check.addresses, headers, body, abort);
        return outcomeOf(response, now());
      } catch (error) {
        const why = deadline.aborted
          ? `no response within ${options.timeoutMs} ms`
          : signal?.aborted
            ? 'delivery cancelled'
            : (error as Error).message;
        return { status: 'retry', error: `webhook POST to ${check.url.origin} failed: ${why}` };
      }
    },
  };
}

export function webhookBody(notification: Notification): WebhookBody {
  return {
    id: notification.idempotencyKey,
    topic: notification.topic,
    title: notification.title,
    lines: notification.lines,
    url: notification.url ?? null,
    createdAt: new Date(notification.createdAt).toISOString(),
    payload: notification.payload,
  };
}

function outcomeOf(response: WebhookResponse, nowMs: number): DeliveryOutcome {
  const { status } = response;
  const summary = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (status >= 200 && status < 300) return { status: 'sent', detail: summary };
  if (status >= 300 && status < 400) {
    // Following it would connect to an address the SSRF guard never saw.
    const location = response.headers.location ? ` to ${response.headers.location}` : '';
    return {
      status: 'failed',
      error: `receiver answered ${summary}, a redirect${location}; redirects are not followed, configure the final URL`,
    };
  }
  if (RETRYABLE_CLIENT_ERRORS.has(status) || status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'], nowMs);
    const error = `receiver answered ${summary}`;
    return retryAfterMs === undefined ? { status: 'retry', error } : { status: 'retry', error, retryAfterMs };
  }
  return { status: 'failed', error: `receiver answered ${summary}` };
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP date form opens with a day name; without this check V8's lenient Date.parse reads "-5" as a year.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * One POST, connecting only to `addresses` (those the SSRF guard approved) and never following redirects.
 * Resolves when the response headers arrive; the body is discarded, as only the status matters.
 */
function post(url: URL, addresses: string[], headers: OutgoingHttpHeaders, body: Buffer, signal: AbortSignal) {
  return new Promise<WebhookResponse>((resolve, reject) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    // agent: false: a pooled socket could outlive the check that allowed it.
    const req = request(url, { method: 'POST', headers, signal, agent: false, lookup: pinnedLookup(addresses) });
    req.on('error', reject);
    req.on('response', (res) => {
      res.on('error', () => undefined); // an abort after the headers arrived changes nothing
      res.resume();
      resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: res.headers });
    });
    req.end(body);
  });
}

/** A DNS lookup that answers the already-checked addresses, so the connection cannot be re-pointed. */
function pinnedLookup(addresses: string[]): LookupFunction {
  const entries = addresses.map((address) => ({ address, family: isIP(address) }));
  return (_hostname, options, callback) => {
    const matching = entries.filter((entry) => !options.family || entry.family === options.family);
    const first = matching[0];
    if (!first) {
      const error = Object.assign(new Error(`no IPv${options.family} address among ${addresses.join(', ')}`), {
        code: 'ENOTFOUND',
      });
      callback(error, []);
    } else if (options.all) {
      callback(null, matching);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

/** Header values must be printable ASCII (Node throws otherwise): anything else is percent-encoded, which keeps
 * distinct keys distinct. Our keys are ASCII, so in practice the header equals the body's `id`. */
function headerSafe(value: string): string {
  return value.replace(/[^\x20-\x24\x26-\x7e]/gu, (char) =>
    [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}
