import type { Cache } from '../../cache/cache';
import type { HttpFetcher } from '../http/http-fetcher';
import { ProviderError } from '../http/provider.error';
import { ALLOW_ALL, parseRobotsTxt, type RobotsTxt } from './robots-txt';
import { SCRAPE_ERROR_CODES, ScrapeError } from './scrape.error';

const HOUR_MS = 3_600_000;

/**
 * robots.txt per origin, kept for an hour (RFC 9309 §2.4 asks crawlers not to use a copy older than 24 hours;
 * an hour picks up a site's new rules by the next few runs). The shared cache, when there is one, spares other
 * replicas the request.
 */
export class RobotsCache {
  private readonly local = new Map<string, { robots: RobotsTxt; until: number }>();

  constructor(
    private readonly fetcher: HttpFetcher,
    private readonly clock: () => number,
    /** Called before the robots.txt request: the same politeness as any other request to the host. */
    private readonly beforeRequest: (host: string, signal?: AbortSignal) => Promise<void>,
    private readonly shared?: Cache,
  ) {}

  async get(origin: string, signal?: AbortSignal): Promise<RobotsTxt> {
    const now = this.clock();
    const held = this.local.get(origin);
    if (held && held.until > now) return held.robots;
    const key = `provider:scrape:robots:${origin}`;
    let text = (await this.shared?.get<{ text: string | null }>(key).catch(() => undefined))?.text;
    if (text === undefined) {
      text = await this.fetch(origin, signal);
      await this.shared?.set(key, { text }, HOUR_MS / 1000).catch(() => undefined);
    }
    const robots = text === null ? ALLOW_ALL : parseRobotsTxt(text);
    this.local.set(origin, { robots, until: now + HOUR_MS });
    return robots;
  }

  /** The file's text, or null when the site has none. */
  private async fetch(origin: string, signal?: AbortSignal): Promise<string | null> {
    const url = `${origin}/robots.txt`;
    await this.beforeRequest(new URL(origin).host, signal);
    try {
      return await this.fetcher.getText(url, signal);
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      // RFC 9309 §2.3.1.3: a 4xx means there are no rules (allow all); §2.3.1.4: a server error or no answer
      // means the crawler must assume everything is disallowed.
      if (error.status !== undefined && error.status >= 400 && error.status < 500) return null;
      throw new ScrapeError(
        SCRAPE_ERROR_CODES.robotsDisallowed,
        `robots.txt of ${origin} could not be read (${error.message.replace(/^scrape: /, '')}): treated as disallowing everything (RFC 9309 §2.3.1.4)`,
        { url, status: error.status, attempts: error.attempts },
        { cause: error },
      );
    }
  }
}
