import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalTestServer, type LocalTestServer, type Reply } from '../http/local-test-server';
import { ProviderError } from '../http/provider.error';
import { createListingScraper, type ScrapeConfig } from './listing-scraper';
import { ScrapeError } from './scrape.error';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const HTML = { 'content-type': 'text/html; charset=utf-8' };

let server: LocalTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Site {
  robots?: Reply;
  page?: Reply;
}

async function setup(site: Site, config: Partial<ScrapeConfig> = {}, path = '/new-tokens') {
  const agents: string[] = [];
  server = await startLocalTestServer((req) => {
    agents.push(req.headers['user-agent'] ?? '');
    if (req.url === '/robots.txt') return site.robots ?? { status: 200, text: fixture('robots.txt') };
    return site.page ?? { status: 200, text: fixture('new-tokens.html'), headers: HTML };
  });
  let now = 1_764_500_000_000;
  const events: string[] = [];
  const scraper = createListingScraper(
    {
      url: `${server.url}${path}`,
      rowSelector: 'table.listings tbody tr',
      symbolSelector: 'td.symbol',
      nameSelector: 'td.name',
      addressSelector: 'td.contract a, td.contract span',
      linkSelector: 'a.pair',
      userAgent: 'MarketLensBot/1.0 (+self-hosted)',
      minIntervalMs: 10_000,
      ...config,
    },
    {
      clock: () => now,
      sleep: async (ms) => {
        events.push(`sleep ${ms}`);
        now += ms;
      },
      random: () => 0.5,
    },
  );
  const advance = (ms: number) => {
    now += ms;
  };
  return { scraper, events, agents, advance, base: server.url };
}

const scrapeError = async (promise: Promise<unknown>): Promise<ScrapeError> => {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScrapeError);
  expect(error, 'a ScrapeError is a ProviderError to generic handlers').toBeInstanceOf(ProviderError);
  return error as ScrapeError;
};

describe('createListingScraper', () => {
  it('reads robots.txt, waits the polite interval, then extracts the listings', async () => {
    const { scraper, events, agents, base } = await setup({});
    const result = await scraper.scrape();
    expect(result.listings).toEqual([
      {
        symbol: 'PEPE2',
        name: 'Pepe 2.0',
        address: '0xfb66321d7c674995dfcc2cb67a30bc978dc862ad',
        url: `${base}/token/pepe2`,
      },
      {
        symbol: 'WOJAK',
        name: 'Wojak Coin',
        address: '0x5026f006b85729a8b14553fae6af249ad16c9aab',
        url: 'https://tokens.example/token/wojak',
      },
      { symbol: 'MYSTERY', name: null, address: null, url: `${base}/token/nocontract` },
    ]);
    expect(server!.requests).toEqual(['/robots.txt', '/new-tokens']);
    expect(agents).toEqual(['MarketLensBot/1.0 (+self-hosted)', 'MarketLensBot/1.0 (+self-hosted)']);
    expect(events, 'robots.txt and the page are two requests to one host').toEqual(['sleep 10000']);
    expect(result.quota).toMatchObject({ limit: 1, remaining: 0 });
  });

  it('keeps robots.txt for an hour and spaces page requests by minIntervalMs', async () => {
    const { scraper, events, advance } = await setup({});
    await scraper.scrape();
    await scraper.scrape();
    expect(server!.requests).toEqual(['/robots.txt', '/new-tokens', '/new-tokens']);
    expect(events).toEqual(['sleep 10000', 'sleep 10000']);
    advance(3_600_000);
    expect(scraper.quota().remaining, 'long after the last request one may go').toBe(1);
    await scraper.scrape();
    expect(
      server!.requests.filter((path) => path === '/robots.txt'),
      'fetched again after an hour',
    ).toHaveLength(2);
  });

  it('treats a 404 robots.txt as allowing everything', async () => {
    const { scraper } = await setup({ robots: { status: 404, text: 'Not Found' } });
    expect((await scraper.scrape()).listings).toHaveLength(3);
  });

  it('refuses a page robots.txt disallows, naming the rule, without requesting it', async () => {
    const { scraper } = await setup({}, {}, '/new-tokens/page/2');
    const error = await scrapeError(scraper.scrape());
    expect(error.code).toBe('ROBOTS_DISALLOWED');
    expect(error.message).toMatch(
      /robots\.txt of http:\/\/127\.0\.0\.1:\d+ disallows \/new-tokens\/page\/2 for marketlensbot \(rule "Disallow: \/new-tokens" in the User-agent: \* group\)/,
    );
    expect(server!.requests).toEqual(['/robots.txt']);
  });

  it('treats a robots.txt that keeps failing with 5xx as disallowing everything', async () => {
    const { scraper } = await setup({ robots: { status: 503, text: 'busy' } });
    const error = await scrapeError(scraper.scrape());
    expect(error.code).toBe('ROBOTS_DISALLOWED');
    expect(error.message).toMatch(/could not be read .*HTTP 503.*treated as disallowing everything/);
    expect(server!.requests, 'retried once, page never asked').toEqual(['/robots.txt', '/robots.txt']);
  });

  it('says the layout changed, naming the row selector, when a redesign removed the table', async () => {
    const { scraper } = await setup({
      page: { status: 200, text: fixture('new-tokens-redesigned.html'), headers: HTML },
    });
    const error = await scrapeError(scraper.scrape());
    expect(error.code).toBe('LAYOUT_CHANGED');
    expect(error.message).toMatch(/rowSelector "table\.listings tbody tr" matched nothing/);
  });

  it('says the layout changed, naming the symbol selector, when rows are found but no symbol is', async () => {
    const { scraper } = await setup({}, { symbolSelector: 'td.ticker' });
    const error = await scrapeError(scraper.scrape());
    expect(error.code).toBe('LAYOUT_CHANGED');
    expect(error.message).toMatch(/symbolSelector "td\.ticker" found no symbol in any of the 4 rows/);
  });

  it('says the layout changed when a configured optional selector matches in no listing', async () => {
    const { scraper } = await setup({}, { addressSelector: 'td.token-address' });
    const error = await scrapeError(scraper.scrape());
    expect(error.message).toMatch(/addressSelector "td\.token-address" matched nothing in any of the 3 listings/);
  });

  it('leaves unconfigured optional fields null', async () => {
    const { scraper } = await setup({}, { nameSelector: '', addressSelector: '', linkSelector: '' });
    const { listings } = await scraper.scrape();
    expect(listings[0]).toEqual({ symbol: 'PEPE2', name: null, address: null, url: null });
  });
});
