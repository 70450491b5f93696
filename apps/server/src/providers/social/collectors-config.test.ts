import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load-config';

describe('providers.x, providers.etherscan and providers.scrape settings', () => {
  it('default to no secrets (collectors off), the public API roots and polite rates', () => {
    const { x, etherscan, scrape } = loadConfig({ env: {} }).providers;
    expect(x).toEqual({
      bearerToken: '',
      baseUrl: 'https://api.x.com',
      requestsPerMinute: 30,
      maxPagesPerRun: 5,
      timeoutMs: 15_000,
      retries: 2,
    });
    expect(etherscan).toEqual({
      apiKey: '',
      baseUrl: 'https://api.etherscan.io',
      requestsPerSecond: 5,
      timeoutMs: 15_000,
      retries: 3,
    });
    expect(scrape).toMatchObject({ url: '', userAgent: 'MarketLensBot/1.0 (+self-hosted)', minIntervalMs: 10_000 });
  });

  it('read the secrets and the rest from MARKETLENS_PROVIDERS__*', () => {
    const { x, etherscan, scrape } = loadConfig({
      env: {
        MARKETLENS_PROVIDERS__X__BEARER_TOKEN: 'AAAA-token',
        MARKETLENS_PROVIDERS__X__MAX_PAGES_PER_RUN: '2',
        MARKETLENS_PROVIDERS__ETHERSCAN__API_KEY: 'K3Y',
        MARKETLENS_PROVIDERS__ETHERSCAN__REQUESTS_PER_SECOND: '2',
        MARKETLENS_PROVIDERS__SCRAPE__URL: 'https://tokens.example/new-tokens',
        MARKETLENS_PROVIDERS__SCRAPE__ROW_SELECTOR: 'div.card',
        MARKETLENS_PROVIDERS__SCRAPE__MIN_INTERVAL_MS: '30000',
      },
    }).providers;
    expect(x).toMatchObject({ bearerToken: 'AAAA-token', maxPagesPerRun: 2 });
    expect(etherscan).toMatchObject({ apiKey: 'K3Y', requestsPerSecond: 2 });
    expect(scrape).toMatchObject({
      url: 'https://tokens.example/new-tokens',
      rowSelector: 'div.card',
      minIntervalMs: 30_000,
    });
  });

  it('stop start-up on a scrape URL that is not http(s), naming the key', () => {
    expect(() => loadConfig({ env: { MARKETLENS_PROVIDERS__SCRAPE__URL: 'ftp://tokens.example/' } })).toThrow(
      /providers\.scrape\.url/,
    );
  });
});
