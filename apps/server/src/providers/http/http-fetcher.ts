import type { Cache } from '../../cache/cache';
import type { Metrics } from '../../observability/metrics';
import { ProviderError, redactUrl } from './provider.error';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from './retry-policy';
import { realSleep, TokenBucket, type Sleep } from './token-bucket';

export interface HttpFetcherOptions {
  provider: string;
  requestsPerMinute: number;
  /** Requests allowed at once before the rate applies. Default: requestsPerMinute. */
  burst?: number;
  timeoutMs: number;
  /** Extra attempts after the first one. */
  retries: number;
  baseBackoffMs: number;
  maxBackoffMs?: number;
  cache?: Cache;
  /** 0 disables caching. */
  cacheTtlSeconds: number;
  metrics?: Metrics;
  headers?: Record<string, string>;
  /**
   * Statuses worth another attempt; default: 429 and 5xx. An API whose 429 means "wait for a 15-minute window"
   * passes one without 429, so the caller hears about the limit instead of the fetcher sleeping through it.
   */
  isRetryable?: (status: number) => boolean;
  /**
   * Called with the headers of every response, failed ones included: rate-limit headers (x-rate-limit-*) matter
   * most on the 429 that the caller then explains.
   */
  onHeaders?: (headers: Headers, status: number) => void;
  /** Injectable for tests: time, waiting and jitter. */
  clock?: () => number;
  sleep?: Sleep;
  random?: () => number;
}

export interface HttpFetcher {
  /** GET a JSON document: rate-limited, retried, cached by URL. Throws ProviderError when it fails for good. */
  getJson<T>(url: string, signal?: AbortSignal): Promise<T>;
  /**
   * GET a JSON document with the response headers (rate-limit windows, cursors). Never cached: headers describe
   * one live response, and a cached body with stale headers would misreport the quota.
   */
  getJsonResponse<T>(url: string, signal?: AbortSignal): Promise<{ body: T; headers: Headers }>;
  /** GET a text document (robots.txt, HTML): rate-limited, retried, cached by URL like getJson. */
  getText(url: string, signal?: AbortSignal): Promise<string>;
}

const ACCEPT_JSON = 'application/json';
const ACCEPT_TEXT = 'text/html, text/plain;q=0.9, */*;q=0.8';

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.slice(0, 500);
  }
}

export function createHttpFetcher(options: HttpFetcherOptions): HttpFetcher {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const bucket = new TokenBucket(options.requestsPerMinute, options.burst ?? options.requestsPerMinute, clock, sleep);
  const maxBackoff = options.maxBackoffMs ?? 60_000;
  const isRetryable = options.isRetryable ?? isRetryableStatus;
  const count = (outcome: 'ok' | 'cached' | 'retry' | 'error') =>
    options.metrics?.providerRequests.inc({ provider: options.provider, outcome });

  async function fromCache<T>(key: string): Promise<T | undefined> {
    if (!options.cache || options.cacheTtlSeconds <= 0) return undefined;
    try {
      return await options.cache.get<T>(key);
    } catch {
      return undefined; // a cache is an optimisation: a broken one means a real request
    }
  }

  async function toCache(key: string, value: unknown): Promise<void> {
    if (!options.cache || options.cacheTtlSeconds <= 0) return;
    await options.cache.set(key, value, options.cacheTtlSeconds).catch(() => undefined);
  }

  /** One logical request: attempts with backoff until a 2xx, a non-retryable status or the last attempt. */
  async function send<T>(
    url: string,
    signal: AbortSignal | undefined,
    accept: string,
    read: (response: Response) => Promise<T>,
  ): Promise<{ body: T; headers: Headers }> {
    const safeUrl = redactUrl(url);
    const maxAttempts = options.retries + 1;
    for (let attempt = 1; ; attempt++) {
      await bucket.take(signal);
      let retryAfter: number | null = null;
      let failure: ProviderError;
      try {
        const response = await fetch(url, {
          headers: { accept, ...options.headers },
          signal: signal
            ? AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)])
            : AbortSignal.timeout(options.timeoutMs),
        });
        options.onHeaders?.(response.headers, response.status);
        if (response.ok) {
          const body = await read(response);
          count('ok');
          return { body, headers: response.headers };
        }
        const body = await readBody(response);
        failure = new ProviderError(`HTTP ${response.status} from ${safeUrl}`, {
          provider: options.provider,
          status: response.status,
          url,
          attempts: attempt,
          body,
        });
        if (!isRetryable(response.status)) {
          count('error');
          throw failure;
        }
        retryAfter = parseRetryAfter(response.headers.get('retry-after'), clock());
      } catch (error) {
        if (error instanceof ProviderError) throw error;
        if (signal?.aborted) throw error; // the caller gave up: not a provider failure
        const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
        const reason = timedOut
          ? `timed out after ${options.timeoutMs} ms`
          : `network error (${(error as Error).message})`;
        failure = new ProviderError(
          `${reason} for ${safeUrl}`,
          { provider: options.provider, url, attempts: attempt },
          { cause: error },
        );
      }
      if (attempt >= maxAttempts) {
        count('error');
        throw new ProviderError(
          `${failure.message.replace(`${options.provider}: `, '')} (gave up after ${attempt} attempts)`,
          {
            provider: options.provider,
            status: failure.status,
            url,
            attempts: attempt,
            body: failure.body,
          },
          { cause: failure.cause },
        );
      }
      count('retry');
      await sleep(retryAfter ?? backoffDelay(attempt, options.baseBackoffMs, maxBackoff, random), signal);
    }
  }

  async function cached<T>(
    url: string,
    signal: AbortSignal | undefined,
    accept: string,
    read: (response: Response) => Promise<T>,
  ): Promise<T> {
    // The kind is part of the key, so a URL fetched as text and as JSON never answers for the other.
    const key = `provider:${options.provider}:${accept === ACCEPT_JSON ? '' : 'text:'}${redactUrl(url)}`;
    const hit = await fromCache<T>(key);
    if (hit !== undefined) {
      count('cached');
      return hit;
    }
    const { body } = await send(url, signal, accept, read);
    await toCache(key, body);
    return body;
  }

  const readJson = async <T>(response: Response): Promise<T> => (await response.json()) as T;
  const readText = (response: Response): Promise<string> => response.text();

  return {
    getJson: <T>(url: string, signal?: AbortSignal) => cached(url, signal, ACCEPT_JSON, readJson<T>),
    getJsonResponse: <T>(url: string, signal?: AbortSignal) => send(url, signal, ACCEPT_JSON, readJson<T>),
    getText: (url: string, signal?: AbortSignal) => cached(url, signal, ACCEPT_TEXT, readText),
  };
}
