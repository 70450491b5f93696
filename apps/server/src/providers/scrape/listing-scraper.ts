import type { Cache } from '../../cache/cache';
import type { AppConfig } from '../../config/config.schema';
import type { Metrics } from '../../observability/metrics';
import { createHttpFetcher } from '../http/http-fetcher';
import { realSleep, type Sleep } from '../http/token-bucket';
import type { QuotaState } from '../social/social-post';
import { extractListings, type Listing } from './listing-extract';
import { PoliteGate } from './polite-gate';
import { RobotsCache } from './robots-cache';
import { productToken, robotsVerdict } from './robots-txt';
import { SCRAPE_ERROR_CODES, ScrapeError } from './scrape.error';

export type ScrapeConfig = AppConfig['providers']['scrape'];
export type { Listing };

export interface ListingScraperDeps {
  /** Shares robots.txt between replicas. */
  cache?: Cache;
  metrics?: Metrics;
  /** Injectable for tests: time, waiting and jitter. */
  clock?: () => number;
  sleep?: Sleep;
  random?: () => number;
}

export interface ScrapeResult {
  listings: Listing[];
  quota: QuotaState;
}

export interface ListingScraper {
  /** Throws ScrapeError ROBOTS_DISALLOWED or LAYOUT_CHANGED, or ProviderError when the page cannot be fetched. */
  scrape(signal?: AbortSignal): Promise<ScrapeResult>;
  /** One request per minIntervalMs: remaining 0 until resetAt, when the next request to the host may go. */
  quota(): QuotaState;
}

export const DEFAULT_USER_AGENT = 'MarketLensBot/1.0 (+self-hosted)';

/**
 * A listings page (new tokens) read with CSS selectors, for sites without an API. It asks robots.txt first and
 * keeps at least minIntervalMs between requests to the host, robots.txt included.
 */
export function createListingScraper(config: ScrapeConfig, deps: ListingScraperDeps = {}): ListingScraper {
  const clock = deps.clock ?? Date.now;
  const userAgent = config.userAgent || DEFAULT_USER_AGENT;
  const gate = new PoliteGate(config.minIntervalMs, clock, deps.sleep ?? realSleep);
  const fetcher = createHttpFetcher({
    provider: 'scrape',
    // The gate sets the pace; this bucket only guards against a bug sending a burst.
    requestsPerMinute: 60,
    burst: 2,
    timeoutMs: 20_000,
    retries: 1,
    baseBackoffMs: Math.max(1_000, config.minIntervalMs),
    // Pages are fetched once per run; robots.txt has its own cache below.
    cacheTtlSeconds: 0,
    metrics: deps.metrics,
    headers: { 'user-agent': userAgent },
    clock: deps.clock,
    sleep: deps.sleep,
    random: deps.random,
  });
  const robots = new RobotsCache(fetcher, clock, (host, signal) => gate.wait(host, signal), deps.cache);
  const host = (): string => new URL(config.url).host;

  async function scrape(signal?: AbortSignal): Promise<ScrapeResult> {
    if (config.url === '') throw new RangeError('providers.scrape.url is not set: nothing to scrape');
    const page = new URL(config.url);
    const path = `${page.pathname}${page.search}`;
    const verdict = robotsVerdict(await robots.get(page.origin, signal), userAgent, path);
    if (!verdict.allowed) {
      throw new ScrapeError(
        SCRAPE_ERROR_CODES.robotsDisallowed,
        `robots.txt of ${page.origin} disallows ${path} for ${productToken(userAgent)} (rule "${verdict.rule}" in the User-agent: ${verdict.agent} group)`,
        { url: page.toString() },
      );
    }
    await gate.wait(page.host, signal);
    const html = await fetcher.getText(page.toString(), signal);
    return { listings: extractListings(html, config, page.toString()), quota: quota() };
  }

  function quota(): QuotaState {
    const next = config.url === '' ? null : gate.nextAllowedAt(host());
    return { limit: 1, remaining: next !== null && next > clock() ? 0 : 1, resetAt: next };
  }

  return { scrape, quota };
}
