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
  /** Injectable for tests: time, waiting and jitter. */
  clock?: () => number;
  sleep?: Sleep;
  random?: () => number;
}

export interface HttpFetcher {
  /** GET a JSON document: rate-limited, retried, cached by URL. Throws ProviderError when it fails for good. */
  getJson<T>(url: string, signal?: AbortSignal): Promise<T>;
}

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

  async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
    const safeUrl = redactUrl(url);
    const key = `provider:${options.provider}:${safeUrl}`;
    const cached = await fromCache<T>(key);
    if (cached !== undefined) {
      count('cached');
      return cached;
    }
    const maxAttempts = options.retries + 1;
    for (let attempt = 1; ; attempt++) {
      await bucket.take(signal);
      let retryAfter: number | null = null;
      let failure: ProviderError;
      try {
        const response = await fetch(url, {
          headers: { accept: 'application/json', ...options.headers },
          signal: signal
            ? AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)])
            : AbortSignal.timeout(options.timeoutMs),
        });
        if (response.ok) {
          const body = (await response.json()) as T;
          count('ok');
          await toCache(key, body);
          return body;
        }
        const body = await readBody(response);
        failure = new ProviderError(`HTTP ${response.status} from ${safeUrl}`, {
          provider: options.provider,
          status: response.status,
          url,
          attempts: attempt,
          body,
        });
        if (!isRetryableStatus(response.status)) {
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

  return { getJson };
}
