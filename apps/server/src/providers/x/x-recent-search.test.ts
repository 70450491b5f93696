import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../cache/memory-cache';
import { startLocalTestServer, type LocalTestServer, type Reply } from '../http/local-test-server';
import { ProviderError } from '../http/provider.error';
import { createXRecentSearch, type XConfig } from './x-recent-search';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

const NOW = Date.UTC(2026, 10, 30, 16, 0, 0);
const RESET_S = NOW / 1000 + 600;
const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAsecret-bearer';

let server: LocalTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const rateWindow = (remaining: number) => ({
  'x-rate-limit-limit': '450',
  'x-rate-limit-remaining': String(remaining),
  'x-rate-limit-reset': String(RESET_S),
});

async function setup(route: (url: URL, nth: number, auth: string | undefined) => Reply, config: Partial<XConfig> = {}) {
  server = await startLocalTestServer((req, nth) =>
    route(new URL(req.url ?? '/', 'http://x'), nth, req.headers.authorization),
  );
  let now = NOW;
  const sleeps: number[] = [];
  const x = createXRecentSearch(
    {
      bearerToken: TOKEN,
      baseUrl: server.url,
      requestsPerMinute: 600,
      maxPagesPerRun: 5,
      timeoutMs: 2000,
      retries: 1,
      ...config,
    },
    {
      clock: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
      random: () => 0.5,
    },
  );
  return { x, sleeps };
}

const failure = async (promise: Promise<unknown>): Promise<ProviderError> => {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
};

