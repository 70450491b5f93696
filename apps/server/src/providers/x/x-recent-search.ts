import type { Cache } from '../../cache/cache';
import type { AppConfig } from '../../config/config.schema';
import type { Metrics } from '../../observability/metrics';
import { createHttpFetcher } from '../http/http-fetcher';
import { ProviderError } from '../http/provider.error';
import type { Sleep } from '../http/token-bucket';
import { UNKNOWN_QUOTA, type QuotaState, type SocialPost } from '../social/social-post';
import { pageToPosts, type XSearchAnswer } from './x-answer';
import { explainXFailure } from './x-failure';
import { quotaFromHeaders, windowSpent } from './x-rate-limit';

export type XConfig = AppConfig['providers']['x'];

export interface XRecentSearchDeps {
  /** Shares the last seen rate-limit window between processes, so a restart does not spend a 429 to learn it. */
  cache?: Cache;
  metrics?: Metrics;
  /** Injectable for tests: time, waiting and jitter. */
  clock?: () => number;
  sleep?: Sleep;
  random?: () => number;
}

export interface XSearchOptions {
  /** Only posts newer than this id: the `newestId` of the previous run. */
  sinceId?: string | null;
  /** Default: providers.x.maxPagesPerRun. */
  maxPages?: number;
  signal?: AbortSignal;
}

export interface XSearchResult {
  posts: SocialPost[];
  /** The since_id for the next run: the first (newest) page's newest_id, or the given sinceId when none. */
  newestId: string | null;
  /** Pages actually fetched (0 when the window was already spent). */
  pages: number;
  quota: QuotaState;
}

export interface XRecentSearch {
  search(query: string, options?: XSearchOptions): Promise<XSearchResult>;
  /** The rate-limit window as last seen. */
  quota(): QuotaState;
}

const QUOTA_KEY = 'provider:x:recent-search:quota';
/** X caps a recent-search query at 512 characters (1024 with some access levels); longer is a sure 400. */
const MAX_QUERY = 1024;

/**
 * X API v2 recent search (the last 7 days). Pages run newest to oldest through `next_token`. The 15-minute
 * window comes from the x-rate-limit-* headers of every answer: once it is spent the run stops and returns
 * what it has, because waiting up to 15 minutes inside a job helps nobody; the next scheduled run resumes
 * from `newestId`.
 */
export function createXRecentSearch(config: XConfig, deps: XRecentSearchDeps = {}): XRecentSearch {
  const clock = deps.clock ?? Date.now;
  let quota: QuotaState = UNKNOWN_QUOTA;
  let loaded = false;
  const fetcher = createHttpFetcher({
    provider: 'x',
    requestsPerMinute: config.requestsPerMinute,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    baseBackoffMs: 1_000,
    // Search answers move with every new post and since_id: a cached page would hide new ones.
    cacheTtlSeconds: 0,
    metrics: deps.metrics,
    headers: { authorization: `Bearer ${config.bearerToken}` },
    // A 429 lasts until the window resets (up to 15 minutes): report it rather than sleep through it.
    isRetryable: (status) => status >= 500,
    onHeaders: (headers) => {
      quota = quotaFromHeaders(headers, quota);
    },
    clock: deps.clock,
    sleep: deps.sleep,
    random: deps.random,
  });

  async function knownQuota(): Promise<QuotaState> {
    if (loaded || !deps.cache) return quota;
    loaded = true;
    const shared = await deps.cache.get<QuotaState>(QUOTA_KEY).catch(() => undefined);
    if (shared && quota === UNKNOWN_QUOTA) quota = shared;
    return quota;
  }

  async function shareQuota(): Promise<void> {
    if (!deps.cache || quota.resetAt === null) return;
    const ttl = Math.ceil((quota.resetAt - clock()) / 1000);
    if (ttl > 0) await deps.cache.set(QUOTA_KEY, quota, ttl).catch(() => undefined);
  }

  function pageUrl(query: string, sinceId: string | null | undefined, nextToken: string | undefined): string {
    const params = new URLSearchParams({
      query,
      max_results: '100',
      'tweet.fields': 'created_at,author_id',
      expansions: 'author_id',
      'user.fields': 'username',
    });
    if (sinceId) params.set('since_id', sinceId);
    if (nextToken) params.set('next_token', nextToken);
    return `${config.baseUrl.replace(/\/$/, '')}/2/tweets/search/recent?${params.toString()}`;
  }

  async function search(query: string, options: XSearchOptions = {}): Promise<XSearchResult> {
    if (config.bearerToken === '') {
      throw new ProviderError('no bearer token: set MARKETLENS_PROVIDERS__X__BEARER_TOKEN to search X', {
        provider: 'x',
        url: config.baseUrl,
        attempts: 0,
      });
    }
    if (query.trim() === '' || query.length > MAX_QUERY) {
      throw new RangeError(`an X search query has 1 to ${MAX_QUERY} characters (got ${query.length})`);
    }
    const maxPages = options.maxPages ?? config.maxPagesPerRun;
    const posts: SocialPost[] = [];
    let newestId: string | null = null;
    let nextToken: string | undefined;
    let pages = 0;
    await knownQuota();
    try {
      while (pages < maxPages && !windowSpent(quota, clock())) {
        const url = pageUrl(query, options.sinceId, nextToken);
        let body: XSearchAnswer;
        try {
          ({ body } = await fetcher.getJsonResponse<XSearchAnswer>(url, options.signal));
        } catch (error) {
          // onHeaders has already recorded this answer's window, so a 429 can say when it resets.
          throw explainXFailure(error, quota, clock());
        }
        pages++;
        if (pages === 1) newestId = body.meta?.newest_id ?? null;
        posts.push(...pageToPosts(body));
        nextToken = body.meta?.next_token;
        if (!nextToken) break;
      }
    } finally {
      await shareQuota();
    }
    return { posts, newestId: newestId ?? options.sinceId ?? null, pages, quota: { ...quota } };
  }

  return { search, quota: () => ({ ...quota }) };
}
