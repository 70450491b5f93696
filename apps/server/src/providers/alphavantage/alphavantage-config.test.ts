import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load-config';

describe('providers.alphavantage settings', () => {
  it('defaults to no key, 25 requests a day, 5 a minute, the UTC day and the adjusted series', () => {
    expect(loadConfig({ env: {} }).providers.alphavantage).toEqual({
      apiKey: '',
      baseUrl: 'https://www.alphavantage.co',
      dailyQuota: 25,
      perMinute: 5,
      timeZone: 'UTC',
      adjusted: true,
    });
  });

  it('reads the key and the rest from MARKETLENS_PROVIDERS__ALPHAVANTAGE__*', () => {
    const config = loadConfig({
      env: {
        MARKETLENS_PROVIDERS__ALPHAVANTAGE__API_KEY: 'K3Y',
        MARKETLENS_PROVIDERS__ALPHAVANTAGE__DAILY_QUOTA: '75',
        MARKETLENS_PROVIDERS__ALPHAVANTAGE__TIME_ZONE: 'America/New_York',
        MARKETLENS_PROVIDERS__ALPHAVANTAGE__ADJUSTED: 'false',
      },
    });
    expect(config.providers.alphavantage).toMatchObject({
      apiKey: 'K3Y',
      dailyQuota: 75,
      timeZone: 'America/New_York',
      adjusted: false,
    });
  });

  it('stops start-up on an unknown time zone, naming the key', () => {
    expect(() => loadConfig({ env: { MARKETLENS_PROVIDERS__ALPHAVANTAGE__TIME_ZONE: 'Mars/Olympus' } })).toThrow(
      /providers\.alphavantage\.timeZone: must be an IANA time zone/,
    );
  });
});
