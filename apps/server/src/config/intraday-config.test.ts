import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config';

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

describe('intraday ingestion config', () => {
  it('defaults to binance spot markets through ccxt, no series and the schedule off', () => {
    const config = loadConfig({ env: env({}) });
    expect(config.providers.exchange).toMatchObject({ id: 'binance', baseUrl: '', pageLimit: 1000, rateLimitMs: 0 });
    expect(config.providers.exchange.options).toEqual({ binance: { fetchMarkets: { types: ['spot'] } } });
    expect(config.ingest.intradaySymbols).toEqual([]);
    expect(config.jobs.schedules['ingest.intraday']?.enabled).toBe(false);
  });

  it('reads series from JSON in the environment and fills in the optional fields', () => {
    const config = loadConfig({
      env: env({
        MARKETLENS_INGEST__INTRADAY_SYMBOLS: JSON.stringify([{ symbol: 'BTCUSDT', market: 'BTC/USDT' }]),
        MARKETLENS_PROVIDERS__EXCHANGE__OPTIONS: '{"kraken":{"adjustForTimeDifference":false}}',
      }),
    });
    expect(config.ingest.intradaySymbols).toEqual([
      { symbol: 'BTCUSDT', market: 'BTC/USDT', timeframe: '1m', fillGaps: false, gapLookbackDays: 7 },
    ]);
    expect(Object.keys(config.providers.exchange.options).sort()).toEqual(['binance', 'kraken']);
  });

  it('names the bad key of a series that is not an exchange market', () => {
    const load = () =>
      loadConfig({
        env: env({ MARKETLENS_INGEST__INTRADAY_SYMBOLS: '[{"symbol":"BTC","market":"BTCUSDT","timeframe":"2h"}]' }),
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/ingest\.intradaySymbols\.0\.market/);
    expect(load).toThrow(/ingest\.intradaySymbols\.0\.timeframe/);
  });
});