describe('createXRecentSearch', () => {
  it('follows next_token, keeps the first page newest_id and reads the window from the headers', async () => {
    const { x } = await setup((url, nth) =>
      url.searchParams.get('next_token') === 'b26v89c19zqg8o3fo7gesq314yb9l2l4ptqy5rqpm4bv1'
        ? { status: 200, body: fixture('search-page-2.json'), headers: rateWindow(448) }
        : { status: 200, body: fixture('search-page-1.json'), headers: rateWindow(450 - nth) },
    );
    const result = await x.search('$PEPE -is:retweet', { sinceId: '1862999999999999999' });
    expect(result.pages).toBe(2);
    expect(result.newestId).toBe('1863000000000000003');
    expect(result.quota).toEqual({ limit: 450, remaining: 448, resetAt: RESET_S * 1000 });
    expect(x.quota()).toEqual(result.quota);
    expect(result.posts.map((p) => [p.id, p.author, p.url])).toEqual([
      ['1863000000000000003', 'degen_anna', 'https://x.com/degen_anna/status/1863000000000000003'],
      ['1863000000000000002', 'chain_watch', 'https://x.com/chain_watch/status/1863000000000000002'],
      // Author missing from includes.users: its id stands in.
      ['1863000000000000001', '1420000000000000009', 'https://x.com/i/status/1863000000000000001'],
    ]);
    expect(result.posts[0]).toMatchObject({ source: 'x', postedAt: Date.UTC(2026, 10, 30, 15, 42, 10) });
  });

  it('sends the query, fields, since_id and the bearer token as X documents them', async () => {
    const seen: { url: URL; auth: string | undefined }[] = [];
    const { x } = await setup((url, _nth, auth) => {
      seen.push({ url, auth });
      return { status: 200, body: fixture('search-empty.json'), headers: rateWindow(449) };
    });
    await x.search('$WIF lang:en', { sinceId: '42' });
    const [first] = seen;
    expect(first?.auth).toBe(`Bearer ${TOKEN}`);
    expect(first?.url.pathname).toBe('/2/tweets/search/recent');
    expect(Object.fromEntries(first?.url.searchParams ?? [])).toEqual({
      query: '$WIF lang:en',
      max_results: '100',
      'tweet.fields': 'created_at,author_id',
      expansions: 'author_id',
      'user.fields': 'username',
      since_id: '42',
    });
  });

  it('accepts an empty page and keeps the previous since_id for the next run', async () => {
    const { x } = await setup(() => ({ status: 200, body: fixture('search-empty.json'), headers: rateWindow(449) }));
    const result = await x.search('$NOBODY', { sinceId: '1863000000000000003' });
    expect(result).toMatchObject({ posts: [], pages: 1, newestId: '1863000000000000003' });
  });

  it('stops when the window is spent instead of sending a request that would earn a 429', async () => {
    const { x, sleeps } = await setup(() => ({
      status: 200,
      body: fixture('search-page-1.json'),
      headers: rateWindow(0),
    }));
    const result = await x.search('$PEPE', { maxPages: 5 });
    expect(result.pages, 'the page that reported remaining 0 is the last one sent').toBe(1);
    expect(result.posts).toHaveLength(2);
    expect(result.quota.remaining).toBe(0);
    expect(sleeps, 'it must not wait out the 15-minute window').toEqual([]);

    const again = await x.search('$PEPE');
    expect(again.pages).toBe(0);
    expect(server!.requests, 'no request while the window is spent').toHaveLength(1);
  });

  it('shares a spent window through the cache, so a new process does not ask either', async () => {
    const cache = new MemoryCache({ maxEntries: 10, defaultTtlSeconds: 60 });
    server = await startLocalTestServer(() => ({
      status: 200,
      body: fixture('search-empty.json'),
      headers: rateWindow(0),
    }));
    const config: XConfig = {
      bearerToken: TOKEN,
      baseUrl: server.url,
      requestsPerMinute: 600,
      maxPagesPerRun: 5,
      timeoutMs: 2000,
      retries: 0,
    };
    await createXRecentSearch(config, { cache, clock: () => NOW }).search('$A');
    const second = await createXRecentSearch(config, { cache, clock: () => NOW }).search('$A');
    expect(second.pages).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it('reports a 429 with the time the window resets, without retrying it', async () => {
    const { x } = await setup(() => ({
      status: 429,
      body: fixture('too-many-requests-429.json'),
      headers: rateWindow(0),
    }));
    const error = await failure(x.search('$PEPE'));
    expect(error.status).toBe(429);
    expect(error.message).toBe(
      'x: rate limit reached (HTTP 429): the 15-minute window resets at 2026-11-30T16:10:00.000Z (in 600 s)',
    );
    expect(server!.requests).toHaveLength(1);
    expect(x.quota()).toEqual({ limit: 450, remaining: 0, resetAt: RESET_S * 1000 });
  });

  it('explains a 401 as a missing or invalid bearer token, never printing it', async () => {
    const { x } = await setup(() => ({ status: 401, body: fixture('unauthorized-401.json') }));
    const error = await failure(x.search('$PEPE'));
    expect(error.message).toMatch(/bearer token was refused \(HTTP 401\): it is missing or invalid/);
    expect(JSON.stringify({ message: error.message, url: error.url, body: error.body })).not.toContain(TOKEN);
  });

  it('explains a 403 with the reason X gives', async () => {
    const { x } = await setup(() => ({ status: 403, body: fixture('client-forbidden-403.json') }));
    const error = await failure(x.search('$PEPE'));
    expect(error.message).toMatch(/HTTP 403, Client Forbidden: client-not-enrolled.*bearer token is invalid/);
  });

  it('retries a 503 with backoff and then carries on', async () => {
    const { x, sleeps } = await setup((_url, nth) =>
      nth === 1 ? { status: 503 } : { status: 200, body: fixture('search-empty.json'), headers: rateWindow(400) },
    );
    const result = await x.search('$PEPE');
    expect(result.pages).toBe(1);
    expect(sleeps).toEqual([500]);
  });

  it('refuses to search without a bearer token, naming the setting', async () => {
    const { x } = await setup(() => ({ status: 200, body: {} }), { bearerToken: '' });
    const error = await failure(x.search('$PEPE'));
    expect(error.message).toMatch(/MARKETLENS_PROVIDERS__X__BEARER_TOKEN/);
    expect(server!.requests).toHaveLength(0);
  });
});
