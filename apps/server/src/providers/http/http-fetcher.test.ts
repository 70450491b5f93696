import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../cache/memory-cache';
import { createMetrics } from '../../observability/metrics';
import { createHttpFetcher, type HttpFetcherOptions } from './http-fetcher';
import { startLocalTestServer, type LocalTestServer, type Reply } from './local-test-server';
import { ProviderError, redactUrl } from './provider.error';
import { parseRetryAfter } from './retry-policy';

let server: LocalTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A fake clock whose sleep advances time instantly and logs the wait, so tests check order, not timing. */
function fakeTime(events: string[] = []) {
  let now = 1_700_000_000_000;
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      events.push(`sleep ${ms}`);
      now += ms;
    },
    random: () => 0.5,
    events,
  };
}

async function setup(route: (nth: number) => Reply, options: Partial<HttpFetcherOptions> = {}) {
  server = await startLocalTestServer((_req, nth) => route(nth));
  const time = fakeTime();
  const metrics = createMetrics();
  const fetcher = createHttpFetcher({
    provider: 'test',
    requestsPerMinute: 600,
    timeoutMs: 2000,
    retries: 2,
    baseBackoffMs: 100,
    cacheTtlSeconds: 0,
    metrics,
    ...time,
    ...options,
  });
  const outcomes = async () =>
    Object.fromEntries((await metrics.providerRequests.get()).values.map((v) => [v.labels.outcome, v.value]));
  return { fetcher, time, outcomes, url: `${server.url}/data?apikey=s3cret&x=1` };
}

const failure = async (promise: Promise<unknown>): Promise<ProviderError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
};

describe('createHttpFetcher', () => {
  it('retries a 503 with full-jitter exponential backoff and then succeeds', async () => {
    const { fetcher, time, outcomes, url } = await setup((nth) =>
      nth < 3 ? { status: 503 } : { status: 200, body: { ok: 1 } },
    );
    expect(await fetcher.getJson(url)).toEqual({ ok: 1 });
    // random() = 0.5: half of 100 ms, then half of 200 ms.
    expect(time.events).toEqual(['sleep 50', 'sleep 100']);
    expect(await outcomes()).toEqual({ retry: 2, ok: 1 });
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const { fetcher, time, url } = await setup((nth) =>
      nth === 1
        ? { status: 429, headers: { 'retry-after': new Date(1_700_000_000_000 + 7000).toUTCString() } }
        : { status: 200, body: [] },
    );
    await fetcher.getJson(url);
    expect(time.events).toEqual(['sleep 7000']);
  });

  it('does not retry a 404 and redacts the api key in the error', async () => {
    const { fetcher, outcomes, url } = await setup(() => ({ status: 404, body: { message: 'nope' } }));
    const error = await failure(fetcher.getJson(url));
    expect(error).toMatchObject({ provider: 'test', status: 404, attempts: 1, body: { message: 'nope' } });
    expect(error.url).toContain('apikey=REDACTED');
    expect(error.message).not.toContain('s3cret');
    expect(server!.requests).toHaveLength(1);
    expect(await outcomes()).toEqual({ error: 1 });
  });

  it('times out a hung request, retries it, and reports the timeout', async () => {
    const { fetcher } = await setup(() => ({ status: 200, body: {}, delayMs: 5000 }), { timeoutMs: 50, retries: 1 });
    const error = await failure(fetcher.getJson(`${server!.url}/slow`));
    expect(error.status).toBeUndefined();
    expect(error.attempts).toBe(2);
    expect(error.message).toMatch(/timed out after 50 ms .*gave up after 2 attempts/);
  });

  it('serves a repeated URL from the cache', async () => {
    const cache = new MemoryCache({ maxEntries: 10, defaultTtlSeconds: 60 });
    const { fetcher, outcomes, url } = await setup(() => ({ status: 200, body: { n: 1 } }), {
      cache,
      cacheTtlSeconds: 60,
    });
    await fetcher.getJson(url);
    expect(await fetcher.getJson(url)).toEqual({ n: 1 });
    expect(server!.requests).toHaveLength(1);
    expect(await outcomes()).toEqual({ ok: 1, cached: 1 });
  });
});

describe('createHttpFetcher headers and text', () => {
  it('returns the response headers with the body, and never serves that from the cache', async () => {
    const cache = new MemoryCache({ maxEntries: 10, defaultTtlSeconds: 60 });
    const { fetcher, url } = await setup(
      (nth) => ({ status: 200, body: { nth }, headers: { 'x-rate-limit-remaining': String(10 - nth) } }),
      { cache, cacheTtlSeconds: 60 },
    );
    const first = await fetcher.getJsonResponse<{ nth: number }>(url);
    const second = await fetcher.getJsonResponse<{ nth: number }>(url);
    expect(first.body).toEqual({ nth: 1 });
    expect(first.headers.get('x-rate-limit-remaining')).toBe('9');
    expect(second.headers.get('x-rate-limit-remaining'), 'a second live request, not a cached copy').toBe('8');
  });

  it('hands the headers of a failed response to onHeaders before throwing', async () => {
    const seen: string[] = [];
    const { fetcher, url } = await setup(() => ({ status: 429, headers: { 'x-rate-limit-reset': '1700000900' } }), {
      isRetryable: (status) => status >= 500,
      onHeaders: (headers, status) => seen.push(`${status} ${headers.get('x-rate-limit-reset')}`),
    });
    const error = await failure(fetcher.getJson(url));
    expect(error.status).toBe(429);
    expect(server!.requests, 'a 429 this caller does not retry is sent once').toHaveLength(1);
    expect(seen).toEqual(['429 1700000900']);
  });

  it('fetches a text document as it is, and caches it apart from JSON of the same URL', async () => {
    const cache = new MemoryCache({ maxEntries: 10, defaultTtlSeconds: 60 });
    const { fetcher } = await setup(() => ({ status: 200, text: 'User-agent: *\nDisallow: /private\n' }), {
      cache,
      cacheTtlSeconds: 60,
    });
    const url = `${server!.url}/robots.txt`;
    expect(await fetcher.getText(url)).toBe('User-agent: *\nDisallow: /private\n');
    expect(await fetcher.getText(url)).toBe('User-agent: *\nDisallow: /private\n');
    expect(server!.requests).toHaveLength(1);
  });

  it('retries a text request on 503 and reports a 404 with its status', async () => {
    const { fetcher, time } = await setup((nth) =>
      nth === 1 ? { status: 503 } : { status: 404, text: '<h1>Not Found</h1>' },
    );
    const error = await failure(fetcher.getText(`${server!.url}/page`));
    expect(error.status).toBe(404);
    expect(error.body).toBe('<h1>Not Found</h1>');
    expect(time.events).toEqual(['sleep 50']);
  });
});

describe('retry helpers', () => {
  it('reads Retry-After seconds and ignores garbage', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter(null, 0)).toBeNull();
  });

  it('redacts credentials in query strings and user info', () => {
    expect(redactUrl('https://u:pw@api.test/q?symbol=X&api_key=abc&token=t')).toBe(
      'https://u:REDACTED@api.test/q?symbol=X&api_key=REDACTED&token=REDACTED',
    );
  });
});
